import { Migration } from '@mikro-orm/migrations';

/** The catalog: brands of gift cards a merchant sells, with fixed or ranged denominations and stock. */
export class Migration0003Catalog extends Migration {
  override up(): void {
    this.addSql(`
create table "brand" (
  "id" uuid primary key,
  "merchant_id" uuid not null references "merchant" ("id") deferrable initially deferred,
  "name" varchar(200) not null,
  "slug" varchar(200) not null,
  "search_name" varchar(200) not null,
  "country" varchar(2) not null,
  "currency" varchar(3) not null,
  "category" varchar(50) not null,
  "description" text not null default '',
  "redemption_instructions" text not null default '',
  "logo_svg" text not null,
  "active" boolean not null default true,
  "created_at" timestamptz not null default now(),
  unique ("merchant_id", "slug")
);
create index "brand_merchant_name_index" on "brand" ("merchant_id", "name", "id");

create table "brand_denomination" (
  "id" uuid primary key,
  "brand_id" uuid not null references "brand" ("id") deferrable initially deferred,
  "kind" text not null check ("kind" in ('FIXED', 'RANGE')),
  "amount" bigint null check ("amount" > 0),
  "min_amount" bigint null check ("min_amount" > 0),
  "max_amount" bigint null,
  "step" bigint null check ("step" > 0),
  "stock" int null check ("stock" >= 0),
  constraint "brand_denomination_shape_check" check (
    ("kind" = 'FIXED' and "amount" is not null and "min_amount" is null)
    or ("kind" = 'RANGE' and "amount" is null and "stock" is null and "min_amount" is not null
        and "max_amount" >= "min_amount" and "step" is not null))
);
create index "brand_denomination_brand_index" on "brand_denomination" ("brand_id");
`);
  }

  override down(): void {
    this.addSql('drop table if exists "brand_denomination", "brand" cascade;');
  }
}
