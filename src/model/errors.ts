/**
 * Base class of every error the library raises: `instanceof CallCardError` catches them all.
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
// definitions, bytes for nothing (the result is the same own, enumerable properties).
export class CallCardError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Renders a value for an error message, briefly and without throwing. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return Object.prototype.toString.call(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Bad input from the app, thrown synchronously by a command creator before anything reaches the
 * host. Names the command, the bad value and what was expected.
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
    super(`${command}: ${field} was ${describeValue(value)}; expected ${expected}`);
    this.command = command;
    this.field = field;
    this.value = value;
    this.expected = expected;
  }
}

/**
 * A host event whose payload is not what the host documents. The event is reported (on
 * `malformed$`) and dropped; it never throws into host code and never ends a stream.
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
      `BackgroundCallCard::${event}: payload was ${describeValue(value)}; expected ${expected}`,
    );
    this.event = event;
    this.value = value;
    this.expected = expected;
  }
}

/**
 * The host answered a command with an error (`[{"result":"error","errorCode":"..."}]`).
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
    super(`${command}: the host answered with error "${errorCode}"`);
    this.command = command;
    this.errorCode = errorCode;
    this.reply = reply;
  }
}

/**
 * The host did not answer a command in time.
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
    this.command = command;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Something the library needs is not there: no `BX24` (not inside a portal frame), a closed
 * card, a disposed facade, a placement that failed to start (`deferPlacement`; the failure is the
 * error's `cause`).
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
    this.subject = subject;
    this.reason = reason;
  }
}
