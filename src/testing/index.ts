// Testing entry: fakes for users' marble tests. (Filled by the testing-kit work.)
export type { PlacementPort } from '../placement/placement-port';
