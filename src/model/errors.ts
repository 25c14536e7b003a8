import { HOST_EVENT_PREFIX } from './events';
import { fullMessages } from './full-messages';

/**
 * Where an error of the library keeps its kind (`'CallCardInputError'`, ...), under a page-wide
 * symbol: `instanceof` then works across the ESM and CJS builds loaded side by side (an error
 * made by one build's shared command queue reaches the other build's code).
 */
const KIND: unique symbol = /* @__PURE__ */ Symbol.for('b24-call-card-rx/error-kind') as never;

type Kinded = { [KIND]?: unknown };

/**
 * `value instanceof cls`, for one of the library's classes (`own`, of `kind`): true for an error
 * of that kind made by any build (for `CallCardError`, whose `kind` is `''`, of any kind), and by
 * ordinary `instanceof` rules for a class of the app that extends it.
 */
function isInstance(cls: object, own: object, kind: string, value: unknown): boolean {
  if (cls === own && typeof value === 'object')
    try {
      const found = (value as Kinded | null)?.[KIND];
      if (kind ? found === kind : typeof found === 'string') return true;
    } catch {
      // A value whose reads throw (a Proxy) is none of ours: ordinary rules decide.
    }
  return Function.prototype[Symbol.hasInstance].call(cls, value);
}

/**
 * Records `kind` on `error` (not enumerable: it is no data of the error), and names it. Each
 * constructor of the library calls it, the base class's first, so the nearest class of the
 * library has the last word. The name is set while the error has no name of its own class: while
 * it still reads `'Error'` (no class of the app gives one) or was set by a constructor of the
 * library before this one. So an error of an app's class that extends one of the library keeps
 * the name its class gives (a prototype `name`, a getter), as with a plain `extends Error`.
 */
function setKind(error: Error, kind: string): void {
  // One descriptor for both: `defineProperty` only reads it.
  const named = { value: kind, writable: true, configurable: true };
  Object.defineProperty(error, KIND, named);
  let own = Object.hasOwn(error, 'name');
  try {
    own ||= error.name === 'Error';
  } catch {
    // A name getter of the app's class that throws: that class names its errors itself.
  }
  if (own) Object.defineProperty(error, 'name', named);
}

/**
 * Base class of every error the library raises: `instanceof CallCardError` catches them all,
 * also those of the library's other build when the ESM and CJS builds are loaded together.
 *
 * @example
 * ```ts
 * import { CallCardError, setStatusText } from 'b24-call-card-rx';
 * try {
 *   setStatusText(42 as unknown as string);
 * } catch (e) {
 *   e instanceof CallCardError; // true
 * }
 * ```
 */
// The fields of the error classes are `declare`d and assigned in the constructor rather than
// written as parameter properties: with ES2022 class fields those would also be emitted as field
// definitions, bytes for nothing (the result is the same own, enumerable properties). Each class
// sets its `name` from a string, not from `new.target.name`: a minifying bundler renames classes,
// and users' error monitoring groups by `name`.
export class CallCardError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    setKind(this, 'CallCardError');
  }

  /**
   * True for every error of the library, whichever build made it (the ESM and CJS builds may be
   * loaded together); for a class of the app that extends this one, `instanceof` as usual.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, CallCardError, '', value);
  }
}

/** How many characters of a value an error message quotes at most. */
const QUOTE_LIMIT = 80;

/**
 * `text` as an error message quotes it: at most `limit` characters (default 200: a host or an app
 * may hand over megabytes; the error's own fields keep it whole).
 *
 * @internal
 */
export function clip(text: string, limit = 200): string {
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
}

/**
 * `String(cause)` for a thrown value in an error message, clipped (`clip`), or what it is when even that
 * throws (a value without a prototype, a hostile Proxy).
 *
 * @internal
 */
export function describeThrow(cause: unknown): string {
  try {
    return clip(String(cause));
  } catch {
    return 'a thrown value that cannot be printed';
  }
}

/**
 * Renders a value for an error message, briefly and without throwing. It reads only as much of
 * the value as the message quotes, so reporting a huge payload costs no more than a small one.
 *
 * @internal
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number') return String(value);
  try {
    return clip(quote(value, QUOTE_LIMIT + 1, []), QUOTE_LIMIT);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      // A Proxy whose every inspection throws.
      return 'an unreadable value';
    }
  }
}

/**
 * `JSON.stringify(value)` for plain data, but stops reading once `left` characters are
 * written: strings are cut before they are escaped, and arrays and objects are walked only
 * until the room is used up. Throws where JSON would not render (a cycle, a `toJSON` that
 * returns nothing); `describeValue` then names the value's kind instead.
 */
function quote(value: unknown, left: number, parents: object[]): string {
  let text: string;
  if (value === null || typeof value === 'boolean') text = String(value);
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : 'null';
  else if (typeof value === 'string')
    text = JSON.stringify(value.length > left ? value.slice(0, left) : value);
  else if (typeof value !== 'object') text = 'null';
  else if (parents.includes(value)) throw new TypeError('cycle');
  else if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const json: unknown = (value as { toJSON(): unknown }).toJSON();
    if (json === undefined) throw new TypeError('nothing to render');
    text = quote(json, left, parents);
  } else if (Array.isArray(value)) {
    parents.push(value);
    text = '[';
    for (let i = 0; i < value.length && left > text.length + i; i++) {
      const item: unknown = value[i];
      text += `${i > 0 ? ',' : ''}${item === undefined || typeof item === 'function' ? 'null' : quote(item, left - text.length, parents)}`;
    }
    text += ']';
    parents.pop();
  } else {
    parents.push(value);
    text = '{';
    // Every key looked at costs the room at least one character, shown or not: a value with
    // many keys it skips (undefined, functions) is read no further than one it shows.
    let looked = 0;
    for (const key in value) {
      if (left <= text.length + looked++) break;
      if (!Object.hasOwn(value, key)) continue;
      const item: unknown = (value as Record<string, unknown>)[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      const shown = key.length > left ? key.slice(0, left) : key;
      text += `${text.length > 1 ? ',' : ''}${JSON.stringify(shown)}:${quote(item, left - text.length - shown.length - 3, parents)}`;
    }
    text += '}';
    parents.pop();
  }
  return text;
}

/**
 * Bad input from the app, thrown synchronously by a command creator before anything reaches the
 * host. Names the command, the bad value and what was expected. In a production build of the app
 * the message is short (`CallCardSetUiState: invalid uiState`) and `expected` is `''`; `command`,
 * `field` and `value` are the same in both (docs/errors.md, "Full and short messages"). It marks a
 * bug in the calling code: let it fail the test, and catch it only around input that comes from
 * outside (a form, a URL).
 *
 * @example
 * ```ts
 * import { setUiState } from 'b24-call-card-rx';
 * setUiState('talking' as never);
 * // throws CallCardInputError: CallCardSetUiState: uiState was "talking"; expected one of ...
 * ```
 */
export class CallCardInputError extends CallCardError {
  declare readonly command: string;
  declare readonly field: string;
  declare readonly value: unknown;
  declare readonly expected: string;

  constructor(command: string, field: string, value: unknown, expected: string) {
    super(
      fullMessages()
        ? `${command}: ${field} was ${describeValue(value)}; expected ${expected}`
        : `${command}: invalid ${field}`,
    );
    setKind(this, 'CallCardInputError');
    this.command = command;
    this.field = field;
    this.value = value;
    this.expected = fullMessages() ? expected : '';
  }

  /** True for an error of this kind, whichever build of the library made it. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, CallCardInputError, 'CallCardInputError', value);
  }
}

/**
 * A host event whose payload is not what the host documents. The event is reported (on
 * `malformed$`) and dropped; it never throws into host code and never ends a stream. In a
 * production build of the app the message is short (`...: invalid payload`) and `expected` is `''`.
 * Log it: the host sent something its documentation does not describe (a new portal version, say).
 *
 * @example
 * ```ts
 * import { callCardEvents } from 'b24-call-card-rx';
 * callCardEvents(placement).malformed$.subscribe((e) => console.warn(e.message));
 * // BackgroundCallCard::muteButtonClick: payload was "yes"; expected a boolean
 * ```
 */
export class CallCardPayloadError extends CallCardError {
  declare readonly event: string;
  declare readonly value: unknown;
  declare readonly expected: string;

  constructor(event: string, value: unknown, expected: string) {
    super(
      fullMessages()
        ? `${HOST_EVENT_PREFIX}${event}: payload was ${describeValue(value)}; expected ${expected}`
        : `${HOST_EVENT_PREFIX}${event}: invalid payload`,
    );
    setKind(this, 'CallCardPayloadError');
    this.event = event;
    this.value = value;
    this.expected = fullMessages() ? expected : '';
  }

  /** True for an error of this kind, whichever build of the library made it. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, CallCardPayloadError, 'CallCardPayloadError', value);
  }
}

/**
 * The host answered a command with an error (`[{"result":"error","errorCode":"..."}]`). Branch on
 * `errorCode` (`CARD_UNDEFINED_ERROR_CODE`, `TRANSPORT_ERROR_CODE`, ...) to tell a missing card
 * from a broken transport.
 *
 * @example
 * ```ts
 * import { CallCardCommandError, sendCommand, setStatusText } from 'b24-call-card-rx';
 * sendCommand(placement, setStatusText('On hold')).subscribe({
 *   error: (e) => {
 *     if (e instanceof CallCardCommandError && e.errorCode === 'Call card is undefined') {
 *       // no card: closed, or not initialized yet
 *     }
 *   },
 * });
 * ```
 */
export class CallCardCommandError extends CallCardError {
  declare readonly command: string;
  declare readonly errorCode: string;
  declare readonly reply?: unknown;

  constructor(command: string, errorCode: string, reply?: unknown) {
    super(`${command}: the host answered with error "${clip(errorCode)}"`);
    setKind(this, 'CallCardCommandError');
    this.command = command;
    this.errorCode = errorCode;
    this.reply = reply;
  }

  /** True for an error of this kind, whichever build of the library made it. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, CallCardCommandError, 'CallCardCommandError', value);
  }
}

/**
 * The host did not answer a command in time. It may still have applied the command, so assume
 * neither: send the value again when it matters.
 *
 * @example
 * ```ts
 * import { sendCommand, setCardTitle } from 'b24-call-card-rx';
 * sendCommand(placement, setCardTitle('A'), { timeoutMs: 2000 }).subscribe({
 *   error: (e) => console.log(e.message), // CallCardSetCardTitle: no reply from the host within 2000 ms
 * });
 * ```
 */
export class CallCardTimeoutError extends CallCardError {
  declare readonly command: string;
  declare readonly timeoutMs: number;

  constructor(command: string, timeoutMs: number) {
    super(`${command}: no reply from the host within ${timeoutMs} ms`);
    setKind(this, 'CallCardTimeoutError');
    this.command = command;
    this.timeoutMs = timeoutMs;
  }

  /** True for an error of this kind, whichever build of the library made it. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, CallCardTimeoutError, 'CallCardTimeoutError', value);
  }
}

/**
 * Something the library needs is not there: no `BX24` (not inside a portal frame), a card that
 * ended before its command could be sent, a disposed facade, a placement that failed to start
 * (`deferPlacement`). `cause` carries the underlying failure when there is one. In a production
 * build of the app `reason` (and so the message) is short: its first words, without the details
 * and the advice.
 *
 * @example
 * ```ts
 * import { fromBX24 } from 'b24-call-card-rx';
 * // Outside a portal frame (no BX24 script loaded):
 * fromBX24(); // throws CallCardUnavailableError: fromBX24: no BX24.placement (BX24 is undefined): ...
 * ```
 */
export class CallCardUnavailableError extends CallCardError {
  declare readonly subject: string;
  declare readonly reason: string;

  constructor(subject: string, reason: string, options?: { cause?: unknown }) {
    super(`${subject}: ${reason}`, options);
    setKind(this, 'CallCardUnavailableError');
    this.subject = subject;
    this.reason = reason;
  }

  /** True for an error of this kind, whichever build of the library made it. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, CallCardUnavailableError, 'CallCardUnavailableError', value);
  }
}
