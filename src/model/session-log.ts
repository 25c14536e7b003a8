import type { CallCardSnapshot } from './snapshot';

/**
 * A value as it survives `JSON.stringify` and `JSON.parse`: what a session log holds of the
 * host's raw payloads, params and replies. Narrow it before use, as any parsed JSON.
 */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * The version of the session log format this library writes and reads. Check a stored log's
 * `version` against it before reading the log with tools of your own; `replaySession` refuses any
 * other.
 */
export const SESSION_LOG_VERSION = 1;

/**
 * How a card began or ended, in a `card` entry; it tells a user's Close click from the app's
 * `closeCard()` when you read a log:
 * - `initialized`: the host raised a new card (also over an open one, which ends with it);
 * - `closeClick`: the user clicked Close;
 * - `closeCommand`: the host acknowledged a `closeCard()` sent to that card.
 */
export type SessionLogCardCause = 'initialized' | 'closeClick' | 'closeCommand';

/**
 * One thing the session saw, in the order it saw it. `at` is when, in ms since the recording
 * started, on the recorder's scheduler. Raw values are kept as the host sent them (`""`, `[]`,
 * error arrays, bare objects), after the recorder's `redact`; a raw value that JSON cannot hold
 * is replaced by `{ "unserializable": "<what it was>" }`. A missing `payload` or `reply` means
 * the host passed `undefined`. Read them from `log().entries`, or live from `entries$`, to build a
 * viewer, a filter or an assertion of your own.
 *
 * - `event`: a host event as delivered to the library (`event` is the host's name,
 *   `BackgroundCallCard::...`), readable or not.
 * - `command`: a command handed to the host (`placement.call`): `id` numbers it within the log,
 *   `card` is the card it was sent to (the session's numbering: see `card`).
 * - `reply`: an answer of the host to command `id`, every one (a second answer included).
 *   A command with no `reply` and no `transportError` got none: silence.
 * - `transportError`: the transport failed for command `id` (`onError`, or `call` threw);
 *   `error` is its message.
 * - `card`: card `card` began (`lifecycle: 'open'`) or ended (`'closed'`), and why; a card still
 *   open when the next `initialized` came ends with cause `initialized`, just before the new
 *   one begins.
 * - `failure`: the library's own verdict on something the host did: an unreadable payload
 *   (`CallCardPayloadError`), an unreadable reply, a timeout, a command not sent because its
 *   card ended. `id` names the command it concerns, when it concerns one.
 */
export type SessionLogEntry =
  | {
      readonly kind: 'event';
      readonly at: number;
      readonly event: string;
      readonly payload?: JsonValue;
    }
  | {
      readonly kind: 'command';
      readonly at: number;
      readonly id: number;
      readonly command: string;
      readonly params: { readonly [key: string]: JsonValue };
      readonly card: number;
    }
  | { readonly kind: 'reply'; readonly at: number; readonly id: number; readonly reply?: JsonValue }
  | {
      readonly kind: 'transportError';
      readonly at: number;
      readonly id: number;
      readonly error: string;
    }
  | {
      readonly kind: 'card';
      readonly at: number;
      readonly card: number;
      readonly lifecycle: 'open' | 'closed';
      readonly cause: SessionLogCardCause;
    }
  | {
      readonly kind: 'failure';
      readonly at: number;
      readonly id?: number;
      readonly error: SessionLogError;
    };

/**
 * A library error as a session log keeps it: its class name, message and the fields users branch
 * on, so code that reads a log can branch as it would on the error itself.
 */
export interface SessionLogError {
  /** `CallCardPayloadError`, `CallCardCommandError`, `CallCardTimeoutError`, ... */
  readonly name: string;
  readonly message: string;
  /** The command it concerns (`CallCardSetMute`, ...), if any. */
  readonly command?: string;
  /** The event it concerns (`initialized`, ...), if any. */
  readonly event?: string;
  /** The host's error code, for a `CallCardCommandError`. */
  readonly errorCode?: string;
}

/**
 * What `recordCallCard(...).log()` returns: one placement's session as plain JSON data, to
 * attach to a support ticket and to replay with `replaySession` (testing entry).
 *
 * - `version`: always `1` for this format; a reader refuses any other.
 * - `startedAt`: the recorder's `scheduler.now()` when it started; entry times count from it.
 * - `endedAt`: ms since the start when the log was taken.
 * - `card`, `lifecycle`: the session's card when the recording started (cards are numbered from 1
 *   in the order of their `initialized`; 0 before any) and whether it was open.
 * - `dropped`: how many of the oldest entries `maxEntries` dropped.
 * - `redacted`: whether a `redact` hook ran over the entries.
 * - `snapshot`: what the card showed when the log was taken (`null` when no `connectCallCard` was
 *   keeping its state).
 */
export interface CallCardSessionLog {
  readonly version: 1;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly card: number;
  readonly lifecycle: 'waiting' | 'open' | 'closed';
  readonly dropped: number;
  readonly redacted: boolean;
  readonly snapshot: CallCardSnapshot | null;
  readonly entries: readonly SessionLogEntry[];
}
