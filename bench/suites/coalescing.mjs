// 3. Command coalescing: a burst of status-text updates into applyCommands against a host that
//    answers after 5 ms (a real setTimeout; the sink uses the default asyncScheduler), against a
//    naive concatMap(c => sendCommand(placement, c)) that makes one host call per update.
//
// The bound we assert. Host calls are serial and each lasts at least 5 ms, so at most
// 1 + floor(D / 5 ms) calls START while the burst is being emitted (D = time from the first
// update to the last). The update emitted last is, in general, emitted while a call is in flight,
// so one more call must carry it after the burst: calls <= 2 + floor(D / 5 ms). No serial sink
// can do better and still apply the last text; the naive one makes one call per update.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Subject, concatMap, from, lastValueFrom, toArray } from 'rxjs';
import { applyCommands, callCardEvents, sendCommand, setStatusText } from 'b24-call-card-rx';
import { CALL_PAYLOAD, handPlacement } from '../lib/hand-placement.mjs';
import { formatCount, formatMs, formatRatio } from '../lib/report.mjs';

export const HOST_LATENCY_MS = 5;

function openCard() {
  const host = handPlacement({ replyAfterMs: HOST_LATENCY_MS });
  callCardEvents(host.port);
  // The sink waits for `initialized` before its first host call.
  host.emit('initialized', CALL_PAYLOAD);
  return host;
}

/**
 * Runs one burst through applyCommands and waits for the last outcome.
 * @param {number} updates
 * @param {number} perChunk updates emitted synchronously together; `updates` for one sync burst
 */
async function coalescedBurst(updates, perChunk) {
  const host = openCard();
  const commands = Array.from({ length: updates }, (_, i) => setStatusText(`Talking ${i}`));
  const source = new Subject();
  const outcomes = lastValueFrom(source.pipe(applyCommands(host.port), toArray()));
  const start = performance.now();
  for (let i = 0; i < updates; i += perChunk) {
    const end = Math.min(updates, i + perChunk);
    for (let j = i; j < end; j += 1) source.next(commands[j]);
    if (end < updates) await sleep(1);
  }
  const burstMs = performance.now() - start;
  source.complete();
  const all = await outcomes;
  const wallMs = performance.now() - start;
  const last = commands[updates - 1].params.statusText;
  return {
    updates,
    burstMs,
    wallMs,
    calls: host.state.calls,
    bound: 2 + Math.floor(burstMs / HOST_LATENCY_MS),
    lastApplied: host.state.lastApplied?.statusText,
    lastExpected: last,
    outcomes: all.length,
    failed: all.filter((o) => !o.ok).length,
    superseded: all.filter((o) => o.superseded).length,
  };
}

/** The naive sink: one host call per update, one after the other. */
async function naiveRun(updates) {
  const host = openCard();
  const commands = Array.from({ length: updates }, (_, i) => setStatusText(`Talking ${i}`));
  const start = performance.now();
  await lastValueFrom(
    from(commands).pipe(
      concatMap((c) => sendCommand(host.port, c)),
      toArray(),
    ),
  );
  return { updates, wallMs: performance.now() - start, calls: host.state.calls };
}

export async function runCoalescing({ smoke }) {
  const updates = smoke ? 1_000 : 10_000;
  const naiveUpdates = smoke ? 40 : 500;
  const rows = [];

  const sync = await coalescedBurst(updates, updates);
  // The same updates spread over ~250 ms (40 per ms), so several calls start during the burst.
  const spread = await coalescedBurst(updates, Math.max(1, Math.round(updates / 250)));
  const naive = await naiveRun(naiveUpdates);
  const naiveWallMs = (naive.wallMs / naiveUpdates) * updates;

  for (const [label, run] of [
    ['one synchronous burst', sync],
    [`spread over ${Math.round(spread.burstMs)} ms`, spread],
  ]) {
    const callsOk = run.calls <= run.bound && run.calls >= 1;
    const textOk = run.lastApplied === run.lastExpected;
    const outcomesOk = run.outcomes === updates && run.failed === 0;
    rows.push({
      benchmark: `coalescing: ${formatCount(updates)} texts, ${label}: host calls`,
      library: formatCount(run.calls),
      baseline: `${formatCount(updates)} naive`,
      ratio: formatRatio(run.calls / updates),
      target: `<= 2 + D/5ms = ${run.bound}`,
      pass: callsOk,
      kind: 'check',
    });
    rows.push({
      benchmark: `coalescing: ${label}: last text applied, 1 outcome per update`,
      library: `${textOk ? 'yes' : `no (${run.lastApplied})`}, ${formatCount(run.outcomes)}`,
      baseline: '—',
      ratio: '—',
      target: `"${run.lastExpected}", ${formatCount(updates)}`,
      pass: textOk && outcomesOk,
      kind: 'check',
    });
  }
  rows.push({
    benchmark: `coalescing: time to the last outcome (sync burst)`,
    library: formatMs(sync.wallMs),
    baseline: `${formatMs(naiveWallMs)} naive*`,
    ratio: formatRatio(sync.wallMs / naiveWallMs),
    target: '—',
    pass: null,
    kind: 'info',
  });
  rows.push({
    benchmark: `coalescing: naive host calls (measured run)`,
    library: '—',
    baseline: `${formatCount(naive.calls)} of ${formatCount(naiveUpdates)}`,
    ratio: '—',
    target: '= 1 per update',
    pass: naive.calls === naiveUpdates,
    kind: 'check',
  });
  const notes = [
    `* naive time extrapolated linearly from a measured run of ${naiveUpdates} calls ` +
      `(${formatMs(naive.wallMs)}, ${formatMs(naive.wallMs / naiveUpdates)} per call) ` +
      `to ${formatCount(updates)}.`,
  ];
  return { rows, notes, details: { sync, spread, naive, naiveExtrapolatedMs: naiveWallMs } };
}
