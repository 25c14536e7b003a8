import { createCallCardSimulator } from 'b24-call-card-rx/testing';

/** The simulated host of development builds outside a portal; the simulator panel drives it. */
export const devSimulator = createCallCardSimulator();
