import type { Request } from 'express';
import { PRODUCTS, CURRENCY } from './products.ts';
import type { StoreOrder } from './orders.ts';
import { formatMinorUnits } from '../widget/client/money.ts';

/** Server-rendered pages of the demo store. Each loads the widget with one script tag, as any shop would. */

export const STORE_NAME = 'Northwind Goods';

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const money = (minor: number, currency = CURRENCY) => formatMinorUnits(minor, currency, 'en-US');

interface PageOptions {
  title: string;
  active: string;
  /** The page's script under /store/js/ (built from demo-store/client/). */
  script?: string;
  body: string;
}

export function layout(req: Request, publishableKey: string, o: PageOptions): string {
  const endpoint = `${req.protocol}://${req.get('host')}/graphql`;
  const nav = [['/', 'Shop'], ['/balance', 'Check balance'], ['/wallet', 'Wallet'], ['/merchant', 'Merchant']]
    .map(([href, label]) => `<a href="${href}"${o.active === href ? ' aria-current="page"' : ''}>${label}</a>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(o.title)} · ${STORE_NAME}</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%230f766e'/%3E%3C/svg%3E">
<link rel="stylesheet" href="/store/store.css">
<script src="/widget/giftcard.iife.js" data-endpoint="${esc(endpoint)}" data-publishable-key="${esc(publishableKey)}"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="logo" href="/"><span class="mark" aria-hidden="true"></span>${STORE_NAME}</a>
  <nav aria-label="Main">${nav}<a href="/checkout" class="cart"${o.active === '/checkout' ? ' aria-current="page"' : ''}>Cart <span class="count" data-cart-count>0</span></a></nav>
</header>
<main id="main">
${o.body}
</main>
<footer class="site"><p>A demo store for <strong>giftcard</strong>. Gift cards, holds and refunds here are real on this gateway;
the “demo card” steps stand in for a bank-card processor and move no money.</p></footer>
${o.script ? `<script type="module" src="/store/js/${o.script}.js"></script>` : ''}
</body>
</html>`;
}

export function shopPage(): string {
  const products = PRODUCTS.map((p) => `<li class="product">
    <img src="/store/products/${p.id}.svg" alt="" width="240" height="180">
    <div class="info"><h3>${esc(p.name)}</h3><p class="muted">${esc(p.description)}</p></div>
    <div class="buy"><span class="price">${money(p.price)}</span>
      <button type="button" class="btn" data-add="${p.id}"><span class="label">Add to cart</span><span class="sr">: ${esc(p.name)}</span></button></div>
  </li>`).join('');
  return `<section class="hero"><h1>Small things, made well.</h1>
  <p>Shop the range, pay with one or more gift cards, or buy a gift card for someone.</p></section>
  <section aria-labelledby="products-title"><h2 id="products-title">Products</h2><ul class="products">${products}</ul></section>
  <section aria-labelledby="cards-title" class="cards">
    <h2 id="cards-title">Gift cards</h2>
    <p class="muted">Choose a brand and an amount. The card goes to your <a href="/wallet">wallet</a> in this browser and is e-mailed to the recipient (see the merchant's mailbox).</p>
    <gc-catalog currency="USD" page-size="8" heading="Browse gift cards"></gc-catalog>
  </section>
  <dialog id="buy" aria-labelledby="buy-title">
    <form method="dialog" id="buy-form" novalidate>
      <h2 id="buy-title">Buy a gift card</h2>
      <p id="buy-summary" class="summary"></p>
      <label>Recipient e-mail <input name="email" type="email" autocomplete="email" required></label>
      <fieldset class="demo-pay"><legend>Payment <span class="tag">Demo</span></legend>
        <p class="muted">No money is charged: this step stands in for your bank card. The gift card itself is real.</p></fieldset>
      <p class="error" role="alert" id="buy-error" hidden></p>
      <div class="actions"><button type="button" class="btn secondary" value="cancel" id="buy-cancel">Cancel</button>
        <button type="submit" class="btn" id="buy-submit">Pay (demo)</button></div>
    </form>
    <div id="buy-done" hidden><h2>Your gift card is ready</h2><p id="buy-done-text"></p>
      <div class="actions"><button type="button" class="btn secondary" id="buy-close">Keep shopping</button><a class="btn" href="/wallet">Open wallet</a></div></div>
  </dialog>`;
}

export function checkoutPage(ttl: number | null): string {
  return `<h1>Checkout</h1>
  <div class="checkout">
    <section aria-labelledby="cart-title" class="panel"><h2 id="cart-title">Your cart</h2>
      <div id="cart"><p class="muted">Loading your cart…</p></div>
    </section>
    <section aria-labelledby="pay-title" class="panel"><h2 id="pay-title">Payment</h2>
      ${ttl ? `<p class="tag-line"><span class="tag">Demo</span> This payment expires after ${ttl} seconds, to show what expiry looks like.</p>` : ''}
      <div id="pay" data-ttl="${ttl ?? ''}"><p class="muted">Add something to your cart first.</p></div>
    </section>
  </div>`;
}

export function receiptPage(r: { order: StoreOrder; cards: { last4: string; paid: number; refunded: number; remaining: number | null }[] }): string {
  const o = r.order;
  const lines = o.items.map((i) => `<tr><td>${esc(i.name)} × ${i.qty}</td><td class="num">${money(i.qty * i.unitPrice, o.currency)}</td></tr>`).join('');
  const cards = r.cards.map((c) => `<tr><td>Gift card ending ${esc(c.last4)}${c.refunded ? ` <span class="muted">(refunded ${money(c.refunded, o.currency)})</span>` : ''}</td>
    <td class="num">${money(c.paid, o.currency)}</td><td class="num">${c.remaining === null ? '' : money(c.remaining, o.currency)}</td></tr>`).join('');
  const paid = o.status === 'PAID';
  return `<div class="receipt panel">
    <h1>${paid ? 'Thank you! Your order is confirmed.' : o.status === 'EXPIRED' ? 'This payment expired' : 'Awaiting payment'}</h1>
    <p class="muted">Order <strong data-order-id>${esc(o.id)}</strong> · ${new Date(o.createdAt).toUTCString()}</p>
    <table><caption>Items</caption><tbody>${lines}</tbody>
      <tfoot><tr><th scope="row">Total</th><td class="num">${money(o.total, o.currency)}</td></tr></tfoot></table>
    ${paid ? `<table class="paid"><caption>Paid with</caption>
      <thead><tr><th scope="col">Method</th><th scope="col" class="num">Paid</th><th scope="col" class="num">Card balance now</th></tr></thead>
      <tbody>${cards}${o.demoCardAmount > 0 ? `<tr><td>Demo card <span class="tag">Demo</span></td><td class="num">${money(o.demoCardAmount, o.currency)}</td><td></td></tr>` : ''}</tbody></table>` : ''}
    <p><a class="btn" href="/">Continue shopping</a> <a class="btn secondary" href="/wallet">Open wallet</a></p>
  </div>`;
}

export function walletPage(): string {
  return `<h1>Wallet</h1>
  <p class="muted">The customer's app: gift cards bought in this browser, with live balances and a QR code for paying in a shop.</p>
  <div id="wallet" class="wallet" aria-live="polite"><p class="muted">Loading…</p></div>`;
}

export function approvePage(): string {
  return `<div class="panel narrow"><h1>Approve payment</h1><div id="approve" aria-live="polite"><p class="muted">Loading the payment…</p></div></div>`;
}

export function merchantPage(): string {
  return `<h1>Merchant</h1>
  <p class="muted">The back office of ${STORE_NAME}. Every action goes through this store's server, which holds the secret key. (A real shop puts this page behind a login.)</p>
  <div class="merchant">
    <section class="panel" aria-labelledby="feed-title"><h2 id="feed-title">Live redemptions</h2>
      <p class="muted" id="feed-status">Connecting…</p><ol id="feed" class="feed" aria-live="polite" tabindex="0" aria-label="Redemption events, newest first"></ol></section>
    <section class="panel" aria-labelledby="report-title"><h2 id="report-title">Report, last 30 days</h2><div id="report"><p class="muted">Loading…</p></div>
      <p><a href="/merchant/mailbox">Mailbox of delivered gift cards</a></p></section>
    <section class="panel wide" aria-labelledby="orders-title"><h2 id="orders-title">Recent orders</h2><div id="orders"><p class="muted">Loading…</p></div></section>
  </div>`;
}

export function mailboxPage(messages: { id: string; to: string; subject: string; html: string; status: string; createdAt: string }[]): string {
  const items = messages.map((m) => `<li class="panel"><h2>${esc(m.subject)}</h2>
    <p class="muted">To ${esc(m.to)} · ${new Date(m.createdAt).toUTCString()} · ${esc(m.status.toLowerCase())}</p>
    <iframe sandbox="" title="${esc(m.subject)}" srcdoc="${esc(m.html)}"></iframe></li>`).join('');
  return `<h1>Mailbox</h1><p class="muted">Delivery e-mails of gift cards ordered from the catalog (stored here; sent over SMTP when the gateway has SMTP_URL).</p>
    <p><a href="/merchant">Back to the merchant page</a></p>
    ${messages.length ? `<ul class="mailbox">${items}</ul>` : '<p>No messages yet. Buy a gift card in the shop.</p>'}`;
}

export function balancePage(): string {
  return `<div class="narrow"><h1>Check a balance</h1>
  <p class="muted">Enter the code printed on the card (and its PIN, if it has one).</p>
  <gc-balance heading="Gift card balance"></gc-balance></div>`;
}

export function notFoundPage(what: string): string {
  return `<div class="panel narrow"><h1>Not found</h1><p>${esc(what)}</p><p><a class="btn" href="/">Back to the shop</a></p></div>`;
}
