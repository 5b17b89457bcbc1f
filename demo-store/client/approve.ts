import { html, nothing, render } from 'lit';
import { money, randomId, wallet, widgetConfig } from './common.ts';
import { gql as widgetGql } from '../../widget/client/graphql-client.ts';
import { intentIdOf } from '../../widget/gc-tender.events.ts';

/**
 * The customer's app approving a payment (APP channel): reached from the QR code or link that
 * <gc-tender> shows at checkout, with the intent's client token in the URL fragment. The app places
 * the hold with the publishable key and that token; the checkout page updates live.
 */

const root = document.querySelector<HTMLElement>('#approve')!;
root.replaceChildren();
const token = decodeURIComponent(new URLSearchParams(location.hash.slice(1)).get('token') ?? '');
const { endpoint, publishableKey } = widgetConfig();

interface Intent { id: string; amount: number; currency: string; status: string; remainingAmount: number; expiresAt: string }
let intent: Intent | null = null;
let error = '';
let busy = false;
let approved: { amount: number; last4: string } | null = null;

/** The widget's own client: the publishable key, a timeout, typed errors. */
const gql = <T = any>(query: string, variables: Record<string, unknown>) =>
  widgetGql<T>({ endpoint, publishableKey, timeoutMs: 15_000 }, query, variables);

async function load(): Promise<void> {
  const id = intentIdOf(token);
  if (!id) {
    error = 'This link is not a payment request. Scan the QR code at checkout again.';
    return draw();
  }
  try {
    const r = await gql('query($id: ID!, $t: String) { paymentIntent(id: $id, clientToken: $t) { id amount currency status remainingAmount expiresAt } }', { id, t: token });
    intent = r.paymentIntent;
    if (!intent) error = 'This payment could not be found.';
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  draw();
}

async function approve(e: SubmitEvent): Promise<void> {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const chosen = new FormData(form).get('card');
  const card = wallet.cards().find((c) => c.code === chosen);
  if (!card) {
    error = 'Choose a card.';
    return draw();
  }
  busy = true;
  error = '';
  draw();
  try {
    const r = await gql(`mutation($i: PlaceHoldInput!) { placeHold(input: $i) { __typename
      ... on HoldPlaced { hold { amount cardLast4 } intent { id amount currency status remainingAmount expiresAt } }
      ... on ErrorResult { errorCode message } } }`, { i: { clientToken: token, code: card.code, pin: card.pin, idempotencyKey: randomId() } });
    const p = r.placeHold;
    if (p.__typename === 'HoldPlaced') {
      approved = { amount: p.hold.amount, last4: p.hold.cardLast4 };
      intent = p.intent;
    } else {
      error = p.errorCode === 'INSUFFICIENT_FUNDS' ? 'That card has no balance left.' : p.message;
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  } finally {
    busy = false;
    draw();
  }
}

function draw(): void {
  const cards = wallet.cards().filter((c) => !intent || c.currency === intent.currency);
  const open = intent && ['OPEN', 'PARTIALLY_HELD'].includes(intent.status) && intent.remainingAmount > 0;
  render(html`
    ${intent ? html`<p class="ask">Northwind Goods asks you to pay <strong>${money(intent.remainingAmount, intent.currency)}</strong>
      ${intent.remainingAmount !== intent.amount ? html`<span class="muted">(of ${money(intent.amount, intent.currency)})</span>` : nothing}</p>` : nothing}
    ${approved ? html`<p class="ok" role="status">Approved: ${money(approved.amount, intent!.currency)} on the card ending ${approved.last4}.
      You can go back to the checkout; it has updated.</p>` : nothing}
    ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    ${intent && !open && !approved ? html`<p>${intent.status === 'EXPIRED' ? 'This payment has expired.' : 'Nothing is left to pay.'}</p>` : nothing}
    ${open ? (cards.length ? html`<form @submit=${approve}><fieldset><legend>Pay with</legend>
        ${cards.map((c, i) => html`<label class="choice"><input type="radio" name="card" value=${c.code} ?checked=${i === 0}>
          <span>${c.brandName} · card ending ${c.last4}</span></label>`)}</fieldset>
        <button class="btn block" type="submit" ?disabled=${busy}>${busy ? 'Approving…' : 'Approve payment'}</button></form>`
      : html`<p>This wallet has no gift cards in ${intent!.currency} yet. <a href="/">Buy one in the shop</a>.</p>`) : nothing}
  `, root);
}

void load();
