export * from './merchant.entity.ts';
export * from './api-key.entity.ts';
export * from './gift-card.entity.ts';
export * from './payment-intent.entity.ts';
export * from './hold.entity.ts';
export * from './ledger-entry.entity.ts';
export * from './support.entity.ts';
export * from './brand.entity.ts';

import { Merchant, Location } from './merchant.entity.ts';
import { ApiKey } from './api-key.entity.ts';
import { GiftCard } from './gift-card.entity.ts';
import { PaymentIntent } from './payment-intent.entity.ts';
import { Hold } from './hold.entity.ts';
import { LedgerEntry } from './ledger-entry.entity.ts';
import { IdempotencyRecord, SigningKey, RateLimitBucket } from './support.entity.ts';
import { Brand, BrandDenomination } from './brand.entity.ts';

export const ENTITIES = [Merchant, Location, ApiKey, GiftCard, PaymentIntent, Hold, LedgerEntry, IdempotencyRecord, SigningKey, RateLimitBucket, Brand, BrandDenomination];
