import { Migration } from '@mikro-orm/migrations';

/** Delivery e-mails of catalog orders: stored (and viewable) always; sent over SMTP when configured. */
export class Migration0006Mail extends Migration {
  override up(): void {
    this.addSql(`
create table "mail_message" (
  "id" uuid primary key,
  "merchant_id" uuid not null references "merchant" ("id") deferrable initially deferred,
  "order_id" uuid not null,
  "to_address" varchar(320) not null,
  "subject" varchar(300) not null,
  "html" text not null,
  "text" text not null,
  "status" text not null check ("status" in ('STORED', 'PENDING', 'SENT', 'FAILED')),
  "error" text null,
  "created_at" timestamptz not null default now(),
  "sent_at" timestamptz null
);
create index "mail_message_merchant_index" on "mail_message" ("merchant_id", "created_at");
`);
  }

  override down(): void {
    this.addSql('drop table if exists "mail_message";');
  }
}
