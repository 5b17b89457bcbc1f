/** Formats integer minor units of `currency` for `locale` (e.g. 2500 USD → "$25.00"). */
export function formatMinorUnits(amount: number, currency: string, locale?: string): string {
  const fmt = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  return fmt.format(amount / 10 ** digits);
}

/** Upper-cases, keeps code symbols only and groups by four: "abcd efgh" → "ABCD-EFGH". */
export function formatCodeInput(raw: string): string {
  const clean = raw.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, 16);
  return clean.match(/.{1,4}/g)?.join('-') ?? '';
}

/** Digits after the decimal point for `currency` (2 for USD, 0 for JPY). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Parses what a shopper typed ("25", "25.5", "25,50") into integer minor units of `currency`, without
 * floating point; null when it is not a plain amount with at most the currency's decimals.
 */
export function parseMajorUnits(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const m = /^(\d{1,12})(?:[.,](\d*))?$/.exec(text.trim());
  if (!m || (m[2] ?? '').length > digits) return null;
  const minor = Number(m[1] + (m[2] ?? '').padEnd(digits, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}
