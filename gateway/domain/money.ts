import { fail, type ErrorResult } from './errors.ts';

/** Largest amount any input or output may carry: the 32-bit GraphQL Int range. */
export const MAX_AMOUNT = 2_147_483_647;

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * Checks an amount input: a positive safe integer no greater than `limit`.
 * Returns an INVALID_AMOUNT result, or null when the amount is acceptable.
 */
export function checkAmount(value: unknown, field: string, limit = MAX_AMOUNT): ErrorResult | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return fail.invalidAmount(field, `${field} must be an integer number of minor units.`);
  }
  if (!Number.isInteger(value)) {
    return fail.invalidAmount(field, `${field} must be an integer number of minor units, not a fraction.`);
  }
  if (value <= 0) return fail.invalidAmount(field, `${field} must be greater than zero.`);
  if (value > limit) return fail.invalidAmount(field, `${field} must not exceed ${limit}.`);
  return null;
}

/** Checks an ISO-4217 currency code (upper case, three letters, known to the runtime). */
export function checkCurrency(value: unknown, field = 'currency'): ErrorResult | null {
  if (typeof value === 'string' && /^[A-Z]{3}$/.test(value) && CURRENCIES.has(value)) return null;
  return fail.generic('INVALID_CURRENCY', `${field} must be an ISO-4217 code such as USD or EUR.`, field);
}
