import { Migration } from '@mikro-orm/migrations';

/**
 * Delivery e-mails are retried with back-off (attempts, next_attempt_at) until sent or given up
 * (FAILED). Orders remember a hash of the buyer's IP address, for the per-IP velocity limit.
 */
export class Migration0007MailRetryOrderIp extends Migration {
  override up(): void {
    this.addSql(`
alter table "mail_message" add column "attempts" int not null default 0;
alter table "mail_message" add column "next_attempt_at" timestamptz not null default now();
create index "mail_message_due_index" on "mail_message" ("next_attempt_at") where "status" = 'PENDING';
alter table "gift_card_order" add column "customer_ip_hash" text null;
create index "gift_card_order_ip_index" on "gift_card_order" ("merchant_id", "customer_ip_hash", "created_at") where "customer_ip_hash" is not null;
`);
  }

  override down(): void {
    this.addSql(`
drop index if exists "gift_card_order_ip_index";
alter table "gift_card_order" drop column if exists "customer_ip_hash";
drop index if exists "mail_message_due_index";
alter table "mail_message" drop column if exists "next_attempt_at";
alter table "mail_message" drop column if exists "attempts";
`);
  }
}
