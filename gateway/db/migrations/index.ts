import { Migration0001Initial } from './0001-initial.ts';
import { Migration0002Events } from './0002-events.ts';
import { Migration0003Catalog } from './0003-catalog.ts';
import { Migration0004Orders } from './0004-orders.ts';
import { Migration0005Funding } from './0005-funding.ts';
import { Migration0006Mail } from './0006-mail.ts';
import { Migration0007MailRetryOrderIp } from './0007-mail-retry-order-ip.ts';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS = [
  { name: '0001-initial', class: Migration0001Initial },
  { name: '0002-events', class: Migration0002Events },
  { name: '0003-catalog', class: Migration0003Catalog },
  { name: '0004-orders', class: Migration0004Orders },
  { name: '0005-funding', class: Migration0005Funding },
  { name: '0006-mail', class: Migration0006Mail },
  { name: '0007-mail-retry-order-ip', class: Migration0007MailRetryOrderIp },
];
