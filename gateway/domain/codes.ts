import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Code alphabet without look-alikes (no 0/O, no 1/I): 32 symbols, exactly 5 bits each. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const SYMBOLS = CODE_ALPHABET;

/** Length of a gift-card code: 16 symbols × 5 bits = 80 bits from the CSPRNG. */
export const CODE_LENGTH = 16;

/** A new card code, 16 symbols from an unambiguous alphabet, using 80 random bits. */
export function generateCode(): string {
  const bytes = randomBytes(10); // 80 bits
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    out = SYMBOLS[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out;
}

/** Groups a code for humans: ABCD-EFGH-JKMN-PQRS. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** Upper-cases and strips spaces and dashes; null when the rest is not a well-formed code. */
export function normalizeCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!SYMBOLS.includes(ch)) return null;
  return code;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hashCode(normalizedCode: string): string {
  return sha256Hex(`gc-code:${normalizedCode}`);
}

export function hashPin(cardId: string, pin: string): string {
  return sha256Hex(`gc-pin:${cardId}:${pin}`);
}

export function generatePin(): string {
  return String(randomBytes(4).readUInt32BE() % 10000).padStart(4, '0');
}

export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True for a canonical UUID string (ids are UUIDs; anything else cannot match a row). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
