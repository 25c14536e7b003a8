import { isInPortalFrame } from '../../src/placement/is-in-portal-frame';

const portal = { postMessage: () => undefined };

describe('isInPortalFrame', () => {
  it('is true in a frame named DOMAIN|PROTOCOL|APP_SID, as the portal makes it', () => {
    expect(isInPortalFrame({ name: 'portal.example.test|1|9c33468728e1', parent: portal })).toBe(
      true,
    );
    expect(isInPortalFrame({ name: 'localhost:8080|0|sid', parent: portal })).toBe(true);
  });

  it('is false in a top-level page (its own parent), whatever its name', () => {
    const top = { name: 'portal.example.test|1|sid', parent: undefined as unknown };
    top.parent = top;
    expect(isInPortalFrame(top)).toBe(false);
  });

  it.each([
    ['no name', ''],
    ['another name', 'preview'],
    ['no app sid', 'portal.example.test|1|'],
    ['a bad protocol', 'portal.example.test|https|sid'],
    ['extra segments', 'a|1|sid|x'],
  ])('is false in a frame with %s', (_, name) => {
    expect(isInPortalFrame({ name, parent: portal })).toBe(false);
  });

  describe("this page's window, by default", () => {
    const global = globalThis as { window?: unknown };
    afterEach(() => {
      delete global.window;
    });

    it('is false without a window (Node, a worker)', () => {
      expect(global.window).toBeUndefined();
      expect(isInPortalFrame()).toBe(false);
    });

    it('reads globalThis.window', () => {
      global.window = { name: 'portal.example.test|1|sid', parent: portal };
      expect(isInPortalFrame()).toBe(true);
    });
  });

  it('is false when the window cannot be read (a cross-origin window)', () => {
    const guarded = {
      get name(): string {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
      parent: portal,
    };
    expect(isInPortalFrame(guarded)).toBe(false);
  });
});
