import type { SessionLogEntry } from '../model/session-log';
import { hideEntry } from './hide-entry';

/**
 * The events whose payloads carry personal data (by their host name in an `event` entry, by their
 * type in a failure's `error.event`), and the commands whose params carry the app's texts.
 */
const PERSONAL =
  /(initialized|entityChanged|transferButtonClick|addCommentButtonClick|CardTitle|StatusText)$/;

/**
 * A ready-made `redact` hook for {@link recordCallCard}: hides the personal data the host
 * documents, and keeps the log's structure, so a redacted log still replays and still tells what
 * happened. It returns a new entry and never changes the one it is given.
 *
 * It hides, with a placeholder of the same type (a string becomes `"[redacted]"`, a string of
 * digits `"1"`, a number `1`; what means "none" stays: `""`, `0`, `"0"`, and the phone numbers
 * `"hidden"` and `"unknown"`):
 *
 * 1. in `initialized` and `entityChanged` payloads: `PHONE_NUMBER`, `CRM_ENTITY_ID`,
 *    `CRM_ACTIVITY_ID`, the `ENTITY_ID` of each `CRM_BINDINGS` item, and any key the host does
 *    not document;
 * 2. in `transferButtonClick` payloads: `phoneNumber` and `target` (an employee id or a phone
 *    number);
 * 3. the comment text of `addCommentButtonClick`;
 * 4. the params `title` of `CallCardSetCardTitle` and `statusText` of `CallCardSetStatusText`:
 *    apps write the caller's name, company or number there;
 * 5. the message of a `failure` about one of these events (an unreadable payload is quoted in
 *    its error message); its `name` and `event` stay.
 *
 * It keeps everything else: `CALL_ID` (to find the call in the portal), the line, the call's
 * direction and state, the CRM entity types, the number of bindings, every key and array length,
 * every other event and command (UI states, mute, hold, the dialpad keys the operator pressed),
 * replies, transport errors, card boundaries, times and ids. A payload of one of these events that
 * is not the documented object has every string and number in it hidden. Every other entry is
 * returned as it is (the very object).
 *
 * A recorder with a `redact` hook hides the log's `snapshot` itself (its call, entity, title and
 * status text), whatever the hook.
 *
 * @example
 * ```ts
 * import { recordCallCard, redactPersonalData } from 'b24-call-card-rx';
 *
 * const recorder = recordCallCard(placement, { redact: redactPersonalData });
 * // ... a call ...
 * recorder.log().entries[0];
 * // { kind: 'event', at: 0, event: 'BackgroundCallCard::initialized',
 * //   payload: { CALL_ID: 'externalCall.5f0e', PHONE_NUMBER: '[redacted]', CRM_ENTITY_TYPE: 'CONTACT',
 * //              CRM_ENTITY_ID: 1, CRM_BINDINGS: [{ ENTITY_TYPE: 'CONTACT', ENTITY_ID: 1 }], ... } }
 * ```
 *
 * @example
 * Keep the status texts (an app that writes only timers and states there) and hide the rest:
 * ```ts
 * import { recordCallCard, redactPersonalData } from 'b24-call-card-rx';
 *
 * recordCallCard(placement, {
 *   redact: (entry) =>
 *     entry.kind === 'command' && entry.command === 'CallCardSetStatusText'
 *       ? entry
 *       : redactPersonalData(entry),
 * });
 * ```
 */
export function redactPersonalData(entry: SessionLogEntry): SessionLogEntry {
  // What the entry is about: its event or command, or for a failure the event of its error.
  const { event, command, error } = entry as {
    readonly event?: string;
    readonly command?: string;
    readonly error?: { readonly event?: string };
  };
  return PERSONAL.test(`${event ?? command ?? error?.event}`) ? hideEntry(entry) : entry;
}
