import { html, nothing, render } from 'lit';
import { api, money, randomId, StoreError } from './common.ts';
import { parseMajorUnits } from '../../widget/client/money.ts';

/** The merchant's back office: live redemption feed, recent orders with their holds and actions, the report. */

interface Hold { id: string; cardLast4: string; amount: number; capturedAmount: number; refundedAmount: number; status: string; expiresAt: string }
interface Order {
  id: string; total: number; currency: string; status: string; createdAt: string; demoCardAmount: number;
  intent: { status: string; holds: Hold[] } | null;
}
interface FeedEvent { id: string; type: string; cardLast4: string | null; amount: number | null; currency: string | null; occurredAt: string; intentId: string | null }

const feedEl = document.querySelector<HTMLElement>('#feed')!;
const feedStatus = document.querySelector<HTMLElement>('#feed-status')!;
const ordersEl = document.querySelector<HTMLElement>('#orders')!;
const reportEl = document.querySelector<HTMLElement>('#report')!;
ordersEl.replaceChildren();
reportEl.replaceChildren();
let events: FeedEvent[] = [];
let orders: Order[] = [];
let message = '';
let busyHold: string | null = null;

const LABELS: Record<string, string> = {
  HOLD_PLACED: 'Hold placed', HOLD_CAPTURED: 'Hold captured', HOLD_RELEASED: 'Hold released', HOLD_EXPIRED: 'Hold expired',
  HOLD_EXPIRING: 'Hold expiring soon', INTENT_CAPTURED: 'Payment captured', INTENT_CANCELED: 'Payment canceled',
  INTENT_EXPIRED: 'Payment expired', REFUNDED: 'Refunded', GIFT_CARD_ISSUED: 'Gift card issued',
};

function drawFeed(): void {
  render(events.slice(-30).reverse().map((e) => html`<li data-type=${e.type}>
    <span class="ev">${LABELS[e.type] ?? e.type}</span>
    <span>${e.cardLast4 ? `card …${e.cardLast4}` : ''} ${e.amount !== null && e.currency ? money(e.amount, e.currency) : ''}</span>
    <time datetime=${e.occurredAt}>${new Date(e.occurredAt).toLocaleTimeString('en-US')}</time></li>`), feedEl);
}

function connectFeed(): void {
  const source = new EventSource('/store/api/merchant/feed');
  source.addEventListener('open', () => (feedStatus.textContent = 'Live: new events appear here as they happen.'));
  source.addEventListener('error', () => (feedStatus.textContent = 'Reconnecting…'));
  source.addEventListener('recent', (m) => {
    events = JSON.parse((m as MessageEvent).data);
    drawFeed();
  });
  source.addEventListener('redemption', (m) => {
    events.push(JSON.parse((m as MessageEvent).data));
    drawFeed();
    scheduleRefresh();
  });
}

let refreshTimer: number | undefined;
function scheduleRefresh(): void {
  clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(() => void Promise.all([loadOrders(), loadReport()]), 150);
}

async function act(hold: Hold, action: 'capture' | 'release' | 'refund', amount?: number): Promise<void> {
  busyHold = hold.id;
  message = '';
  drawOrders();
  try {
    await api(`/merchant/holds/${hold.id}/${action}`, { idempotencyKey: randomId(), amount });
    message = `${action === 'capture' ? 'Captured' : action === 'release' ? 'Released' : 'Refunded'} the hold on card …${hold.cardLast4}.`;
  } catch (e) {
    message = e instanceof StoreError ? e.message : String(e);
  } finally {
    busyHold = null;
    await loadOrders();
  }
}

/** m:ss until `expiresAt`. */
function timeLeft(expiresAt: string): string {
  const s = Math.max(0, Math.round((Date.parse(expiresAt) - Date.now()) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function refundForm(hold: Hold, currency: string) {
  const refundable = hold.capturedAmount - hold.refundedAmount;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const value = (new FormData(e.target as HTMLFormElement).get('amount') as string).trim();
    const cents = parseMajorUnits(value, currency);
    if (cents === null || cents <= 0 || cents > refundable) {
      message = `Enter an amount up to ${money(refundable, currency)}.`;
      return drawOrders();
    }
    void act(hold, 'refund', cents);
  };
  return html`<form class="refund" @submit=${submit}>
    <label>Refund amount (${currency}) <input name="amount" inputmode="decimal" size="7" .value=${(refundable / 100).toFixed(2)}></label>
    <button class="btn small secondary" ?disabled=${busyHold === hold.id}>Refund</button></form>`;
}

function holdRow(o: Order, h: Hold) {
  const busy = busyHold === h.id;
  return html`<tr data-hold=${h.id}>
    <td>card …${h.cardLast4}</td><td class="num">${money(h.amount, o.currency)}</td>
    <td><span class="status s-${h.status.toLowerCase()}">${h.status.toLowerCase()}</span>
      ${h.status === 'PENDING' ? html`<span class="muted countdown" data-expires=${h.expiresAt}>${timeLeft(h.expiresAt)}</span>` : nothing}
      ${h.refundedAmount ? html`<span class="muted">refunded ${money(h.refundedAmount, o.currency)}</span>` : nothing}</td>
    <td class="actions">${h.status === 'PENDING' ? html`
        <button class="btn small" ?disabled=${busy} @click=${() => act(h, 'capture')}>Capture</button>
        <button class="btn small secondary" ?disabled=${busy} @click=${() => act(h, 'release')}>Release</button>`
      : h.status === 'CAPTURED' && h.capturedAmount > h.refundedAmount ? refundForm(h, o.currency) : nothing}</td></tr>`;
}

function drawOrders(): void {
  render(html`${message ? html`<p class="note" role="status">${message}</p>` : nothing}
    ${orders.length === 0 ? html`<p class="muted">No orders yet. Check out in the shop.</p>` : html`<table class="orders">
      <thead><tr><th scope="col">Card</th><th scope="col" class="num">Held</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
      ${orders.map((o) => html`<tbody data-order=${o.id}><tr class="order-row"><th scope="rowgroup" colspan="4">
          ${o.id} · ${money(o.total, o.currency)} · ${o.status.toLowerCase().replace('_', ' ')}
          ${o.demoCardAmount ? html`<span class="muted">(demo card ${money(o.demoCardAmount, o.currency)})</span>` : nothing}</th></tr>
        ${o.intent?.holds.length ? o.intent.holds.map((h) => holdRow(o, h)) : html`<tr><td colspan="4" class="muted">No gift-card holds.</td></tr>`}</tbody>`)}
    </table>`}`, ordersEl);
}

async function loadOrders(): Promise<void> {
  try {
    orders = await api<Order[]>('/merchant/orders');
  } catch (e) {
    message = e instanceof StoreError ? e.message : String(e);
  }
  drawOrders();
}

async function loadReport(): Promise<void> {
  try {
    const r = await api<{ lines: { currency: string; issued: number; redeemed: number; refunded: number; expiredReleased: number }[]; liability: { currency: string; outstanding: number }[] }>('/merchant/report');
    const totals = new Map<string, { issued: number; redeemed: number; refunded: number; expiredReleased: number }>();
    for (const l of r.lines) {
      const t = totals.get(l.currency) ?? { issued: 0, redeemed: 0, refunded: 0, expiredReleased: 0 };
      t.issued += l.issued; t.redeemed += l.redeemed; t.refunded += l.refunded; t.expiredReleased += l.expiredReleased;
      totals.set(l.currency, t);
    }
    render(html`<table class="report"><thead><tr><th scope="col">Currency</th><th scope="col" class="num">Issued</th><th scope="col" class="num">Redeemed</th>
      <th scope="col" class="num">Refunded</th><th scope="col" class="num">Outstanding</th></tr></thead><tbody>
      ${r.liability.map((l) => {
        const t = totals.get(l.currency);
        return html`<tr><th scope="row">${l.currency}</th><td class="num">${money(t?.issued ?? 0, l.currency)}</td><td class="num">${money(t?.redeemed ?? 0, l.currency)}</td>
          <td class="num">${money(t?.refunded ?? 0, l.currency)}</td><td class="num">${money(l.outstanding, l.currency)}</td></tr>`;
      })}</tbody></table>`, reportEl);
  } catch (e) {
    render(html`<p class="error">${e instanceof StoreError ? e.message : String(e)}</p>`, reportEl);
  }
}

connectFeed();
void loadOrders();
void loadReport();
// Countdowns of pending holds tick every second.
setInterval(() => {
  for (const el of document.querySelectorAll<HTMLElement>('[data-expires]')) el.textContent = timeLeft(el.dataset.expires!);
}, 1000);
