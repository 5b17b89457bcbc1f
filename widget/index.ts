/**
 * The script-tag entry: registers the elements and reads configuration from the tag:
 *   <script src="…/widget/giftcard.iife.js" data-endpoint="https://…/graphql" data-publishable-key="pk_…"></script>
 * or call GiftCard.configure({ endpoint, publishableKey }).
 */
import { configure, configureFromScript } from './client/config.ts';
export { GcBalance, GcBalanceEvent } from './gc-balance.ts';
export { GcCatalog, GcSelectEvent } from './gc-catalog.ts';
export type { CatalogBrand } from './gc-catalog.ts';
export { GcErrorEvent } from './events.ts';
export { GcTender, GcHoldPlacedEvent, GcHoldReleasedEvent, GcCoveredEvent, GcExpiredEvent, GcUpdateEvent } from './gc-tender.ts';
export { configure };
export type { GiftCardConfig } from './client/config.ts';

configureFromScript(document.currentScript);
if (!document.currentScript) {
  // ES-module loads have no currentScript: look for our own tag.
  configureFromScript(document.querySelector<HTMLScriptElement>('script[data-publishable-key][src*="giftcard"]'));
}
