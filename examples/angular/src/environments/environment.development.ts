import type { Type } from '@angular/core';
import { initializeB24Frame } from '@bitrix24/b24jssdk';
import { fromB24Frame, isInPortalFrame } from 'b24-call-card-rx';
import type { PlacementPort } from 'b24-call-card-rx';
import { devSimulator } from '../app/dev/dev-simulator';
import { SimulatorPanel } from '../app/dev/simulator-panel';

const inPortal = isInPortalFrame();

/**
 * Development (`ng serve`, `ng build --configuration development`): inside a portal frame, the
 * real SDK; in a plain browser tab, the simulator, with a panel to ring and click its buttons.
 */
export const environment: {
  readonly startPlacement: () => PlacementPort | Promise<PlacementPort>;
  readonly devTools: Type<unknown> | null;
} = {
  startPlacement: () => (inPortal ? initializeB24Frame().then(fromB24Frame) : devSimulator),
  devTools: inPortal ? null : SimulatorPanel,
};
