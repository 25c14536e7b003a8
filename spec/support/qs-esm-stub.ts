// The SDK's CommonJS build requires `qs-esm`, an ESM-only package jest cannot `require` on
// Node 20. Only the REST batch code uses it, never the frame messaging the SDK specs test, so
// this stub, which fails loudly if that ever changes, keeps the rest of the SDK real. A spec that
// loads the SDK mocks the package with it:
// `jest.mock('qs-esm', () => jest.requireActual('../support/qs-esm-stub'));`
const unused = (): never => {
  throw new Error('qs-esm is stubbed in this spec: the frame protocol should not need it');
};

export const stringify = unused;
export const parse = unused;
export default { stringify: unused, parse: unused };
