import { Migration } from '@mikro-orm/migrations';

/**
 * The gateway core: merchants, keys, cards, intents, holds, the ledger, idempotency records,
 * signing keys and rate-limit buckets. Money columns are bigint minor units; CHECK constraints
 * restate the balance invariants so that no code path can break them silently.
 */
export class Migration0001Initial extends Migration {
  override up(): void {
    this.addSql(`
create table "merchant" (
  "id" uuid primary key,
  "name" varchar(200) not null,
  "created_at" timestamptz not null default now()
);

create table "location" (
  "id" uuid primary key,
  "merchant_id" uuid not null references "merchant" ("id") deferrable initially deferred,
  "name" varchar(200) not null,
  "created_at" timestamptz not null default now()
);
create index "location_merchant_id_index" on "location" ("merchant_id");

create table "api_key" (
  "id" uuid primary key,
  "merchant_id" uuid not null references "merchant" ("id") deferrable initially deferred,
  "kind" text not null check ("kind" in ('SECRET', 'PUBLISHABLE')),
  "hash" varchar(64) not null unique,
  "prefix" varchar(20) not null,
  "created_at" timestamptz not null default now(),
  "expires_at" timestamptz null
);
create index "api_key_merchant_id_index" on "api_key" ("merchant_id");

create table "gift_card" (
  "id" uuid primary key,
  "merchant_id" uuid not null references "merchant" ("id") deferrable initially deferred,
  "code_hash" varchar(64) not null unique,
  "last4" varchar(4) not null,
  "pin_hash" varchar(64) null,
  "currency" varchar(3) not null,
  "balance" bigint not null,
  "held" bigint not null default 0,
  "status" text not null default 'ACTIVE' check ("status" in ('ACTIVE', 'FROZEN', 'DEACTIVATED')),
  "expires_at" timestamptz null,
  "campaign" varchar(100) null,
  "created_at" timestamptz not null default now(),
  "version" int not null default 1,
  constraint "gift_card_balance_check" check ("held" >= 0 and "held" <= "balance")
);
create index "gift_card_merchant_id_index" on "gift_card" ("merchant_id");

create table "payment_intent" (
  "id" uuid primary key,
  "merchant_id" uuid not null references "merchant" ("id") deferrable initially deferred,
  "location_id" uuid null references "location" ("id") deferrable initially deferred,
  "amount" bigint not null check ("amount" > 0),
  "currency" varchar(3) not null,
  "order_ref" varchar(200) not null,
  "channel" text not null check ("channel" in ('APP', 'POS_SCAN', 'MANUAL', 'ONLINE')),
  "status" text not null default 'OPEN'
    check ("status" in ('OPEN', 'PARTIALLY_HELD', 'FULLY_HELD', 'CAPTURED', 'CANCELED', 'EXPIRED')),
  "held_amount" bigint not null default 0,
  "captured_amount" bigint not null default 0,
  "expires_at" timestamptz not null,
  "created_at" timestamptz not null default now(),
  constraint "payment_intent_amounts_check"
    check ("held_amount" >= 0 and "captured_amount" >= 0 and "held_amount" + "captured_amount" <= "amount")
);
create index "payment_intent_merchant_id_index" on "payment_intent" ("merchant_id", "created_at");

create table "hold" (
  "id" uuid primary key,
  "merchant_id" uuid not null references "merchant" ("id") deferrable initially deferred,
  "intent_id" uuid not null references "payment_intent" ("id") deferrable initially deferred,
  "card_id" uuid not null references "gift_card" ("id") deferrable initially deferred,
  "card_last4" varchar(4) not null,
  "amount" bigint not null check ("amount" > 0),
  "currency" varchar(3) not null,
  "captured_amount" bigint not null default 0,
  "refunded_amount" bigint not null default 0,
  "status" text not null default 'PENDING' check ("status" in ('PENDING', 'CAPTURED', 'RELEASED', 'EXPIRED')),
  "expires_at" timestamptz not null,
  "created_at" timestamptz not null default now(),
  "resolved_at" timestamptz null,
  constraint "hold_amounts_check" check (
    "captured_amount" >= 0 and "captured_amount" <= "amount"
    and "refunded_amount" >= 0 and "refunded_amount" <= "captured_amount"
    and ("status" = 'CAPTURED' or "captured_amount" = 0))
);
create index "hold_intent_id_index" on "hold" ("intent_id", "created_at");
create index "hold_card_id_index" on "hold" ("card_id");
create index "hold_pending_expires_at_index" on "hold" ("expires_at") where "status" = 'PENDING';

create table "ledger_entry" (
  "id" bigserial primary key,
  "transfer_id" uuid not null,
  "merchant_id" uuid not null references "merchant" ("id") deferrable initially deferred,
  "account" varchar(64) not null,
  "amount" bigint not null check ("amount" <> 0),
  "currency" varchar(3) not null,
  "kind" text not null check ("kind" in ('ISSUE', 'HOLD', 'CAPTURE', 'RELEASE', 'EXPIRE', 'REFUND')),
  "card_id" uuid not null references "gift_card" ("id") deferrable initially deferred,
  "hold_id" uuid null,
  "intent_id" uuid null,
  "created_at" timestamptz not null default now()
);
create index "ledger_entry_card_id_index" on "ledger_entry" ("card_id");
create index "ledger_entry_transfer_id_index" on "ledger_entry" ("transfer_id");
create index "ledger_entry_merchant_id_index" on "ledger_entry" ("merchant_id", "created_at");

create function "ledger_entry_immutable"() returns trigger language plpgsql as $$
begin
  raise exception 'ledger entries are immutable: % refused', tg_op;
end $$;
create trigger "ledger_entry_no_update" before update or delete on "ledger_entry"
  for each row execute function "ledger_entry_immutable"();
create trigger "ledger_entry_no_truncate" before truncate on "ledger_entry"
  for each statement execute function "ledger_entry_immutable"();

create table "idempotency_record" (
  "merchant_id" uuid not null references "merchant" ("id") deferrable initially deferred,
  "key_hash" varchar(64) not null,
  "operation" varchar(64) not null,
  "request_hash" varchar(64) not null,
  "response" text not null,
  "created_at" timestamptz not null default now(),
  "expires_at" timestamptz not null,
  primary key ("merchant_id", "key_hash")
);
create index "idempotency_record_expires_at_index" on "idempotency_record" ("expires_at");

create table "signing_key" (
  "kid" varchar(64) primary key,
  "status" text not null check ("status" in ('ACTIVE', 'VERIFY_ONLY', 'RETIRED')),
  "private_jwk" jsonb not null,
  "public_jwk" jsonb not null,
  "created_at" timestamptz not null default now()
);
create unique index "signing_key_one_active" on "signing_key" ("status") where "status" = 'ACTIVE';

create table "rate_limit_bucket" (
  "bucket" varchar(200) primary key,
  "window_start" timestamptz not null,
  "count" int not null
);
`);
  }

  override down(): void {
    this.addSql(`
drop table if exists "rate_limit_bucket", "signing_key", "idempotency_record", "ledger_entry", "hold",
  "payment_intent", "gift_card", "api_key", "location", "merchant" cascade;
drop function if exists "ledger_entry_immutable"();
`);
  }
}
