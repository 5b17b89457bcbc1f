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
