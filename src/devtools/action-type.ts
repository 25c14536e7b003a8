import type { CallCardCommand } from '../model/commands';
import { HOST_EVENT_PREFIX } from '../model/events';
import type { SessionLogEntry } from '../model/session-log';
import { readCommandReply } from '../commands/read-command-reply';

/**
 * The `type` of the DevTools action that shows `entry` (internal): short words the extension's
 * list can show and its filter can match. `commandOf(id)` names the command an answer or a
 * failure concerns, when the bridge saw it sent.
 *
 * A reply reads as the library reads it: `ok`, or `error` and the host's error code.
 */
export function actionType(
  entry: SessionLogEntry,
  commandOf: (id: number) => string | undefined,
): string {
  switch (entry.kind) {
    case 'event':
      return `[event] ${
        entry.event.startsWith(HOST_EVENT_PREFIX)
          ? entry.event.slice(HOST_EVENT_PREFIX.length)
          : entry.event
      }`;
    case 'command':
      return `[command] ${entry.command}`;
    case 'reply': {
      const name = commandOf(entry.id);
      // The verdict does not depend on params; an unknown name reads as an acknowledgement
      // unless the host's error shape says otherwise.
      const read = readCommandReply(
        { name, params: {} } as unknown as CallCardCommand,
        entry.reply,
      );
      return `[reply] ${name ?? `#${entry.id}`} ${read.ok ? 'ok' : `error ${read.error.errorCode}`}`;
    }
    case 'transportError':
      return `[transport error] ${commandOf(entry.id) ?? `#${entry.id}`}`;
    case 'card':
      return entry.lifecycle === 'open'
        ? `[card] ${entry.card} open`
        : `[card] ${entry.card} closed (${entry.cause})`;
    case 'failure': {
      const about =
        entry.error.command ??
        entry.error.event ??
        (entry.id === undefined ? undefined : (commandOf(entry.id) ?? `#${entry.id}`));
      return `[failure] ${entry.error.name}${about === undefined ? '' : ` ${about}`}`;
    }
  }
}
