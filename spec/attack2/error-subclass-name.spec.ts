import { CallCardError, CallCardUnavailableError } from 'b24-call-card-rx';

// Promise broken: the error classes may be extended by the app ("by ordinary `instanceof` rules
// for a class of the app that extends it", errors.ts), and users' error monitoring "groups by
// `name`". Every constructor assigns `this.name = kind` (`setKind`), so an app class that names
// itself the way JavaScript classes usually do cannot be built (a `name` getter makes the
// assignment throw in strict mode), or loses its name (a prototype `name` is shadowed), which a
// plain `extends Error` class does not.
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
