import type { CommandOutcome } from '../../src/model/outcome';
import type { CallCardCommand } from '../../src/model/commands';

/** `SetStatusText("a")`: a command, short enough for a marble value. */
export function commandLabel(command: CallCardCommand): string {
  const params = Object.values(command.params as Record<string, unknown>)
    .map((value) => JSON.stringify(value))
    .join(',');
  return `${command.name.replace(/^CallCard/, '')}(${params})`;
}

/**
 * An outcome as one readable line: `SetStatusText("a") ok superseded`,
 * `SetCardTitle("A") failed CallCardCommandError(Call card is undefined)`.
 */
export function outcomeLabel(outcome: CommandOutcome): string {
  const flags = [
    'skipped' in outcome && outcome.skipped ? ' skipped' : '',
    outcome.superseded ? ' superseded' : '',
  ].join('');
  if (outcome.ok) {
    const result = Array.isArray(outcome.result) ? ` [${outcome.result.length}]` : '';
    return `${commandLabel(outcome.command)} ok${result}${flags}`;
  }
  const error = outcome.error as Error & { errorCode?: string };
  const code = error.errorCode === undefined ? '' : `(${error.errorCode})`;
  return `${commandLabel(outcome.command)} failed ${error.constructor.name}${code}${flags}`;
}
