import {
  CallCardCommandError,
  CallCardError,
  CallCardInputError,
  CallCardPayloadError,
  CallCardTimeoutError,
  CallCardUnavailableError,
  describeValue,
} from '../../src/model/errors';

describe('error classes', () => {
  const cases: ReadonlyArray<readonly [CallCardError, string, string]> = [
    [new CallCardError('plain'), 'CallCardError', 'plain'],
    [
      new CallCardInputError('CallCardSetUiState', 'uiState', 'talking', 'one of incoming, ...'),
      'CallCardInputError',
      'CallCardSetUiState: uiState was "talking"; expected one of incoming, ...',
    ],
    [
      new CallCardPayloadError('muteButtonClick', 'yes', 'a boolean'),
      'CallCardPayloadError',
      'BackgroundCallCard::muteButtonClick: payload was "yes"; expected a boolean',
    ],
    [
      new CallCardCommandError('CallCardSetHold', 'Call card is undefined', [
        { result: 'error', errorCode: 'Call card is undefined' },
      ]),
      'CallCardCommandError',
      'CallCardSetHold: the host answered with error "Call card is undefined"',
    ],
    [
      new CallCardTimeoutError('CallCardSetCardTitle', 2000),
      'CallCardTimeoutError',
      'CallCardSetCardTitle: no reply from the host within 2000 ms',
    ],
    [
      new CallCardUnavailableError('fromBX24', 'no BX24.placement'),
      'CallCardUnavailableError',
      'fromBX24: no BX24.placement',
    ],
  ];

  it.each(cases.map((c) => [c[1], ...c] as const))(
    '%s: name, instanceof chain and message',
    (_, error, name, message) => {
      expect(error.name).toBe(name);
      expect(error.message).toBe(message);
      expect(String(error)).toBe(`${name}: ${message}`);
      expect(error).toBeInstanceOf(CallCardError);
      expect(error).toBeInstanceOf(Error);
      expect(typeof error.stack).toBe('string');
    },
  );

  it('keeps the fields a handler needs', () => {
    const input = new CallCardInputError('CallCardSetMute', 'muted', 'yes', 'a boolean');
    expect([input.command, input.field, input.value, input.expected]).toEqual([
      'CallCardSetMute',
      'muted',
      'yes',
      'a boolean',
    ]);
    const reply = [{ result: 'error', errorCode: 'Invalid ui state' }];
    const command = new CallCardCommandError('CallCardSetUiState', 'Invalid ui state', reply);
    expect([command.command, command.errorCode, command.reply]).toEqual([
      'CallCardSetUiState',
      'Invalid ui state',
      reply,
    ]);
    const payload = new CallCardPayloadError('dialpadButtonClick', 'a', 'a key');
    expect([payload.event, payload.value, payload.expected]).toEqual([
      'dialpadButtonClick',
      'a',
      'a key',
    ]);
    expect(new CallCardTimeoutError('CallCardClose', 50).timeoutMs).toBe(50);
    const unavailable = new CallCardUnavailableError('fromB24Frame', 'not initialised');
    expect([unavailable.subject, unavailable.reason]).toEqual(['fromB24Frame', 'not initialised']);
  });

  it('subclasses do not catch one another', () => {
    expect(new CallCardTimeoutError('x', 1)).not.toBeInstanceOf(CallCardCommandError);
    expect(new CallCardPayloadError('x', 1, 'y')).not.toBeInstanceOf(CallCardInputError);
  });

  it('keeps a cause given to the base class', () => {
    const cause = new Error('root');
    expect(new CallCardError('wrapped', { cause }).cause).toBe(cause);
  });
});

describe('describeValue', () => {
  it('renders values briefly for messages', () => {
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(null)).toBe('null');
    expect(describeValue('a')).toBe('"a"');
    expect(describeValue(3)).toBe('3');
    expect(describeValue(false)).toBe('false');
    expect(describeValue(5n)).toBe('5n');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue(Symbol('s'))).toBe('Symbol(s)');
    expect(describeValue({ a: [1] })).toBe('{"a":[1]}');
  });

  it('shortens long values', () => {
    expect(describeValue('x'.repeat(100))).toBe(JSON.stringify(`${'x'.repeat(57)}...`));
    expect(describeValue({ a: 'y'.repeat(100) })).toHaveLength(80);
  });

  it('never throws on values JSON cannot render', () => {
    const circular: { self?: unknown } = {};
    circular.self = circular;
    expect(describeValue(circular)).toBe('[object Object]');
    expect(describeValue({ toJSON: () => undefined })).toBe('[object Object]');
  });
});

// The error classes may be extended by the app ("by ordinary `instanceof` rules for a class of the
// app that extends it"), and users' error monitoring "groups by `name`", so an app class keeps the
// name it gives itself the way JavaScript classes usually do, as a plain `extends Error` class
// does. This broke while every constructor assigned `this.name`: a `name` getter made the
// assignment throw in strict mode, and a prototype `name` was shadowed.
describe('an app error class that extends CallCardError', () => {
  it('can be constructed when it names itself with a getter', () => {
    class PhoneLineError extends CallCardError {
      override get name(): string {
        return 'PhoneLineError';
      }
    }
    let made: unknown;
    expect(() => {
      made = new PhoneLineError('line 2 is down');
    }).not.toThrow();
    expect((made as Error).name).toBe('PhoneLineError');
    expect(made).toBeInstanceOf(CallCardError);
  });

  it('keeps a name set on its prototype, as a subclass of Error does', () => {
    class CardGoneError extends CallCardUnavailableError {}
    Object.defineProperty(CardGoneError.prototype, 'name', {
      value: 'CardGoneError',
      writable: true,
      configurable: true,
    });
    class PlainError extends Error {}
    Object.defineProperty(PlainError.prototype, 'name', {
      value: 'PlainError',
      writable: true,
      configurable: true,
    });
    expect(new PlainError('x').name).toBe('PlainError');
    expect(new CardGoneError('callCard.send', 'the card is gone').name).toBe('CardGoneError');
  });
});
