import { Migration } from '@mikro-orm/migrations';

/**
 * Live events: the transactional outbox every money change writes to, the hold-expiry warning
 * marker, and webhook endpoints with their persisted deliveries.
 */
export class Migration0002Events extends Migration {
  override up(): void {
    this.addSql(`
create table "event_outbox" (
  "id" bigserial primary key,
  "event_id" uuid not null unique,
  "merchant_id" uuid not null,
  "location_id" uuid null,
  "intent_id" uuid null,
  "hold_id" uuid null,
  "type" text not null,
  "payload" jsonb not null,
  "created_at" timestamptz not null default now()
);
create index "event_outbox_intent_index" on "event_outbox" ("intent_id", "id") where "intent_id" is not null;

alter table "hold" add column "expiring_notified_at" timestamptz null;
create index "hold_pending_expiring_index" on "hold" ("expires_at") where "status" = 'PENDING' and "expiring_notified_at" is null;
create index "payment_intent_open_expires_at_index" on "payment_intent" ("expires_at")
  where "status" in ('OPEN', 'PARTIALLY_HELD', 'FULLY_HELD');

create table "webhook_endpoint" (
  "id" uuid primary key,
  "merchant_id" uuid not null references "merchant" ("id") deferrable initially deferred,
  "url" text not null,
  "events" text[] not null,
  "secret" text not null,
  "created_at" timestamptz not null default now(),
  "disabled_at" timestamptz null
);
create index "webhook_endpoint_merchant_index" on "webhook_endpoint" ("merchant_id") where "disabled_at" is null;

create table "webhook_delivery" (
  "id" bigserial primary key,
  "endpoint_id" uuid not null references "webhook_endpoint" ("id") deferrable initially deferred,
  "merchant_id" uuid not null,
  "event_id" uuid not null,
  "event_type" text not null,
  "body" text not null,
  "status" text not null default 'PENDING' check ("status" in ('PENDING', 'DELIVERED', 'FAILED')),
  "attempts" int not null default 0,
  "next_attempt_at" timestamptz not null default now(),
  "last_attempt_at" timestamptz null,
  "last_status_code" int null,
  "last_error" text null,
  "delivered_at" timestamptz null,
  "created_at" timestamptz not null default now(),
  unique ("endpoint_id", "event_id")
);
create index "webhook_delivery_due_index" on "webhook_delivery" ("next_attempt_at") where "status" = 'PENDING';
create index "webhook_delivery_merchant_index" on "webhook_delivery" ("merchant_id", "id");
`);
  }

  override down(): void {
    this.addSql(`
drop table if exists "webhook_delivery", "webhook_endpoint", "event_outbox" cascade;
alter table "hold" drop column if exists "expiring_notified_at";
drop index if exists "payment_intent_open_expires_at_index";
`);
  }
}
