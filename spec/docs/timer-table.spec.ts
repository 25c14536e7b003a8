import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TIMER_KEEPING_STATES, isHostUiState } from '../../src/model/ui-states';

// The guides state which UI states keep a running call timer; the reducer and the simulator read
// TIMER_KEEPING_STATES. A guide that names other states misleads everyone who times a transfer.
const root = resolve(__dirname, '../..');

/** The UI states named in backticks in the first row of `file`'s tables that matches `row`. */
function statesInRow(file: string, row: RegExp): string[] {
  const line = readFileSync(resolve(root, file), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('|') && row.test(l));
  if (line === undefined) throw new Error(`${file}: no table row matches ${String(row)}`);
  const firstCell = line.split('|')[1] ?? '';
  return [...firstCell.matchAll(/`([A-Za-z]+)`/g)]
    .map((m) => m[1] ?? '')
    .filter(isHostUiState)
    .sort();
}

describe('the timer tables of the guides', () => {
  it.each([
    ['docs/state-and-timer.md', /a running timer keeps counting/],
    ['docs/host-behaviour.md', /it keeps counting and stays shown/],
  ])('%s names exactly the states that keep a running timer', (file, row) => {
    expect(statesInRow(file, row)).toEqual([...TIMER_KEEPING_STATES].sort());
  });
});
