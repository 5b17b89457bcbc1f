import { html, nothing, render } from 'lit';
import { api, cart, money, StoreError, type CartLine, type Product } from './common.ts';

/**
 * Checkout: the cart, then payment. The store's server creates the payment intent (secret key) and
 * hands this page only its client token for <gc-tender>. When gift cards cover the total the server
 * captures; otherwise the shopper can pay the rest with the (demo) bank card.
 */

interface Session { orderId: string; clientToken: string; total: number; cart: string }
type PayState =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'paying'; session: Session; remaining: number; held: number }
  | { kind: 'completing'; session: Session }
  | { kind: 'expired'; session: Session | null };

const SESSION = 'northwind.checkout';
const cartEl = document.querySelector<HTMLElement>('#cart')!;
const payEl = document.querySelector<HTMLElement>('#pay')!;
const ttl = Number(payEl.dataset.ttl) || undefined;
cartEl.replaceChildren();
payEl.replaceChildren();
let products: Product[] = [];
let state: PayState = { kind: 'idle' };
let error = '';

const signature = (lines: CartLine[]) => JSON.stringify(lines);
const lines = () => cart.lines().filter((l) => products.some((p) => p.id === l.productId));
const total = () => lines().reduce((s, l) => s + l.qty * products.find((p) => p.id === l.productId)!.price, 0);

function setQty(productId: string, qty: number): void {
  cart.save(cart.lines().map((l) => (l.productId === productId ? { ...l, qty: Math.max(0, Math.min(20, qty)) } : l)));
  // A changed cart needs a new payment; the old intent simply expires (its holds are released then).
  if (state.kind === 'paying' || state.kind === 'expired') reset();
  draw();
}

function reset(): void {
  sessionStorage.removeItem(SESSION);
  state = { kind: 'idle' };
}

async function start(): Promise<void> {
  state = { kind: 'starting' };
  error = '';
  draw();
  try {
    const current = lines();
    const r = await api<{ orderId: string; clientToken: string; total: number }>('/checkout', { items: current, ttlSeconds: ttl });
    const session: Session = { orderId: r.orderId, clientToken: r.clientToken, total: r.total, cart: signature(current) };
    sessionStorage.setItem(SESSION, JSON.stringify(session));
    state = { kind: 'paying', session, remaining: r.total, held: 0 };
  } catch (e) {
    state = { kind: 'idle' };
    error = e instanceof StoreError ? e.message : String(e);
  }
  draw();
}

async function complete(session: Session, payRemainderWithDemoCard: boolean): Promise<void> {
  const previous = state;
  state = { kind: 'completing', session };
  error = '';
  draw();
  try {
    await api(`/orders/${session.orderId}/complete`, { payRemainderWithDemoCard });
    sessionStorage.removeItem(SESSION);
    cart.clear();
    location.assign(`/orders/${session.orderId}`);
  } catch (e) {
    error = e instanceof StoreError ? e.message : String(e);
    state = e instanceof StoreError && e.code === 'INTENT_EXPIRED' ? { kind: 'expired', session } : previous;
    draw();
  }
}

function cartView() {
  const current = lines();
  if (current.length === 0) return html`<p>Your cart is empty. <a href="/">Browse the shop</a>.</p>`;
  return html`<table class="cart"><caption class="sr">Items in your cart</caption>
    <thead><tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col" class="num">Price</th></tr></thead>
    <tbody>${current.map((l) => {
      const p = products.find((x) => x.id === l.productId)!;
      return html`<tr><td><img src=${p.image} alt="" width="48" height="36"> ${p.name}</td>
        <td><div class="qty">
          <button type="button" class="icon" aria-label="One less ${p.name}" @click=${() => setQty(p.id, l.qty - 1)}>−</button>
          <span aria-label="${l.qty} × ${p.name}">${l.qty}</span>
          <button type="button" class="icon" aria-label="One more ${p.name}" ?disabled=${l.qty >= 20} @click=${() => setQty(p.id, l.qty + 1)}>+</button>
        </div></td>
        <td class="num">${money(l.qty * p.price)}</td></tr>`;
    })}</tbody>
    <tfoot><tr><th scope="row" colspan="2">Total</th><td class="num total" data-total>${money(total())}</td></tr></tfoot></table>`;
}

function payView() {
  const err = error ? html`<p class="error" role="alert">${error}</p>` : nothing;
  if (lines().length === 0) return html`<p class="muted">Add something to your cart first.</p>`;
  switch (state.kind) {
    case 'idle':
    case 'starting':
      return html`${err}<button type="button" class="btn block" id="start" ?disabled=${state.kind === 'starting'} @click=${start}>
        ${state.kind === 'starting' ? 'Preparing payment…' : `Continue to payment · ${money(total())}`}</button>`;
    case 'expired':
      return html`${state.session ? html`<gc-tender client-token=${state.session.clientToken}></gc-tender>` : nothing}
        ${err}<p>The payment window closed, and any gift-card holds were released.</p>
        <button type="button" class="btn block" @click=${() => { reset(); void start(); }}>Start payment again</button>`;
    case 'paying':
    case 'completing': {
      const s = state.session;
      const remaining = state.kind === 'paying' ? state.remaining : 0;
      return html`<gc-tender client-token=${s.clientToken} approve-url="${location.origin}/wallet/approve"
          @gc-update=${onUpdate} @gc-covered=${() => complete(s, false)} @gc-expired=${() => { state = { kind: 'expired', session: s }; draw(); }}></gc-tender>
        ${err}
        ${state.kind === 'completing' ? html`<p class="muted" role="status">Completing your order…</p>` : html`
        <section class="demo-card" aria-labelledby="demo-card-title">
          <h3 id="demo-card-title">Pay ${state.held > 0 ? 'the rest' : ''} by card <span class="tag">Demo</span></h3>
          <p class="muted">Stands in for a bank-card payment: nothing is charged.</p>
          <label>Card number <input value="4242 4242 4242 4242" readonly aria-readonly="true"></label>
          <button type="button" class="btn secondary block" id="pay-rest" @click=${() => complete(s, true)}>
            Pay ${money(remaining)} by demo card</button>
        </section>`}`;
    }
  }
}

function onUpdate(e: Event): void {
  const u = e as unknown as { remainingAmount: number; heldAmount: number };
  if (state.kind === 'paying') state = { ...state, remaining: u.remainingAmount, held: u.heldAmount };
  draw();
}

function draw(): void {
  render(cartView(), cartEl);
  render(payView(), payEl);
}

try {
  products = await api<Product[]>('/products');
  const saved = JSON.parse(sessionStorage.getItem(SESSION) ?? 'null') as Session | null;
  if (saved && saved.cart === signature(lines())) state = { kind: 'paying', session: saved, remaining: saved.total, held: 0 };
  draw();
} catch (e) {
  cartEl.textContent = e instanceof StoreError ? e.message : String(e);
}
