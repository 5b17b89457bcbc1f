/**
 * Expected failures are results, not exceptions: every service returns one of these objects (or a
 * success object), and the GraphQL unions pick the member by `__typename`. One shape everywhere.
 */
export type ErrorCode =
  | 'INSUFFICIENT_FUNDS'
  | 'CARD_NOT_FOUND'
  | 'CARD_INACTIVE'
  | 'CURRENCY_MISMATCH'
  | 'INTENT_EXPIRED'
  | 'INTENT_NOT_OPEN'
  | 'INTENT_NOT_FOUND'
  | 'INVALID_CLIENT_TOKEN'
  | 'HOLD_NOT_FOUND'
  | 'HOLD_NOT_PENDING'
  | 'HOLD_EXPIRED'
  | 'AMOUNT_EXCEEDS_REMAINING'
  | 'INVALID_AMOUNT'
  | 'INVALID_CURRENCY'
  | 'INVALID_INPUT'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'RATE_LIMITED'
  | 'INVALID_DENOMINATION'
  | 'OUT_OF_STOCK'
  | 'BRAND_NOT_FOUND'
  | 'VELOCITY_LIMIT';

export interface ErrorResult {
  __typename: string;
  errorCode: ErrorCode;
  message: string;
  [context: string]: unknown;
}

export function isErrorResult(value: unknown): value is ErrorResult {
  return typeof value === 'object' && value !== null && typeof (value as ErrorResult).errorCode === 'string';
}

export const fail = {
  generic(errorCode: ErrorCode, message: string, field: string | null = null): ErrorResult {
    return { __typename: 'GenericError', errorCode, message, field };
  },
  insufficientFunds(available: number, requested: number): ErrorResult {
    return {
      __typename: 'InsufficientFundsError',
      errorCode: 'INSUFFICIENT_FUNDS',
      message: `The card has ${available} available; ${requested} was requested.`,
      available,
      requested,
    };
  },
  exceedsRemaining(remaining: number, requested: number, what = 'the intent'): ErrorResult {
    return {
      __typename: 'AmountExceedsRemainingError',
      errorCode: 'AMOUNT_EXCEEDS_REMAINING',
      message: `Only ${remaining} remains on ${what}; ${requested} was requested.`,
      remaining,
      requested,
    };
  },
  invalidAmount(field: string, message: string): ErrorResult {
    return { __typename: 'InvalidAmountError', errorCode: 'INVALID_AMOUNT', message, field };
  },
  currencyMismatch(expected: string, actual: string): ErrorResult {
    return {
      __typename: 'CurrencyMismatchError',
      errorCode: 'CURRENCY_MISMATCH',
      message: `Expected ${expected}, got ${actual}.`,
      expected,
      actual,
    };
  },
  rateLimited(retryAfterSeconds: number): ErrorResult {
    return {
      __typename: 'RateLimitedError',
      errorCode: 'RATE_LIMITED',
      message: `Too many failed attempts. Retry in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    };
  },
  cardNotFound(): ErrorResult {
    return fail.generic('CARD_NOT_FOUND', 'No card matches this code and PIN.', 'code');
  },
  invalidToken(): ErrorResult {
    return fail.generic('INVALID_CLIENT_TOKEN', 'The client token is not valid for this merchant.', 'clientToken');
  },
};
