import { LitElement, html, nothing } from 'lit';
import { tenderStyles } from './gc-tender.styles.ts';
import { resolveConfig } from './client/config.ts';
import { gql, GiftCardRequestError } from './client/graphql-client.ts';
import { subscribe } from './client/subscriptions.ts';
import { formatCodeInput, formatMinorUnits } from './client/money.ts';
import { idempotencyKey } from './client/ids.ts';
import { GcErrorEvent } from './events.ts';
import { GcCoveredEvent, GcExpiredEvent, GcHoldPlacedEvent, GcHoldReleasedEvent, GcUpdateEvent, intentIdOf } from './gc-tender.events.ts';
import { qrCode } from './client/qr.ts';
import { canScan, scanQr, ScanError } from './client/scanner.ts';

export { GcCoveredEvent, GcExpiredEvent, GcHoldPlacedEvent, GcHoldReleasedEvent, GcUpdateEvent };

const INTENT_FIELDS = 'id amount currency status heldAmount capturedAmount remainingAmount expiresAt holds { id cardLast4 amount status }';
const INTENT = `query($id: ID!, $t: String) { paymentIntent(id: $id, clientToken: $t) { ${INTENT_FIELDS} } }`;
const PLACE = `mutation($i: PlaceHoldInput!) { placeHold(input: $i) { __typename
  ... on HoldPlaced { hold { id amount cardLast4 } intent { ${INTENT_FIELDS} } }
  ... on InsufficientFundsError { available }
  ... on AmountExceedsRemainingError { remaining }
  ... on RateLimitedError { retryAfterSeconds }
  ... on ErrorResult { errorCode message } } }`;
const RELEASE = `mutation($i: ReleaseHoldInput!) { releaseHold(input: $i) { __typename
  ... on HoldReleased { hold { id amount cardLast4 } intent { ${INTENT_FIELDS} } }
  ... on ErrorResult { errorCode message } } }`;
const EVENTS = 'subscription($id: ID!) { paymentIntentEvents(intentId: $id) { id type holdId } }';

interface IntentView {
  id: string;
  amount: number;
  currency: string;
  status: string;
  heldAmount: number;
  capturedAmount: number;
  remainingAmount: number;
  expiresAt: string;
  holds: { id: string; cardLast4: string; amount: number; status: string }[];
}

/**
 * @summary Pays a payment intent with one or more gift cards: shows the amount due, applies cards
 * (holds), removes them (releases), and follows the intent live until it is covered or expires.
 *
 * @event gc-hold-placed - A card was applied ({@link GcHoldPlacedEvent}).
 * @event gc-hold-released - A card was removed ({@link GcHoldReleasedEvent}).
 * @event gc-update - The intent changed, from here or elsewhere ({@link GcUpdateEvent}: status, heldAmount, remainingAmount).
 * @event gc-covered - The whole amount is held ({@link GcCoveredEvent}); the form value is the intent id.
 * @event gc-expired - The intent expired ({@link GcExpiredEvent}).
 * @event gc-error - Applying or removing failed ({@link GcErrorEvent}).
 *
 * @csspart base - The card around everything.
 * @csspart totals - Amount due, remaining, countdown.
 * @csspart applied - The list of applied cards.
 * @csspart form - The form to apply a card.
 * @csspart code-input - The code field. @csspart pin-input - The PIN field. @csspart submit - The apply button.
 * @csspart banner - Covered / expiring / expired notices.
 * @csspart scan - The scan button (where the browser has BarcodeDetector). @csspart scanner - The camera preview.
 * @csspart app - The "pay with the app" section. @csspart qr - Its QR code. @csspart app-link - Its link.
 * @csspart error - The error message.
 *
 * @cssproperty --gc-color-success - Covered banner tint. @cssproperty --gc-color-warning - Expiring banner tint.
 * (and every --gc-* property of gc-balance)
 *
 * Form-associated: inside a <form>, its value (under `name`) is the intent id once covered, and it
 * reports itself invalid until then.
 */
export class GcTender extends LitElement {
  static override styles = tenderStyles;
  static formAssociated = true;
  static override properties = {
    clientToken: { type: String, attribute: 'client-token' },
    endpoint: { type: String },
    publishableKey: { type: String, attribute: 'publishable-key' },
    locale: { type: String },
    name: { type: String },
    approveUrl: { type: String, attribute: 'approve-url' },
    intent: { state: true },
    scanning: { state: true },
    note: { state: true },
    error: { state: true },
    busy: { state: true },
    now: { state: true },
    expiring: { state: true },
  };

  declare clientToken: string;
  declare endpoint: string;
  declare publishableKey: string;
  declare locale: string;
  declare name: string;
  /** The customer app's approval page; when set, a "pay with the app" QR links to it with `#token=<client token>` (APP channel). */
  declare approveUrl: string;
  declare scanning: boolean;
  /** A neutral status line (e.g. after a scan). */
  declare note: string;
  declare intent: IntentView | null;
  declare error: string;
  declare busy: boolean;
  declare now: number;
  declare expiring: boolean;
  #internals: ElementInternals;
  #unsubscribe: (() => void) | null = null;
  #tick: number | null = null;
  #announced = new Set<string>();
  #scanAbort: AbortController | null = null;

  constructor() {
    super();
    this.clientToken = ''; this.endpoint = ''; this.publishableKey = ''; this.locale = ''; this.name = 'giftCardIntent'; this.approveUrl = '';
    this.scanning = false; this.note = '';
    this.intent = null; this.error = ''; this.busy = false; this.now = Date.now(); this.expiring = false;
    this.#internals = this.attachInternals();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#tick = window.setInterval(() => (this.now = Date.now()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#scanAbort?.abort();
    if (this.#tick) clearInterval(this.#tick);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('clientToken') && this.clientToken) void this.#load(true);
    if (changed.has('intent')) this.#syncForm();
  }

  get #id(): string | null {
    return this.clientToken ? intentIdOf(this.clientToken) : null;
  }

  get #locale(): string | undefined {
    return this.locale || document.documentElement.lang || undefined;
  }

  async #load(resubscribe = false): Promise<void> {
    const id = this.#id;
    if (!id) {
      this.error = 'This checkout link is not valid.';
      return;
    }
    try {
      const data = await gql<{ paymentIntent: IntentView | null }>(resolveConfig(this), INTENT, { id, t: this.clientToken });
      if (!data.paymentIntent) throw new GiftCardRequestError('GRAPHQL', 'This payment could not be found.', 'INTENT_NOT_FOUND');
      this.#setIntent(data.paymentIntent);
    } catch (e) {
      this.#fail(e);
    }
    if (resubscribe) {
      this.#unsubscribe?.();
      this.#unsubscribe = subscribe<{ paymentIntentEvents: { type: string } }>(resolveConfig(this), this.clientToken, EVENTS, { id }, {
        next: ({ paymentIntentEvents: e }) => {
          if (e.type === 'HOLD_EXPIRING') this.expiring = true;
          if (e.type !== 'INTENT_STATE') void this.#load();
        },
        error: () => {},
      });
    }
  }

  #setIntent(intent: IntentView): void {
    const before = this.intent;
    this.intent = intent;
    if (!before || before.status !== intent.status || before.heldAmount !== intent.heldAmount) this.dispatchEvent(new GcUpdateEvent(intent));
    if (intent.status === 'FULLY_HELD' && !this.#announced.has('covered')) {
      this.#announced.add('covered');
      this.dispatchEvent(new GcCoveredEvent(intent.id));
    }
    if (intent.status !== 'FULLY_HELD') this.#announced.delete('covered');
    if (intent.status === 'EXPIRED' && !this.#announced.has('expired')) {
      this.#announced.add('expired');
      this.dispatchEvent(new GcExpiredEvent(intent.id));
    }
  }

  #syncForm(): void {
    const covered = this.intent?.status === 'FULLY_HELD';
    this.#internals.setFormValue(covered ? this.intent!.id : null);
    if (covered) this.#internals.setValidity({});
    else this.#internals.setValidity({ valueMissing: true }, 'Gift cards do not cover the total yet.');
  }

  #fail(e: unknown, code?: string, message?: string): void {
    const x = e instanceof GiftCardRequestError ? e : null;
    const errorCode = code ?? x?.code ?? x?.kind ?? 'NETWORK';
    this.error = message ?? (x && (x.kind === 'NETWORK' || x.kind === 'TIMEOUT')
      ? 'The gift-card service is not reachable right now. Please try again.' : x?.message ?? String(e));
    this.dispatchEvent(new GcErrorEvent(errorCode, this.error));
  }

  #money(amount: number): string {
    return formatMinorUnits(amount, this.intent?.currency ?? 'USD', this.#locale);
  }

  async #apply(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const codeInput = form.elements.namedItem('code') as HTMLInputElement;
    const pinInput = form.elements.namedItem('pin') as HTMLInputElement;
    if (codeInput.value.replace(/-/g, '').length !== 16) {
      this.#fail(null, 'INVALID_CODE', 'Enter the 16 characters printed on the card.');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const data = await gql<{ placeHold: any }>(resolveConfig(this), PLACE, { i: {
        clientToken: this.clientToken, code: codeInput.value, pin: pinInput.value.trim() || null, idempotencyKey: idempotencyKey(),
      } });
      const r = data.placeHold;
      if (r.__typename === 'HoldPlaced') {
        codeInput.value = '';
        pinInput.value = '';
        this.dispatchEvent(new GcHoldPlacedEvent(r.intent.id, r.hold));
        this.#setIntent(r.intent);
      } else {
        const messages: Record<string, string> = {
          CARD_NOT_FOUND: 'We could not find a card with that code and PIN.',
          INSUFFICIENT_FUNDS: 'This card has no balance left.',
          AMOUNT_EXCEEDS_REMAINING: 'Nothing is left to pay.',
          CARD_INACTIVE: 'This card cannot be used.',
          CURRENCY_MISMATCH: 'This card is in another currency.',
          INTENT_EXPIRED: 'This payment has expired. Please start checkout again.',
          RATE_LIMITED: 'Too many attempts. Please wait a few minutes.',
        };
        this.#fail(null, r.errorCode, messages[r.errorCode] ?? r.message);
      }
    } catch (err) {
      this.#fail(err);
    } finally {
      this.busy = false;
    }
  }

  async #remove(holdId: string): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      const data = await gql<{ releaseHold: any }>(resolveConfig(this), RELEASE, { i: { holdId, clientToken: this.clientToken, idempotencyKey: idempotencyKey() } });
      const r = data.releaseHold;
      if (r.__typename === 'HoldReleased') {
        this.dispatchEvent(new GcHoldReleasedEvent(r.intent.id, holdId));
        this.#setIntent(r.intent);
      } else this.#fail(null, r.errorCode, r.message);
    } catch (err) {
      this.#fail(err);
    } finally {
      this.busy = false;
    }
  }

  /** Opens the camera and fills the code field from the card's QR code; the shopper then applies it. */
  async #scan(): Promise<void> {
    this.#scanAbort?.abort();
    const abort = (this.#scanAbort = new AbortController());
    this.error = '';
    this.note = 'Point the camera at the QR code on the card.';
    this.scanning = true;
    await this.updateComplete;
    const video = this.renderRoot.querySelector<HTMLVideoElement>('video')!;
    try {
      const raw = await scanQr(video, abort.signal);
      const code = raw.replace(/[\s-]/g, '').toUpperCase();
      if (!/^[0-9A-Z]{16}$/.test(code)) {
        this.note = '';
        this.#fail(null, 'INVALID_CODE', 'That QR code is not a gift card. Try again or type the code.');
        return;
      }
      const input = this.renderRoot.querySelector<HTMLInputElement>('[part=code-input]')!;
      input.value = formatCodeInput(code);
      this.note = `Card ending ${code.slice(-4)} scanned. Add its PIN if it has one, then apply it.`;
    } catch (e) {
      this.note = '';
      if (e instanceof ScanError) this.#fail(null, `CAMERA_${e.reason}`, e.message);
    } finally {
      if (this.#scanAbort === abort) {
        this.scanning = false;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[part=submit]')?.focus();
      }
    }
  }

  #stopScan(): void {
    this.#scanAbort?.abort();
    this.#scanAbort = null;
    this.scanning = false;
    this.note = '';
  }

  #appLink() {
    const url = `${this.approveUrl}#token=${encodeURIComponent(this.clientToken)}`;
    return html`<details part="app"><summary>Pay with the app on your phone</summary>
      <div class="app">${qrCode(url, 'QR code that opens this payment in the gift-card app')}
        <p class="muted">Scan it with your phone's camera and approve the payment in the app. This page updates by itself.</p>
        <a part="app-link" href=${url} target="_blank" rel="noopener">Open the app in a new tab</a></div></details>`;
  }

  #banner() {
    const i = this.intent!;
    if (i.status === 'EXPIRED') return html`<p part="banner" class="bad" role="alert">This payment expired and the cards were released. Please start checkout again.</p>`;
    if (i.status === 'FULLY_HELD') return html`<p part="banner" class="ok">Your gift cards cover the total.</p>`;
    if (this.expiring) return html`<p part="banner" class="warn" role="alert">This payment expires soon.</p>`;
    return nothing;
  }

  override render() {
    const i = this.intent;
    if (!i) {
      return html`<section part="base" aria-busy="true"><p class="muted">${this.error || 'Loading payment…'}</p></section>`;
    }
    const open = ['OPEN', 'PARTIALLY_HELD', 'FULLY_HELD'].includes(i.status);
    const seconds = Math.max(0, Math.round((Date.parse(i.expiresAt) - this.now) / 1000));
    const pending = i.holds.filter((h) => h.status === 'PENDING');
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">Pay with gift cards</h2>
      <div part="totals" class="totals">
        <span>Total</span><span>${this.#money(i.amount)}</span>
        ${open ? html`<span>Still to pay</span><span class="due">${this.#money(i.remainingAmount)}</span>` : nothing}
        ${open ? html`<span class="muted">Time left</span><span class="muted" aria-label="time left">${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}</span>` : nothing}
      </div>
      ${this.#banner()}
      ${pending.length ? html`<ul part="applied" aria-label="Applied gift cards">${pending.map((h) => html`<li>
          <span>Card ending ${h.cardLast4} · ${this.#money(h.amount)}</span>
          <button type="button" ?disabled=${this.busy} @click=${() => this.#remove(h.id)} aria-label="Remove card ending ${h.cardLast4}">Remove</button>
        </li>`)}</ul>` : nothing}
      ${open && i.remainingAmount > 0 ? html`<form part="form" @submit=${this.#apply} aria-busy=${this.busy ? 'true' : 'false'} novalidate>
          <label><span>Gift card code</span>
            <input part="code-input" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false"
              placeholder="XXXX-XXXX-XXXX-XXXX" maxlength="19" @input=${(e: InputEvent) => {
                const t = e.target as HTMLInputElement; t.value = formatCodeInput(t.value);
              }} />
          </label>
          <label><span>PIN <span class="hint">(optional)</span></span>
            <input part="pin-input" name="pin" autocomplete="off" inputmode="numeric" maxlength="8" />
          </label>
          ${this.scanning ? html`<div part="scanner" class="scanner"><video playsinline muted aria-label="Camera preview"></video>
              <button type="button" class="secondary" @click=${this.#stopScan}>Stop scanning</button></div>`
            : canScan() ? html`<button part="scan" type="button" class="secondary" @click=${this.#scan}>Scan card</button>` : nothing}
          <button part="submit" type="submit" ?disabled=${this.busy}>${this.busy ? 'Applying…' : 'Apply card'}</button>
        </form>` : nothing}
      ${open && i.remainingAmount > 0 && this.approveUrl ? this.#appLink() : nothing}
      <div aria-live="polite" role="status">${this.error ? html`<p part="error">${this.error}</p>`
        : this.note ? html`<p class="muted">${this.note}</p>` : nothing}</div>
    </section>`;
  }
}

customElements.get('gc-tender') || customElements.define('gc-tender', GcTender);

declare global {
  interface HTMLElementTagNameMap {
    'gc-tender': GcTender;
  }
  interface GlobalEventHandlersEventMap {
    'gc-hold-placed': GcHoldPlacedEvent;
    'gc-hold-released': GcHoldReleasedEvent;
    'gc-covered': GcCoveredEvent;
    'gc-update': GcUpdateEvent;
    'gc-expired': GcExpiredEvent;
  }
}
