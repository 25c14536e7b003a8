/**
 * Where a sent command lines up in the recording: the index of a recorded command with the same
 * name, and whether the params are the same too.
 *
 * @internal
 */
export interface CommandMatch {
  readonly index: number;
  readonly sameParams: boolean;
}

/**
 * How the commands sent so far differ from the recorded ones (indexes into each list): sent
 * commands the recording does not have, recorded ones that were not sent, and pairs of the same
 * command sent with other params.
 *
 * @internal
 */
export interface CommandDifferences {
  readonly extra: readonly number[];
  readonly missing: readonly number[];
  readonly otherParams: readonly (readonly [sent: number, recorded: number])[];
}

/**
 * The recorded commands of one card lined up with the commands an app sends (internal): an edit
 * distance between the two lists, kept row by row as commands arrive.
 *
 * @internal
 */
export interface CommandAlignment {
  /**
   * Adds the next command sent and says which recorded command it lines up with now, or
   * `undefined` when it lines up with none.
   */
  add(name: string, params: unknown): CommandMatch | undefined;
  /**
   * The differences at `at`: recorded commands from before `at` that nothing lines up with are
   * missing (`Infinity`: every one, once the replay is over).
   */
  differences(at: number): CommandDifferences;
}

/**
 * Lines up `recorded` (name, params and time of each, in order) with the commands an app sends.
 *
 * A lining-up keeps both lists in order; its cost is its number of mismatches: a sent command
 * the recording does not have, a recorded one not sent, or one sent with other params (the same
 * name) each count 1, identical ones 0. Of the cheapest ones:
 * 1. `add` considers the commands sent so far, with the recorded ones after the last it lines up
 *    still to come (they cost nothing yet). It lines the new command up with a recorded one
 *    rather than calling it extra, with an identical one rather than one with other params, and
 *    with the earliest such one. So one command fewer costs the same as calling the next one
 *    extra, and the next one is lined up with its recorded self (answered as recorded); an extra
 *    command identical to the one recorded next is lined up with it until the next command shows
 *    which one was extra. (After two or more skipped in a row, the next command is extra for
 *    `add`; `differences` still lines it up.)
 * 2. `differences(at)` counts every recorded command from before `at` as due: one nothing lines
 *    up with is missing. It calls the later of two identical sent commands the extra one, and
 *    the later of two identical recorded ones the missing one.
 *
 * No time enters `add`: an app that runs late (a reply it waited longer for) or early (one it no
 * longer waits for) lines up the same.
 *
 * Each `add` costs one pass over the recorded commands; `differences` one walk back.
 *
 * @internal
 */
export function createCommandAlignment(
  recorded: readonly { readonly name: string; readonly params: unknown; readonly at: number }[],
): CommandAlignment {
  const m = recorded.length;
  // How many recorded commands are overdue at `at`: sent before it in the recording (in time
  // order, so the first ones). One recorded in the same ms may still come.
  const dueAt = (at: number): number => {
    let n = 0;
    while (n < m && (recorded[n] as { at: number }).at < at) n += 1;
    return n;
  };
  const names = recorded.map((r) => r.name);
  const keys = recorded.map((r) => paramsKey(r.params));
  const sentNames: string[] = [];
  const sentKeys: string[] = [];
  // rows[j][i]: the fewest mismatches between the first j sent and the first i recorded commands.
  const first = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) first[i] = i;
  const rows: Int32Array[] = [first];

  /** 0 for identical commands, 1 for the same name with other params, -1 for another name. */
  const cost = (j: number, i: number): number =>
    sentNames[j] !== names[i] ? -1 : sentKeys[j] === keys[i] ? 0 : 1;
  // Recorded commands due but not reached by position i: each one more "not sent".
  const overdue = (due: number, i: number): number => (due > i ? due - i : 0);

  return {
    add(name, params) {
      const j = sentNames.length;
      sentNames.push(name);
      sentKeys.push(paramsKey(params));
      const before = rows[j] as Int32Array;

      let extraCost = Infinity;
      for (let i = 0; i <= m; i++) extraCost = Math.min(extraCost, (before[i] as number) + 1);
      let match: CommandMatch | undefined;
      let matchCost = Infinity;
      for (let i = 0; i < m; i++) {
        const c = cost(j, i);
        if (c < 0) continue;
        const total = (before[i] as number) + c;
        if (total < matchCost || (total === matchCost && c === 0 && !match?.sameParams)) {
          matchCost = total;
          match = { index: i, sameParams: c === 0 };
        }
      }

      const row = new Int32Array(m + 1);
      row[0] = j + 1;
      for (let i = 1; i <= m; i++) {
        const c = cost(j, i - 1);
        let best = Math.min((before[i] as number) + 1, (row[i - 1] as number) + 1);
        if (c >= 0) best = Math.min(best, (before[i - 1] as number) + c);
        row[i] = best;
      }
      rows.push(row);
      return matchCost <= extraCost ? match : undefined;
    },

    differences(at) {
      const due = dueAt(at);
      const n = sentNames.length;
      const last = rows[n] as Int32Array;
      let end = 0;
      for (let i = 1; i <= m; i++)
        if ((last[i] as number) + overdue(due, i) < (last[end] as number) + overdue(due, end))
          end = i;
      const extra: number[] = [];
      const missing: number[] = [];
      const otherParams: (readonly [number, number])[] = [];
      for (let i = end; i < due; i++) missing.push(i);
      // Walk back from the end: taking a sent command as extra first, then a recorded one as
      // missing, puts the matches as early as they can be.
      let j = n;
      let i = end;
      while (j > 0 || i > 0) {
        const here = (rows[j] as Int32Array)[i] as number;
        if (j > 0 && ((rows[j - 1] as Int32Array)[i] as number) + 1 === here) {
          extra.push(--j);
        } else if (i > 0 && ((rows[j] as Int32Array)[i - 1] as number) + 1 === here) {
          missing.push(--i);
        } else {
          j -= 1;
          i -= 1;
          if (cost(j, i) === 1) otherParams.push([j, i]);
        }
      }
      return {
        extra: extra.reverse(),
        missing: missing.sort((a, b) => a - b),
        otherParams: otherParams.reverse(),
      };
    },
  };
}

/**
 * Params as canonical JSON text: keys sorted, and what JSON drops (`undefined`, functions) left
 * out, so params equal as data compare equal as text, whatever their key order.
 */
function paramsKey(value: unknown): string {
  try {
    return canonical(value, []);
  } catch {
    // Params that cannot be read (a throwing getter) match nothing, not even each other.
    return `unreadable #${++unreadable}`;
  }
}

let unreadable = 0;

function canonical(value: unknown, parents: object[]): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
    if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
    if (typeof value === 'bigint') return `${value}n`;
    // null, and what JSON writes as null in an array (objects leave such keys out, below).
    return 'null';
  }
  if (parents.includes(value)) return '"[cycle]"';
  parents.push(value);
  let text: string;
  if (Array.isArray(value)) text = `[${value.map((item) => canonical(item, parents)).join(',')}]`;
  else {
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const item: unknown = (value as Record<string, unknown>)[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      parts.push(`${JSON.stringify(key)}:${canonical(item, parents)}`);
    }
    text = `{${parts.join(',')}}`;
  }
  parents.pop();
  return text;
}
