/**
 * What `isInPortalFrame` reads of a window. Pass such an object to test both outcomes without a
 * browser.
 */
export interface PortalFrameWindowLike {
  readonly name: string;
  readonly parent: unknown;
}

// `DOMAIN|PROTOCOL|APP_SID`, PROTOCOL 1 for https and 0 for http (docs/host-behaviour.md, section 6).
const PORTAL_FRAME_NAME = /^[^|]+\|[01]\|[^|]+$/;

/**
 * Whether this page runs where a portal put it: inside a frame (its `parent` is another window)
 * whose `window.name` is the portal's `DOMAIN|PROTOCOL|APP_SID`. Both client libraries need
 * that name: without it the SDK's `initializeB24Frame()` rejects and the classic `BX24` script
 * throws, so an app started on a laptop (`ng serve`, a plain browser tab) can check first and
 * start on `createCallCardSimulator()` instead (see the Angular guide, "Outside a portal").
 *
 * Without a window (Node, a worker) it is `false`.
 *
 * @example
 * ```ts
 * import { initializeB24Frame } from '@bitrix24/b24jssdk';
 * import { deferPlacement, fromB24Frame, isInPortalFrame } from 'b24-call-card-rx';
 * import { createCallCardSimulator } from 'b24-call-card-rx/testing';
 *
 * // In a file only development builds use (see the Angular guide), so that the simulator stays
 * // out of production bundles:
 * const placement = isInPortalFrame()
 *   ? deferPlacement(initializeB24Frame().then(fromB24Frame))
 *   : createCallCardSimulator();
 * ```
 */
export function isInPortalFrame(
  win: PortalFrameWindowLike | undefined = (globalThis as { window?: PortalFrameWindowLike })
    .window,
): boolean {
  if (win === undefined || win === null) return false;
  let parent: unknown;
  let name: unknown;
  try {
    parent = win.parent;
    name = win.name;
  } catch {
    return false;
  }
  return parent !== win && parent !== undefined && parent !== null && typeof name === 'string'
    ? PORTAL_FRAME_NAME.test(name)
    : false;
}
