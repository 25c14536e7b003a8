import { recordCallCard } from 'b24-call-card-rx';
import type { CallCardRecorder, PlacementPort } from 'b24-call-card-rx';

declare global {
  interface Window {
    /**
     * Development builds only: the recorder of the call card's session. In the browser console
     * (the background frame's, in a portal): `copy(JSON.stringify(callCardRecorder.log()))`.
     */
    callCardRecorder?: CallCardRecorder;
  }
}

/**
 * Development only: records the session of `placement` from the start (`recordCallCard`) and
 * exposes the recorder as `window.callCardRecorder`, then hands the placement on. Only
 * environment.development.ts imports it, so production bundles carry no recorder
 * (`npm run check:bundle` proves it).
 */
export function recordInDevelopment(placement: PlacementPort): PlacementPort {
  window.callCardRecorder = recordCallCard(placement);
  return placement;
}
