import { LitElement, html, nothing } from 'lit';
import { balanceStyles } from './gc-balance.styles.ts';
import { resolveConfig } from './client/config.ts';
import { gql, GiftCardRequestError } from './client/graphql-client.ts';
import { formatCodeInput, formatMinorUnits } from './client/money.ts';
import { GcErrorEvent } from './events.ts';

const BALANCE = `query($code: String!, $pin: String) { giftCardBalance(code: $code, pin: $pin) { __typename
  ... on GiftCardBalance { available currency status expiresAt last4 }
  ... on RateLimitedError { retryAfterSeconds }
  ... on ErrorResult { errorCode message } } }`;

export interface BalanceResult {
  available: number;
  currency: string;
  status: 'ACTIVE' | 'FROZEN' | 'DEACTIVATED';
  expiresAt: string | null;
  last4: string;
}

/** Fired when a balance check succeeded. */
export class GcBalanceEvent extends Event {
  readonly balance: BalanceResult;
  constructor(balance: BalanceResult) {
    super('gc-balance', { bubbles: true, composed: true });
    this.balance = balance;
  }
}

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; balance: BalanceResult }
  | { kind: 'error'; code: string; message: string };

/**
 * @summary Lets a shopper check a gift card's balance: code (and PIN, if the card has one) in, available balance out.
 *
 * @event gc-balance - A check succeeded ({@link GcBalanceEvent}: available, currency, status, expiresAt, last4).
 * @event gc-error - A check failed (GcErrorEvent: errorCode, detail).
 *
 * @csspart base - The card around everything.
 * @csspart form - The form.
 * @csspart code-input - The code field.
 * @csspart pin-input - The PIN field.
 * @csspart submit - The check button.
 * @csspart result - The balance shown after a check.
 * @csspart error - The error message.
 *
 * @cssproperty --gc-font-family - Font stack.
 * @cssproperty --gc-font-size - Base font size.
 * @cssproperty --gc-color-text - Text color.
 * @cssproperty --gc-color-surface - Background.
 * @cssproperty --gc-color-border - Borders.
 * @cssproperty --gc-color-muted - Secondary text.
 * @cssproperty --gc-color-accent - Button and focus color.
 * @cssproperty --gc-color-accent-text - Text on the button.
 * @cssproperty --gc-color-danger - Error text.
 * @cssproperty --gc-radius - Corner radius.
 * @cssproperty --gc-spacing - Inner padding.
 * @cssproperty --gc-max-width - Maximum width.
 * @cssproperty --gc-focus-ring - Focus indicator (box-shadow).
 *
 * The code is never stored: it lives only in the field, and is cleared from memory on disconnect.
 */
export class GcBalance extends LitElement {
  static override styles = balanceStyles;
  static override properties = {
    endpoint: { type: String },
    publishableKey: { type: String, attribute: 'publishable-key' },
    locale: { type: String },
    heading: { type: String },
    code: { attribute: false },
    pin: { attribute: false },
    state: { state: true },
  };

  declare endpoint: string;
  declare publishableKey: string;
  /** BCP 47 locale for amounts and dates; default: the page's lang, else the browser's. */
  declare locale: string;
  /** Title above the form. */
  declare heading: string;
  /** Set (as a property, e.g. by a wallet that knows the card) to check that card at once: no code field is shown, only a refresh button. */
  declare code: string;
  declare pin: string;
  declare state: State;
  #abort: AbortController | null = null;
  #retryTimer: number | null = null;

  constructor() {
    super();
    this.endpoint = '';
    this.publishableKey = '';
    this.locale = '';
    this.heading = 'Check your gift card balance';
    this.code = '';
    this.pin = '';
    this.state = { kind: 'idle' };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
  }

  get #locale(): string | undefined {
    return this.locale || document.documentElement.lang || undefined;
  }

  #onCodeInput(e: InputEvent): void {
    const input = e.target as HTMLInputElement;
    const atEnd = input.selectionStart === input.value.length;
    input.value = formatCodeInput(input.value);
    if (atEnd) input.setSelectionRange(input.value.length, input.value.length);
  }

  override updated(changed: Map<string, unknown>): void {
    if ((changed.has('code') || changed.has('pin')) && this.code) void this.check();
  }

  #onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    void this.check();
  }

  /** Checks the card now (the `code` property's, else the form's); the result shows and a gc-balance or gc-error event fires. */
  async check(): Promise<void> {
    const root = this.renderRoot;
    const code = this.code || root.querySelector<HTMLInputElement>('[part=code-input]')!.value;
    const pin = (this.code ? this.pin ?? '' : root.querySelector<HTMLInputElement>('[part=pin-input]')!.value).trim();
    if (code.replace(/-/g, '').length !== 16) {
      this.#fail('INVALID_CODE', 'Enter the 16 characters printed on the card.');
      return;
    }
    this.#abort?.abort();
    this.#abort = new AbortController();
    this.state = { kind: 'loading' };
    try {
      const data = await gql<{ giftCardBalance: any }>(resolveConfig(this), BALANCE, { code, pin: pin || null }, this.#abort.signal);
      const r = data.giftCardBalance;
      if (r.__typename === 'GiftCardBalance') {
        const balance: BalanceResult = { available: r.available, currency: r.currency, status: r.status, expiresAt: r.expiresAt, last4: r.last4 };
        this.state = { kind: 'done', balance };
        this.dispatchEvent(new GcBalanceEvent(balance));
      } else if (r.errorCode === 'RATE_LIMITED') {
        const at = new Date(Date.now() + r.retryAfterSeconds * 1000);
        const when = new Intl.DateTimeFormat(this.#locale, { timeStyle: 'short' }).format(at);
        this.#fail('RATE_LIMITED', `Too many attempts. Try again after ${when}.`);
      } else if (r.errorCode === 'CARD_NOT_FOUND') {
        this.#fail('CARD_NOT_FOUND', 'We could not find a card with that code and PIN. Check them and try again.');
      } else {
        this.#fail(r.errorCode, r.message);
      }
    } catch (err) {
      const x = err instanceof GiftCardRequestError ? err : new GiftCardRequestError('NETWORK', String(err));
      if (x.kind === 'ABORTED') return;
      this.#fail(x.code ?? x.kind, x.kind === 'NETWORK' || x.kind === 'TIMEOUT'
        ? 'The gift-card service is not reachable right now. Please try again.' : x.message);
    }
  }

  #fail(code: string, message: string): void {
    this.state = { kind: 'error', code, message };
    this.dispatchEvent(new GcErrorEvent(code, message));
  }

  #result() {
    const s = this.state;
    if (s.kind === 'done') {
      const b = s.balance;
      const status = b.status === 'ACTIVE' ? 'Active' : b.status === 'FROZEN' ? 'Frozen' : 'Deactivated';
      const expiry = b.expiresAt ? ` · expires ${new Intl.DateTimeFormat(this.#locale, { dateStyle: 'medium' }).format(new Date(b.expiresAt))}` : '';
      return html`<div part="result">
        <span class="meta">Available on card ending ${b.last4}</span>
        <span class="amount">${formatMinorUnits(b.available, b.currency, this.#locale)}</span>
        <span class="meta">${status}${expiry}</span>
      </div>`;
    }
    if (s.kind === 'error') return html`<p part="error">${s.message}</p>`;
    return nothing;
  }

  override render() {
    const loading = this.state.kind === 'loading';
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${this.heading}</h2>
      <form part="form" @submit=${this.#onSubmit} aria-busy=${loading ? 'true' : 'false'} novalidate>
        ${this.code ? html`<button part="submit" type="submit" ?disabled=${loading}>${loading ? 'Checking…' : 'Refresh balance'}</button>` : html`
        <label><span>Card code</span>
          <input part="code-input" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false"
            inputmode="text" placeholder="XXXX-XXXX-XXXX-XXXX" maxlength="19" required @input=${this.#onCodeInput} />
        </label>
        <label><span>PIN <span class="hint">(optional)</span></span>
          <input part="pin-input" name="pin" autocomplete="off" inputmode="numeric" maxlength="8" />
        </label>
        <button part="submit" type="submit" ?disabled=${loading}>${loading ? 'Checking…' : 'Check balance'}</button>`}
      </form>
      <div aria-live="polite" role="status">${this.#result()}</div>
    </section>`;
  }
}

customElements.get('gc-balance') || customElements.define('gc-balance', GcBalance);

declare global {
  interface HTMLElementTagNameMap {
    'gc-balance': GcBalance;
  }
  interface GlobalEventHandlersEventMap {
    'gc-balance': GcBalanceEvent;
  }
}
