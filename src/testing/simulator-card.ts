import type { ButtonName } from '../model/buttons';
import type { CallInfo, CrmEntityType } from '../model/events';
import type { HostUiState } from '../model/ui-states';
import type { SimulatorTimer } from './host-timer';
import { formatCallTimer } from '../operators/format-call-timer';

/** The CRM entity a simulated call is bound to. `name` is what the card would show. */
export interface SimulatorCrm {
  readonly entityType: CrmEntityType;
  readonly entityId: number;
  readonly name?: string;
}

/**
 * A snapshot of the simulated card, as the user would see it. With no card (before the first
 * `ring`, after a close), `exists` is false, `state` is `null`, nothing is shown and the timer is
 * hidden; `call` still names the last call.
 */
export interface SimulatorCard {
  readonly exists: boolean;
  /** Whether the last card was closed (by `CallCardClose` or the Close button). */
  readonly closed: boolean;
  readonly state: HostUiState | null;
  /** The buttons the card shows, by short name, in host order. */
  readonly buttons: readonly ButtonName[];
  readonly title: string;
  readonly statusText: string;
  readonly muted: boolean;
  readonly held: boolean;
  readonly timer: SimulatorTimer;
  readonly call: CallInfo | null;
  readonly crm: SimulatorCrm | null;
}

function describeCall(call: CallInfo, crm: SimulatorCrm | null): string {
  const parts = [call.CALL_DIRECTION, call.PHONE_NUMBER ?? '(no number)'];
  if (call.LINE_NUMBER !== undefined) parts.push(`line ${call.LINE_NUMBER}`);
  if (call.CALL_LIST_MODE) parts.push('call list');
  if (crm) parts.push(`${crm.entityType} ${crm.entityId}${crm.name ? ` "${crm.name}"` : ''}`);
  return parts.join(', ');
}

/**
 * The card as text, one fact per line: state, call, title, status, buttons, flags, and the
 * timer line the host shows ("Conversation length: MM:SS", "(stopped)" when frozen; no line when
 * hidden). `(no card)` when there is none.
 *
 * @internal
 */
export function renderCard(card: SimulatorCard): string {
  if (!card.exists || card.state === null) return '(no card)';
  const lines = [`state: ${card.state}`];
  if (card.call) lines.push(`call: ${describeCall(card.call, card.crm)}`);
  lines.push(
    `title: ${card.title === '' ? '(none)' : card.title}`,
    `status: ${card.statusText === '' ? '(none)' : card.statusText}`,
    `buttons: ${card.buttons.length === 0 ? '(none)' : card.buttons.join(', ')}`,
    `muted: ${card.muted ? 'yes' : 'no'}, held: ${card.held ? 'yes' : 'no'}`,
  );
  if (card.timer.status !== 'hidden')
    lines.push(
      `Conversation length: ${formatCallTimer(card.timer.elapsedMs)}${
        card.timer.status === 'stopped' ? ' (stopped)' : ''
      }`,
    );
  return lines.join('\n');
}
