import { CallCardPayloadError } from '../../src/model/errors';
import type { CallCardEventType } from '../../src/model/events';
import { CALL_CARD_EVENT_TYPES, hostEventName } from '../../src/model/events';
import { callCardEvents } from '../../src/streams/call-card-events';
import { recordingPlacement } from '../support/recording-placement';
import { NO_DATA_TYPES, VALID } from '../support/valid-payloads';

/** A payload whose every inspection throws: what a hostile or broken host could pass. */
const hostile = (): unknown =>
  new Proxy(
    {},
    {
      get: () => {
        throw new Error('trap');
      },
      getOwnPropertyDescriptor: () => {
        throw new Error('trap');
      },
      has: () => {
        throw new Error('trap');
      },
      ownKeys: () => {
        throw new Error('trap');
      },
      getPrototypeOf: () => {
        throw new Error('trap');
      },
    },
  );

const GARBAGE: ReadonlyArray<readonly [string, () => unknown]> = [
  ['null', () => null],
  ['a number', () => 42],
  ['an object', () => ({})],
  ['an object of other keys', () => ({ a: 1 })],
  ['a Date', () => new Date(0)],
  ['a Map', () => new Map([['PHONE_NUMBER', '+1']])],
  ['a __proto__ key', () => JSON.parse('{"__proto__":{"x":1}}')],
  ['a throwing proxy', hostile],
];

/**
 * What each event type makes of each garbage value: `'malformed'`, or the value it delivers.
 * No-data clicks accept anything (the click happened; dropping it would lose it). An object that
 * carries none of its event's fields is malformed: read as "bound to nothing" it would replace a
 * real CRM entity in the state.
 */
function expectedFor(type: CallCardEventType, _garbage: string): 'malformed' | { value: unknown } {
  if ((NO_DATA_TYPES as readonly string[]).includes(type)) return { value: undefined };
  return 'malformed';
}

describe('callCardEvents: payloads', () => {
  it.each(CALL_CARD_EVENT_TYPES)('delivers a valid %s payload typed', (type) => {
    const p = recordingPlacement();
    const seen: unknown[] = [];
    callCardEvents(p)
      .on(type)
      .subscribe((v) => seen.push(v));
    p.emit(hostEventName(type), VALID[type].raw);
    expect(seen).toEqual([VALID[type].value]);
  });

  it.each(NO_DATA_TYPES)('normalises %s sent as "", [] or nothing to undefined', (type) => {
    const p = recordingPlacement();
    const seen: unknown[] = [];
    callCardEvents(p)
      .on(type)
      .subscribe((v) => seen.push(v));
    p.emit(hostEventName(type), '');
    p.emit(hostEventName(type), []);
    p.emit(hostEventName(type));
    expect(seen).toEqual([undefined, undefined, undefined]);
  });

  describe.each(CALL_CARD_EVENT_TYPES)('%s with garbage', (type) => {
    it.each(GARBAGE)(
      'reads %s as a typed value or reports and drops it, never throws, keeps delivering',
      (garbage, make) => {
        const p = recordingPlacement();
        const events = callCardEvents(p);
        const seen: unknown[] = [];
        const malformed: CallCardPayloadError[] = [];
        const all: unknown[] = [];
        events.on(type).subscribe((v) => seen.push(v));
        events.all$.subscribe((e) => all.push(e.type));
        events.malformed$.subscribe((e) => malformed.push(e));

        expect(() => p.emit(hostEventName(type), make())).not.toThrow();
        const expected = expectedFor(type, garbage);
        if (expected === 'malformed') {
          expect(seen).toEqual([]);
          expect(all).toEqual([]);
          expect(malformed).toHaveLength(1);
          expect(malformed[0]).toBeInstanceOf(CallCardPayloadError);
          expect(malformed[0]!.event).toBe(type);
          expect(malformed[0]!.message).toContain(`BackgroundCallCard::${type}: payload was`);
        } else {
          expect(seen).toEqual([expected.value]);
          expect(malformed).toEqual([]);
        }

        // The stream is still alive.
        p.emit(hostEventName(type), VALID[type].raw);
        expect(seen[seen.length - 1]).toEqual(VALID[type].value);
        expect(all[all.length - 1]).toBe(type);
      },
    );
  });

  it('never lets a __proto__ key reach a delivered value or Object.prototype', () => {
    const p = recordingPlacement();
    const seen: object[] = [];
    callCardEvents(p).entityChanged$.subscribe((v) => seen.push(v));
    p.emit(
      hostEventName('entityChanged'),
      JSON.parse(
        '{"__proto__":{"x":1},"PHONE_NUMBER":"+1","CRM_ENTITY_TYPE":"DEAL","CRM_ENTITY_ID":5}',
      ),
    );
    expect(seen).toEqual([{ PHONE_NUMBER: '+1', CRM_ENTITY_TYPE: 'DEAL', CRM_ENTITY_ID: 5 }]);
    expect((seen[0] as { x?: unknown }).x).toBeUndefined();
    expect(({} as { x?: unknown }).x).toBeUndefined();
  });

  it('reports a malformed payload with the event, the value and what was expected', () => {
    const p = recordingPlacement();
    const events = callCardEvents(p);
    const malformed: CallCardPayloadError[] = [];
    events.malformed$.subscribe((e) => malformed.push(e));
    events.mute$.subscribe();
    p.emit(hostEventName('muteButtonClick'), 'yes');
    expect(malformed.map((e) => [e.event, e.value, e.message])).toEqual([
      [
        'muteButtonClick',
        'yes',
        'BackgroundCallCard::muteButtonClick: payload was "yes"; expected a boolean',
      ],
    ]);
  });

  it('does not replay malformed$ to late subscribers', () => {
    const p = recordingPlacement();
    const events = callCardEvents(p);
    events.mute$.subscribe();
    p.emit(hostEventName('muteButtonClick'), 'yes');
    const late: unknown[] = [];
    events.malformed$.subscribe((e) => late.push(e));
    expect(late).toEqual([]);
  });

  it('stops replaying initialized once a newer initialized payload is malformed', () => {
    const p = recordingPlacement();
    const events = callCardEvents(p);
    p.emit(hostEventName('initialized'), VALID.initialized.raw);
    p.emit(hostEventName('initialized'), { CALL_ID: '' });
    const late: unknown[] = [];
    events.initialized$.subscribe((c) => late.push(c));
    expect(late).toEqual([]);
  });
});
