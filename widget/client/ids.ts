/**
 * A random idempotency key. crypto.randomUUID exists only in secure contexts (https, localhost);
 * shops on plain http still get 128 random bits from crypto.getRandomValues.
 */
export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
