import { Migration } from '@mikro-orm/migrations';

/** Catalog orders: one issued card per order, idempotent per merchant on the merchant's reference id. */
export class Migration0004Orders extends Migration {
  override up(): void {
    this.addSql(`
create table "gift_card_order" (
  "id" uuid primary key,
  "merchant_id" uuid not null references "merchant" ("id") deferrable initially deferred,
  "reference_hash" varchar(64) not null,
  "brand_id" uuid not null references "brand" ("id") deferrable initially deferred,
  "card_id" uuid not null references "gift_card" ("id") deferrable initially deferred,
  "amount" bigint not null check ("amount" > 0),
  "currency" varchar(3) not null,
  "recipient_email" varchar(320) not null,
  "delivery" text not null,
  "created_at" timestamptz not null default now(),
  unique ("merchant_id", "reference_hash")
);
create index "gift_card_order_recipient_index" on "gift_card_order" ("merchant_id", "recipient_email", "created_at");
`);
  }

  override down(): void {
    this.addSql('drop table if exists "gift_card_order";');
  }
}
