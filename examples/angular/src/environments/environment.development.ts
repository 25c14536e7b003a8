import type { Type } from '@angular/core';
import { initializeB24Frame } from '@bitrix24/b24jssdk';
import { deferPlacement, fromB24Frame, isInPortalFrame } from 'b24-call-card-rx';
import type { PlacementPort } from 'b24-call-card-rx';
import { connectReduxDevTools } from 'b24-call-card-rx/devtools';
import { recordInDevelopment } from '../app/dev/dev-recorder';
import { devSimulator } from '../app/dev/dev-simulator';
import { SimulatorPanel } from '../app/dev/simulator-panel';

const inPortal = isInPortalFrame();

/**
 * Development (`ng serve`, `ng build --configuration development`): inside a portal frame, the
 * real SDK; in a plain browser tab, the simulator, with a panel to ring and click its buttons.
 * Either way the card's session is recorded from the start, as `window.callCardRecorder`, and
 * shown in the Redux DevTools extension when it is installed; the SDK's promise is wrapped in
 * `deferPlacement` here, so the recorder, the DevTools bridge and the card share the one
 * placement object.
 */
export const environment: {
  readonly startPlacement: () => PlacementPort | Promise<PlacementPort>;
  readonly devTools: Type<unknown> | null;
} = {
  startPlacement: () => {
    const placement = inPortal
      ? deferPlacement(initializeB24Frame().then(fromB24Frame))
      : devSimulator;
    connectReduxDevTools(placement, { name: 'Call card (development)' });
    return recordInDevelopment(placement);
  },
  devTools: inPortal ? null : SimulatorPanel,
};
