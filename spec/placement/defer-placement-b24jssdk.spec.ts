/**
 * @jest-environment jsdom
 */
import { initializeB24Frame, type B24Frame } from '@bitrix24/b24jssdk';
import type { CallInfo } from '../../src/model/events';
import { hostEventName } from '../../src/model/events';
import { deferPlacement } from '../../src/placement/defer-placement';
import { fromB24Frame } from '../../src/placement/from-b24-frame';
import { callCardEvents } from '../../src/streams/call-card-events';
import { connectCallCard } from '../../src/call-card';
import { callInfo } from '../support/fixtures';
import { APP_SID, DOMAIN, scriptedHost, wait } from '../support/scripted-portal-host';

// The SDK's CommonJS build requires the ESM-only `qs-esm`, which only its REST batch code uses.
jest.mock('qs-esm', () => jest.requireActual('../support/qs-esm-stub'));

const CALL = callInfo({ CALL_ID: 'sdk-call-1', PHONE_NUMBER: '+1 555 0100' });

/** Polls real time until `condition` holds (the SDK's messages are real `postMessage`s). */
async function until(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await wait(5);
  }
}

describe('deferPlacement over the real @bitrix24/b24jssdk under jsdom', () => {
  const host = scriptedHost();
  let frame: B24Frame | undefined;

  beforeAll(() => {
    window.name = `${DOMAIN}|1|${APP_SID}`;
    Object.defineProperty(window, 'parent', { value: host.parent, configurable: true });
  });

  afterAll(() => {
    frame?.destroy();
  });

  it("still recovers the SDK's lost first event: initialized raised inside the bind window reaches initialized$", async () => {
    const INITIALIZED = hostEventName('initialized');
    const bindPromises = new Map<string, Promise<unknown>>();
    // Wired before the SDK has even started its handshake.
    const placement = deferPlacement(
      initializeB24Frame().then(($b24) => {
        frame = $b24;
        // Watch what the SDK's own bindEvent promises resolve with.
        const bindEvent = $b24.placement.bindEvent.bind($b24.placement);
        $b24.placement.bindEvent = (name: string, callback: (payload: unknown) => void) => {
          const pending = bindEvent(name, callback);
          bindPromises.set(name, pending);
          return pending;
        };
        return fromB24Frame($b24);
      }),
    );
    const card = connectCallCard(placement);
    const seen: CallInfo[] = [];
    callCardEvents(placement).initialized$.subscribe((call) => seen.push(call));
    expect(placement.status()).toBe('pending');
    expect(card.snapshot().uiState).toBeNull();

    await placement.ready;
    // The recorded binds went out to the host once the SDK was there.
    await until(() => host.bindCount(INITIALIZED) === 1, 'the initialized binding');
    await wait(50);
    host.raise(INITIALIZED, CALL);
    await until(() => seen.length > 0, 'initialized$');

    // The SDK resolved its bindEvent promise with the event (it never reached the callback):
    // this is the lost first event, and the adapter recovered it behind the deferred port.
    await expect(bindPromises.get(INITIALIZED)).resolves.toEqual(CALL);
    expect(seen).toEqual([CALL]);
    expect(card.snapshot().call).toEqual(CALL);
    expect(card.snapshot().uiState).toBe('externalCard');
    expect(host.bindCount(INITIALIZED)).toBe(1);
    card.dispose();
  });
});
