// `b24-call-card-rx/bx24-global`: the global `BX24` of the portal's classic script
// (//api.bitrix24.com/api/v1/), for an app that calls `BX24.init(...)` or `fromBX24(BX24)`.
// Types only, nothing runs. Opt in once, from any file of the app:
//
//   /// <reference types="b24-call-card-rx/bx24-global" />
//
// or in tsconfig.json: "compilerOptions": { "types": ["b24-call-card-rx/bx24-global"] }.
// It declares what the library and its guides use. An app that has its own declaration of
// BX24 keeps that one instead: two declarations of one global conflict.

/**
 * The portal's classic `BX24` object: the `placement` that `fromBX24()` adapts, and `init`.
 * Only present in a page that loaded the portal's script, inside a portal frame.
 */
// A `var`, so `globalThis.BX24` (what `fromBX24()` reads) has the type too.
// eslint-disable-next-line no-var -- a global that the portal's script defines
declare var BX24: import('b24-call-card-rx').Bx24Like & {
  /** Runs `callback` once the script is connected to the portal; use `placement` only then. */
  init(callback: () => void): void;
};
