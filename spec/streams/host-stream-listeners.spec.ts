import { take } from 'rxjs';
import {
  CALL_CARD_EVENT_TYPES,
  CallCardUnavailableError,
  callCardEvents,
  deferPlacement,
  fromCallCardEvent,
  hostEventName,
} from 'b24-call-card-rx';
import { channelOf } from '../../src/session/event-hub';
import { sessionOf } from '../../src/session/session';
import { callInfo } from '../support/fixtures';
import { recordingPlacement } from '../support/recording-placement';
import type { RecordingPlacement } from '../support/recording-placement';

/** A placement whose `bindEvent` throws for `failing` (once, or for every try). */
function failingBinds(failing: string, always = true): RecordingPlacement {
  const placement = recordingPlacement();
  const bind = placement.bindEvent.bind(placement);
  let failed = false;
  placement.bindEvent = (name, handler) => {
    if (name === failing && (always || !failed)) {
      failed = true;
      throw new Error('no such event');
    }
    bind(name, handler);
  };
  return placement;
}

/** How many listeners each event's channel holds. */
const listening = (placement: RecordingPlacement): number[] =>
  CALL_CARD_EVENT_TYPES.map((type) => channelOf(sessionOf(placement), type).listeners.list.length);

// A host stream's subscriber is a listener of the hub exactly as long as it is subscribed: a
// bind that fails errors it and leaves nothing listening (the host bindings made stay: they can
// never be removed, and are made once).
describe('the listeners of host streams', () => {
  it('a bind that throws errors the subscriber and leaves it listening nowhere', () => {
    const placement = failingBinds(hostEventName('hangupButtonClick'), false);
    const errors: unknown[] = [];
    const sub = fromCallCardEvent(placement, 'hangupButtonClick').subscribe({
      error: (e) => errors.push(e),
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(CallCardUnavailableError);
    expect(sub.closed).toBe(true);
    expect(listening(placement).every((n) => n === 0)).toBe(true);
    // The event stays unbound; the next subscriber binds it, once, and hears it once.
    const seen: unknown[] = [];
    const again = fromCallCardEvent(placement, 'hangupButtonClick').subscribe((v) => seen.push(v));
    placement.emit(hostEventName('hangupButtonClick'), []);
    expect(seen).toEqual([undefined]);
    expect(placement.bindCount(hostEventName('hangupButtonClick'))).toBe(1);
    again.unsubscribe();
    expect(listening(placement).every((n) => n === 0)).toBe(true);
  });

  it('all$ over 17 events whose 5th bind throws: errored, the first four bound, nothing listening', () => {
    const fifth = CALL_CARD_EVENT_TYPES[4];
    const placement = failingBinds(hostEventName(fifth));
    const errors: unknown[] = [];
    const sub = callCardEvents(placement).all$.subscribe({ error: (e) => errors.push(e) });
    expect(errors).toHaveLength(1);
    expect((errors[0] as CallCardUnavailableError).message).toContain(hostEventName(fifth));
    expect(sub.closed).toBe(true);
    expect(placement.binds).toEqual(CALL_CARD_EVENT_TYPES.slice(0, 4).map(hostEventName));
    expect(listening(placement).every((n) => n === 0)).toBe(true);
    // Nothing of the failed subscriber hears the bound events.
    placement.emit(hostEventName(CALL_CARD_EVENT_TYPES[0]), callInfo());
    expect(errors).toHaveLength(1);
  });

  it('unsubscribing during a delivery: the others still get the event, the leaver nothing more', () => {
    const placement = recordingPlacement();
    const events = callCardEvents(placement);
    const seen: string[] = [];
    const first = events.hangup$.subscribe(() => {
      seen.push('first');
      second.unsubscribe();
      first.unsubscribe();
    });
    const second = events.hangup$.subscribe(() => seen.push('second'));
    const third = events.hangup$.subscribe(() => seen.push('third'));
    placement.emit(hostEventName('hangupButtonClick'), []);
    placement.emit(hostEventName('hangupButtonClick'), []);
    // `second` left during the delivery it was part of: it hears nothing once it left.
    expect(seen).toEqual(['first', 'third', 'third']);
    third.unsubscribe();
    expect(channelOf(sessionOf(placement), 'hangupButtonClick').listeners.list).toEqual([]);
    expect(placement.bindCount(hostEventName('hangupButtonClick'))).toBe(1);
  });

  it('a re-subscription binds nothing again, replays the latest card and hears each event once', () => {
    const placement = recordingPlacement();
    const events = callCardEvents(placement);
    const seen: string[] = [];
    events.initialized$.pipe(take(1)).subscribe((c) => seen.push(`a ${c.CALL_ID}`));
    placement.emit(hostEventName('initialized'), callInfo({ CALL_ID: 'c-1' }));
    const sub = events.initialized$.subscribe((c) => seen.push(`b ${c.CALL_ID}`));
    placement.emit(hostEventName('initialized'), callInfo({ CALL_ID: 'c-2' }));
    sub.unsubscribe();
    const again = events.initialized$.subscribe((c) => seen.push(`c ${c.CALL_ID}`));
    expect(seen).toEqual(['a c-1', 'b c-1', 'b c-2', 'c c-2']);
    expect(placement.bindCount(hostEventName('initialized'))).toBe(1);
    expect(channelOf(sessionOf(placement), 'initialized').listeners.list).toHaveLength(1);
    again.unsubscribe();
    expect(channelOf(sessionOf(placement), 'initialized').listeners.list).toHaveLength(0);
  });

  it('on a deferred placement: a subscriber before the start and one after both listen once', async () => {
    const host = recordingPlacement();
    let arrive: (port: RecordingPlacement) => void = () => undefined;
    const deferred = deferPlacement(new Promise<RecordingPlacement>((r) => (arrive = r)));
    const seen: string[] = [];
    const before = fromCallCardEvent(deferred, 'hangupButtonClick').subscribe(() =>
      seen.push('before'),
    );
    const left = fromCallCardEvent(deferred, 'muteButtonClick').subscribe(() => seen.push('left'));
    left.unsubscribe();
    arrive(host);
    await Promise.resolve();
    await Promise.resolve();
    const after = fromCallCardEvent(deferred, 'hangupButtonClick').subscribe(() =>
      seen.push('after'),
    );
    host.emit(hostEventName('hangupButtonClick'), []);
    host.emit(hostEventName('muteButtonClick'), true);
    expect(seen).toEqual(['before', 'after']);
    expect(host.binds).toEqual([hostEventName('hangupButtonClick')]);
    before.unsubscribe();
    after.unsubscribe();
    expect(listening(host).every((n) => n === 0)).toBe(true);
  });
});
