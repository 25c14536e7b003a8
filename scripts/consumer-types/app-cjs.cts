// A CommonJS consumer of the core and testing entries (`module: nodenext`, a .cts file): compiled
// by scripts/check-consumer-types.mjs against the packed package with each supported TypeScript.
/// <reference types="b24-call-card-rx/bx24-global" />
import { map, of } from 'rxjs';
import {
  CallCardTimeoutError,
  applyCommands,
  connectCallCard,
  fromBX24,
  setUiState,
} from 'b24-call-card-rx';
import type { CallCard, CommandOutcome } from 'b24-call-card-rx';
import { createCallCardSimulator } from 'b24-call-card-rx/testing';

export function connectInPortal(): CallCard {
  const card = connectCallCard(fromBX24(BX24));
  card.apply(card.events.answer$.pipe(map(() => setUiState('connected'))));
  return card;
}

export function playOnSimulator(): CallCard {
  const host = createCallCardSimulator();
  const card = connectCallCard(host);
  card.send(setUiState('incoming')).subscribe({
    error: (error: unknown) => {
      if (error instanceof CallCardTimeoutError) console.warn(error.timeoutMs);
    },
  });
  of(setUiState('connected'))
    .pipe(applyCommands(host))
    .subscribe((outcome: CommandOutcome) => console.log(outcome.ok));
  host.ring();
  return card;
}
