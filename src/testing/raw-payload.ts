import { CallCardInputError } from '../model/errors';

/**
 * How a fake host sends a no-data event's payload: `''` as the official SDK hands it to the
 * callback, or `'[]'` (an empty array) as classic `BX24` does. The library reads both as "no
 * data", so a test can pick either and expect the same stream.
 */
export type NoDataStyle = '' | '[]';

/**
 * The raw value a host callback receives for `payload`: no data becomes `''` or `[]`.
 *
 * @internal
 */
export function toRawPayload(payload: unknown, style: NoDataStyle): unknown {
  if (payload !== undefined) return payload;
  // A fresh array each time: a handler that mutates it must not change the next delivery.
  return style === '[]' ? [] : '';
}

/**
 * Reads the `noDataAs` option of `factory`, throwing a readable error for anything else.
 *
 * @internal
 */
export function checkNoDataStyle(factory: string, value: unknown): NoDataStyle {
  if (value === undefined || value === '') return '';
  if (value === '[]') return '[]';
  throw new CallCardInputError(
    factory,
    'options.noDataAs',
    value,
    `'' (SDK style) or '[]' (BX24 style)`,
  );
}
