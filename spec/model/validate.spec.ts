import fc from 'fast-check';
import { CallCardError, CallCardPayloadError } from '../../src/model/errors';
import { CALL_CARD_EVENT_TYPES, type CallCardEventType } from '../../src/model/events';
import { readEventPayload } from '../../src/model/validate';
import { callInfo } from '../support/fixtures';
import { DATA_TYPES, NO_DATA_TYPES, VALID } from '../support/valid-payloads';

/** A realistic `initialized` payload, as the host sends it (docs/host-behaviour.md, section 2). */
const CALL = callInfo({
  CALL_ID: 'externalCall.0e1b7a3c.1700000000',
  PHONE_NUMBER: '+4930123456',
  LINE_NUMBER: 'app.1',
  LINE_NAME: 'Sales line',
  CRM_ENTITY_TYPE: 'CONTACT',
  CRM_ENTITY_ID: 17,
  CRM_ACTIVITY_ID: 301,
  CRM_BINDINGS: [{ ENTITY_TYPE: 'CONTACT', ENTITY_ID: 17 }],
});

/** Garbage per data event: values of the wrong kind. */
const GARBAGE: { readonly [K in (typeof DATA_TYPES)[number]]: readonly unknown[] } = {
  initialized: [null, 42, 'call', [], {}, { ...CALL, CALL_ID: '' }, { ...CALL, CALL_ID: {} }],
  entityChanged: [null, 42, 'LEAD', [], { CRM_ENTITY_TYPE: 'lead' }, { CRM_ENTITY_ID: 'abc' }],
  holdButtonClick: [null, 1, 'true', {}, [], ''],
  muteButtonClick: [null, 0, 'Y', { value: true }, [true], ''],
  transferButtonClick: [null, 7, '+4930', [], {}, { phoneNumber: 5, target: 1 }],
  dialpadButtonClick: [null, 10, '12', 'a', {}, [], ''],
  qualityMeterClick: [null, 0, 6, '0', 'good', {}, ''],
  addCommentButtonClick: [null, 42, true, {}, ['text']],
};

function expectRefused(type: CallCardEventType, raw: unknown): CallCardPayloadError {
  const result = readEventPayload(type, raw);
  if (result.ok) throw new Error(`${type} accepted ${JSON.stringify(raw)}`);
  expect(result.error).toBeInstanceOf(CallCardPayloadError);
  expect(result.error).toBeInstanceOf(CallCardError);
  expect(result.error.event).toBe(type);
  expect(result.error.message.startsWith(`BackgroundCallCard::${type}: payload was `)).toBe(true);
  return result.error;
}

function throwingProxy(thrown: () => unknown): object {
  const fail = (): never => {
    throw thrown();
  };
  return new Proxy(
    {},
    { get: fail, getOwnPropertyDescriptor: fail, ownKeys: fail, has: fail, getPrototypeOf: fail },
  );
}

describe('readEventPayload', () => {
  describe('valid payloads', () => {
    it.each(CALL_CARD_EVENT_TYPES)('reads a valid %s payload as its typed value', (type) => {
      const { raw, value } = VALID[type];
      expect(readEventPayload(type, raw)).toEqual({ ok: true, value });
    });

    it('covers every one of the 17 event types', () => {
      expect(Object.keys(VALID).sort()).toEqual([...CALL_CARD_EVENT_TYPES].sort());
      expect([...NO_DATA_TYPES, ...DATA_TYPES].sort()).toEqual([...CALL_CARD_EVENT_TYPES].sort());
    });
  });

  describe('no-data events', () => {
    it.each(NO_DATA_TYPES)(
      '%s: reads "" (SDK), [] (classic BX24) and nothing as undefined',
      (type) => {
        for (const raw of ['', [], undefined, null])
          expect(readEventPayload(type, raw)).toEqual({ ok: true, value: undefined });
      },
    );

    it('keeps a click whatever came with it, rather than dropping it', () => {
      for (const raw of [42, 'x', { a: 1 }, [1], throwingProxy(() => new Error('boom'))])
        expect(readEventPayload('hangupButtonClick', raw)).toEqual({ ok: true, value: undefined });
    });
  });

  describe('garbage', () => {
    it.each(DATA_TYPES)(
      '%s: refuses garbage with a CallCardPayloadError naming the event',
      (type) => {
        for (const raw of GARBAGE[type]) {
          expect(() => readEventPayload(type, raw)).not.toThrow();
          expect(expectRefused(type, raw).value).toBe(raw);
        }
      },
    );

    it('says what was wrong and what was expected', () => {
      expect(expectRefused('muteButtonClick', 'yes').message).toBe(
        'BackgroundCallCard::muteButtonClick: payload was "yes"; expected a boolean',
      );
      expect(expectRefused('holdButtonClick', { value: true }).message).toBe(
        'BackgroundCallCard::holdButtonClick: payload was {"value":true}; expected a boolean',
      );
      expect(expectRefused('addCommentButtonClick', 42).message).toBe(
        'BackgroundCallCard::addCommentButtonClick: payload was 42; expected a string',
      );
      expect(expectRefused('dialpadButtonClick', 'a').message).toBe(
        'BackgroundCallCard::dialpadButtonClick: payload was "a"; expected one dialpad key: 0-9, * or #',
      );
      expect(expectRefused('qualityMeterClick', '6').message).toContain(
        'expected a grade "1" to "5"',
      );
      expect(expectRefused('initialized', null).message).toBe(
        'BackgroundCallCard::initialized: payload was null; expected a call object with CALL_ID',
      );
      expect(
        expectRefused('initialized', { ...CALL, CALL_DIRECTION: 'sideways' }).message,
      ).toContain('expected CALL_DIRECTION to be incoming, outgoing or callback');
      expect(expectRefused('entityChanged', { CRM_ENTITY_TYPE: 'lead' }).message).toContain(
        'expected CRM_ENTITY_TYPE to be LEAD, CONTACT, COMPANY, DEAL or ""',
      );
      expect(
        expectRefused('transferButtonClick', { phoneNumber: '1', target: '' }).message,
      ).toContain('expected target to be an employee id (number or string) or a phone number');
    });
  });

  describe('host variations it accepts', () => {
    it('initialized: PHONE_NUMBER absent or "hidden", defaults for missing CALL_STATE, CALL_LIST_MODE, bindings', () => {
      const { PHONE_NUMBER: _phone, CALL_STATE: _state, CALL_LIST_MODE: _mode, ...rest } = CALL;
      const read = readEventPayload('initialized', { ...rest, CRM_BINDINGS: null });
      expect(read).toEqual({
        ok: true,
        value: { ...rest, CRM_BINDINGS: [], CALL_STATE: 'idle', CALL_LIST_MODE: false },
      });
      expect(read.ok && 'PHONE_NUMBER' in read.value).toBe(false);
      const hidden = readEventPayload('initialized', { ...CALL, PHONE_NUMBER: 'hidden' });
      expect(hidden.ok && hidden.value.PHONE_NUMBER).toBe('hidden');
    });

    it('initialized: a call bound to nothing has CRM_ENTITY_TYPE "" and CRM_ENTITY_ID 0', () => {
      const read = readEventPayload('initialized', {
        ...CALL,
        CRM_ENTITY_TYPE: '',
        CRM_ENTITY_ID: '',
        CRM_BINDINGS: [],
        CALL_DIRECTION: 'callback',
        CALL_LIST_MODE: true,
      });
      expect(read.ok && read.value).toMatchObject({
        CRM_ENTITY_TYPE: '',
        CRM_ENTITY_ID: 0,
        CRM_BINDINGS: [],
        CALL_DIRECTION: 'callback',
        CALL_LIST_MODE: true,
      });
    });

    it('initialized and entityChanged: numeric ids sent as strings become numbers', () => {
      const call = readEventPayload('initialized', {
        ...CALL,
        CRM_ENTITY_ID: '17',
        CRM_BINDINGS: [{ ENTITY_TYPE: 'DEAL', ENTITY_ID: '9' }],
      });
      expect(call.ok && call.value.CRM_ENTITY_ID).toBe(17);
      expect(call.ok && call.value.CRM_BINDINGS).toEqual([{ ENTITY_TYPE: 'DEAL', ENTITY_ID: 9 }]);
      expect(
        readEventPayload('entityChanged', { PHONE_NUMBER: 'unknown', CRM_ENTITY_ID: '3' }),
      ).toEqual({
        ok: true,
        value: { PHONE_NUMBER: 'unknown', CRM_ENTITY_TYPE: '', CRM_ENTITY_ID: 3 },
      });
    });

    it('transferButtonClick: target is an employee id (number or string) or a phone string', () => {
      for (const target of [12, '12', '+4930123456'])
        expect(readEventPayload('transferButtonClick', { phoneNumber: '', target })).toEqual({
          ok: true,
          value: { phoneNumber: '', target },
        });
    });

    it('dialpadButtonClick and qualityMeterClick: a key or grade sent as a number reads as the string', () => {
      expect(readEventPayload('dialpadButtonClick', 7)).toEqual({ ok: true, value: '7' });
      expect(readEventPayload('qualityMeterClick', 3)).toEqual({ ok: true, value: '3' });
    });

    it('copies only the documented keys, never extra ones', () => {
      const read = readEventPayload('transferButtonClick', {
        phoneNumber: '1',
        target: 2,
        extra: 'x',
      });
      expect(read).toEqual({ ok: true, value: { phoneNumber: '1', target: 2 } });
    });
  });

  describe('hostile values', () => {
    const samples = (type: CallCardEventType): string[] => {
      const { raw } = VALID[type];
      const body = typeof raw === 'object' && raw !== null ? JSON.stringify(raw).slice(1, -1) : '';
      return [
        '{"__proto__": {"polluted": true, "CALL_ID": "x", "CALL_DIRECTION": "incoming"}}',
        `{${body}${body ? ',' : ''}"__proto__": {"polluted": true}}`,
        '[{"__proto__": {"polluted": true}}]',
      ];
    };

    afterEach(() => {
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    });

    it.each(CALL_CARD_EVENT_TYPES)(
      '%s: "__proto__" keys never pollute Object.prototype',
      (type) => {
        for (const text of samples(type)) {
          const result = readEventPayload(type, JSON.parse(text));
          expect(typeof result.ok).toBe('boolean');
          if (result.ok && typeof result.value === 'object' && result.value !== null) {
            expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
            expect(Object.prototype.hasOwnProperty.call(result.value, '__proto__')).toBe(false);
            expect((result.value as { polluted?: unknown }).polluted).toBeUndefined();
          }
        }
      },
    );

    it('never reads a field from a "__proto__" key', () => {
      const error = expectRefused(
        'initialized',
        JSON.parse('{"__proto__": {"CALL_ID": "1", "CALL_DIRECTION": "incoming"}}'),
      );
      expect(error.message).toContain('expected CALL_ID to be a non-empty string');
    });

    it.each(DATA_TYPES)('%s: a throwing getter is a refused payload, never a throw', (type) => {
      for (const thrown of [() => new Error('boom'), () => Object.create(null) as unknown]) {
        const raw = throwingProxy(thrown);
        expect(() => readEventPayload(type, raw)).not.toThrow();
        expect(expectRefused(type, raw).message).toMatch(
          new RegExp(
            `^BackgroundCallCard::${type}: payload was (an unreadable value|"\\[unreadable value\\]"); expected `,
          ),
        );
      }
    });

    it('a throwing getter on a nested field is refused too', () => {
      const payload = { ...CALL, CRM_BINDINGS: [throwingProxy(() => new Error('nested'))] };
      expect(expectRefused('initialized', payload).message).toContain('(Error: nested)');
      const revoked = Proxy.revocable({}, {});
      revoked.revoke();
      expectRefused('entityChanged', revoked.proxy);
    });

    it('never throws and always answers ok or a CallCardPayloadError, for any value', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...CALL_CARD_EVENT_TYPES),
          fc.anything({ withObjectString: true }),
          (type, raw) => {
            const result = readEventPayload(type, raw);
            return result.ok || result.error instanceof CallCardPayloadError;
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
