/**
 * The one interface to the host. Every adapter (`fromBX24`, `fromB24Frame`) and every fake
 * (`createTestPlacement`, `createCallCardSimulator`) implements it, and every layer above talks
 * to the host through it alone. Implement it to wrap a port (logging, as below) or to reach the
 * host through a transport of your own; type your own functions' `placement` parameter with it.
 *
 * Contract for implementations:
 * 1. `call` sends one command. `onReply` runs with the host's reply as the host sent it (an array,
 *    an error array, a bare object), at most as often as the host answers. When the host never
 *    answers (`CallCardStartTimer`, `CallCardStopTimer`, an unknown command), it never runs.
 * 2. `onError` runs when the transport itself fails (a rejected SDK promise).
 * 3. `bindEvent` binds a host event name (`BackgroundCallCard::...`) for good: bindings cannot be
 *    removed, and binding a name twice delivers every event twice. `handler` receives the raw
 *    payload (`""` and `[]` included); the streams layer normalises it.
 *
 * @example
 * ```ts
 * import type { PlacementPort } from 'b24-call-card-rx';
 * const logging = (inner: PlacementPort): PlacementPort => ({
 *   call: (command, params, onReply, onError) => {
 *     console.log('->', command, params);
 *     inner.call(command, params, onReply, onError);
 *   },
 *   bindEvent: (name, handler) => inner.bindEvent(name, handler),
 * });
 * ```
 */
export interface PlacementPort {
  /** Sends one command; see rules 1 and 2 above. */
  call(
    command: string,
    params: Readonly<Record<string, unknown>>,
    onReply: (reply: unknown) => void,
    onError?: (error: unknown) => void,
  ): void;
  /** Binds a host event name for good; see rule 3 above. */
  bindEvent(hostEventName: string, handler: (payload: unknown) => void): void;
}
