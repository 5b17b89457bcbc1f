import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { CryptoKey } from 'jose';
import type { SigningKeys } from './signing-keys.ts';
import { fail, type ErrorResult } from '../domain/errors.ts';

export const CLIENT_TOKEN_TYP = 'gc-intent+jwt';
export const CLIENT_TOKEN_ISSUER = 'giftcard';
const MAX_TOKEN_LENGTH = 4096;

/** What a client token proves: this exact payment, for this merchant, until `exp`. */
export interface ClientTokenClaims {
  intentId: string;
  merchantId: string;
  amount: number;
  currency: string;
  orderRef: string;
}

/**
 * Signs an intent's client token: ES256 JWS, `kid` + `typ` header, aud = merchant, jti = intent.
 * Takes the key from `SigningKeys.signingKey()`, fetched before any transaction is opened.
 */
export async function signClientToken(signer: { kid: string; key: CryptoKey }, c: ClientTokenClaims, expiresAt: Date): Promise<string> {
  const { kid, key } = signer;
  return new SignJWT({ amount: c.amount, currency: c.currency, orderRef: c.orderRef })
    .setProtectedHeader({ alg: 'ES256', kid, typ: CLIENT_TOKEN_TYP })
    .setIssuer(CLIENT_TOKEN_ISSUER)
    .setAudience(c.merchantId)
    .setJti(c.intentId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
}

/**
 * Verifies a client token for `merchantId`: ES256 only (an `alg: none` or HS256 token is refused),
 * known `kid`, exact `typ`, issuer and audience, not expired. Expired → INTENT_EXPIRED; anything
 * else wrong → INVALID_CLIENT_TOKEN. `allowExpired` accepts an expired token that is otherwise valid.
 */
export async function verifyClientToken(
  keys: SigningKeys,
  token: unknown,
  merchantId: string,
  opts: { allowExpired?: boolean } = {},
): Promise<ClientTokenClaims | ErrorResult> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return fail.invalidToken();
  try {
    const { payload } = await jwtVerify(token, async (header) => {
      const key = await keys.verifyKey(header.kid);
      if (!key) throw new joseErrors.JWKSNoMatchingKey();
      return key;
    }, {
      algorithms: ['ES256'],
      typ: CLIENT_TOKEN_TYP,
      issuer: CLIENT_TOKEN_ISSUER,
      audience: merchantId,
      requiredClaims: ['jti', 'exp', 'aud'],
      // Reading an intent or releasing its holds stays possible after expiry; paying does not.
      clockTolerance: opts.allowExpired ? 10 * 365 * 86_400 : 0,
    });
    const { jti, amount, currency, orderRef } = payload as Record<string, unknown>;
    if (typeof jti !== 'string' || typeof amount !== 'number' || typeof currency !== 'string' || typeof orderRef !== 'string') {
      return fail.invalidToken();
    }
    return { intentId: jti, merchantId, amount, currency, orderRef };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) {
      return fail.generic('INTENT_EXPIRED', 'The payment intent has expired.', 'clientToken');
    }
    return fail.invalidToken();
  }
}
