import { html, render } from 'lit';
import { money, wallet, type WalletCard } from './common.ts';

/** The customer's app: cards bought in this browser, each with its live balance (<gc-balance>) and its QR code for a shop's till. */

const root = document.querySelector<HTMLElement>('#wallet')!;
root.replaceChildren();
const revealed = new Set<string>();

function qr(card: WalletCard) {
  // The gateway's SVG, shown as an image: nothing in it can run.
  return html`<img class="qr" alt="QR code of the card ending ${card.last4}, for paying at a till"
    src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(card.qrSvg)}" width="160" height="160">`;
}

function cardView(card: WalletCard) {
  const shown = revealed.has(card.code);
  return html`<li class="panel wallet-card" data-card=${card.last4}>
    <div class="wallet-head"><div><h2>${card.brandName}</h2>
      <p class="muted">Bought for ${money(card.amount, card.currency)} · ${new Date(card.orderedAt).toLocaleDateString('en-US', { dateStyle: 'medium' })}</p></div>
      ${qr(card)}</div>
    <p class="code"><span class="sr">Code: </span><span data-code>${shown ? card.code : `•••• •••• •••• ${card.last4}`}</span>
      <button type="button" class="link" aria-pressed=${shown ? 'true' : 'false'} @click=${() => toggle(card.code)}>${shown ? 'Hide code' : 'Show code'}</button>
      ${card.pin ? html`<span class="muted">PIN ${shown ? card.pin : '••••'}</span>` : ''}</p>
    <gc-balance heading="Balance" .code=${card.code} .pin=${card.pin ?? ''}></gc-balance>
    <p><button type="button" class="link danger" @click=${() => remove(card)}>Remove from this wallet</button></p>
  </li>`;
}

function toggle(code: string): void {
  if (!revealed.delete(code)) revealed.add(code);
  draw();
}

function remove(card: WalletCard): void {
  if (!confirm(`Remove the ${card.brandName} card ending ${card.last4} from this wallet? The card keeps its balance; keep the code if you want to use it.`)) return;
  wallet.remove(card.code);
  draw();
}

function draw(): void {
  const cards = wallet.cards();
  render(cards.length
    ? html`<ul class="wallet-list">${cards.map(cardView)}</ul>`
    : html`<div class="panel"><p>No gift cards in this wallet yet.</p><p><a class="btn" href="/#cards-title">Buy a gift card</a></p></div>`, root);
}

draw();
// Live balances: check again when the wallet comes back into view (after paying in another tab, say).
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') document.querySelectorAll('gc-balance').forEach((b) => void b.check());
});
