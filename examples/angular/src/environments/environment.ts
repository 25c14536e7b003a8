import type { Type } from '@angular/core';
import { initializeB24Frame } from '@bitrix24/b24jssdk';
import { fromB24Frame } from 'b24-call-card-rx';
import type { PlacementPort } from 'b24-call-card-rx';

/**
 * Production: the app runs in the portal's background frame, on the official SDK. Development
 * builds use environment.development.ts instead (angular.json, `fileReplacements`), so nothing
 * of the simulator reaches this build.
 */
export const environment: {
  readonly startPlacement: () => PlacementPort | Promise<PlacementPort>;
  readonly devTools: Type<unknown> | null;
} = {
  startPlacement: () => initializeB24Frame().then(fromB24Frame),
  devTools: null,
};
