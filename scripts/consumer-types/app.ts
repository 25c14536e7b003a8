// A consumer of every entry, as an app's code uses them: compiled by
// scripts/check-consumer-types.mjs against the packed package with each supported TypeScript
// (as app.ts for `moduleResolution: bundler`, as app.mts for `nodenext`). Not part of the build.
/// <reference types="b24-call-card-rx/bx24-global" />
import type { EnvironmentProviders } from '@angular/core';
import { map, merge } from 'rxjs';
import type { Observable, Subscription } from 'rxjs';
import {
  CallCardCommandError,
  CallCardError,
  connectCallCard,
  deferPlacement,
  formatCallTimer,
  fromBX24,
  isInPortalFrame,
  ofType,
  setCardTitle,
  setMute,
  setUiState,
  whenUiState,
} from 'b24-call-card-rx';
import type {
  CallCard,
  CallCardCommand,
  CallCardSnapshot,
  PlacementPort,
  TimerStatus,
} from 'b24-call-card-rx';
import {
  createCallCardSimulator,
  createTestPlacement,
  sessionLogFromDevTools,
} from 'b24-call-card-rx/testing';
import type { CallCardSimulator, TestPlacement } from 'b24-call-card-rx/testing';
import { injectCallCard, provideCallCard } from 'b24-call-card-rx/angular';
import type { InjectedCallCard } from 'b24-call-card-rx/angular';
import { connectReduxDevTools } from 'b24-call-card-rx/devtools';
import type { CallCardDevToolsAction, ReduxDevToolsExtension } from 'b24-call-card-rx/devtools';

/** The app's call logic: events in, command data out. */
export function callLogic(card: CallCard): Observable<CallCardCommand> {
  return merge(
    card.events.initialized$.pipe(
      map((call) => setCardTitle(`Call from ${call.PHONE_NUMBER ?? 'a hidden number'}`)),
    ),
    card.events.answer$.pipe(map(() => setUiState('connected'))),
    card.events.all$.pipe(
      ofType('muteButtonClick'),
      map((event) => setMute(event.payload)),
    ),
  );
}

export function connect(placement: PlacementPort): CallCard {
  const card = connectCallCard(placement, { timeoutMs: 5000, tickMs: 1000 });
  card.apply(callLogic(card));
  card.errors$.subscribe((error: CallCardError) => {
    if (error instanceof CallCardCommandError) console.warn(error.errorCode);
  });
  return card;
}

export const timerText$ = (card: CallCard): Observable<string> =>
  card.timer$.pipe(map((timer: TimerStatus) => formatCallTimer(timer.elapsedMs)));

/** The dialpad keys, only while the call is connected. */
export const keysWhileTalking$ = (card: CallCard): Observable<string> =>
  card.events.dialpad$.pipe(
    whenUiState(
      card.state$.pipe(map((s: CallCardSnapshot) => s.uiState)),
      'connected',
      'transferConnected',
    ),
  );

export function placementForThisPage(): PlacementPort {
  if (isInPortalFrame()) return fromBX24(BX24);
  const simulator: CallCardSimulator = createCallCardSimulator({ noDataAs: '[]' });
  simulator.ring({ phoneNumber: '+15550100' });
  return simulator;
}

export const recorder: TestPlacement = createTestPlacement({
  policies: { CallCardSetCardTitle: { delayMs: 300 } },
});

export const later: PlacementPort = deferPlacement(
  new Promise<PlacementPort>((resolve) => BX24.init(() => resolve(fromBX24()))),
);

export const appProviders: EnvironmentProviders = provideCallCard(() => later, {
  timeoutMs: 5000,
});

export function timerSignalText(): string {
  const card: InjectedCallCard = injectCallCard();
  return card.timerText();
}

/** Development only: the card in the Redux DevTools extension (a fake one in tests). */
export function showInDevTools(
  placement: PlacementPort,
  card: CallCard,
  extension?: ReduxDevToolsExtension,
): Subscription {
  return connectReduxDevTools(placement, extension ? { card, extension } : { card });
}

export const typeOfAction = (action: CallCardDevToolsAction): string =>
  `${action.seq} ${action.type} ${action.payload.kind}`;

export const exportedLog = (json: string): number => sessionLogFromDevTools(json).entries.length;
