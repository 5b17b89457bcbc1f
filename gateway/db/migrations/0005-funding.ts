import { Migration } from '@mikro-orm/migrations';

/** Who funded a card's value (the merchant or a partner), so liability can be split by funder. */
export class Migration0005Funding extends Migration {
  override up(): void {
    this.addSql(`
alter table "gift_card" add column "funding_source" text not null default 'MERCHANT'
  check ("funding_source" in ('MERCHANT', 'PARTNER'));
alter table "gift_card" add column "partner" varchar(100) null;
alter table "gift_card" add constraint "gift_card_partner_check"
  check (("funding_source" = 'PARTNER') = ("partner" is not null));
`);
  }

  override down(): void {
    this.addSql('alter table "gift_card" drop column if exists "partner", drop column if exists "funding_source";');
  }
}
