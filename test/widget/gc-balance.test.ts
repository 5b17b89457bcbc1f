import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../widget/index.ts';
import { configure } from '../../widget/index.ts';
import type { GcBalance, GcBalanceEvent } from '../../widget/gc-balance.ts';
import type { GcErrorEvent } from '../../widget/events.ts';

/** oneEvent, typed by the element's event map. */
const next = <K extends 'gc-balance' | 'gc-error'>(el: Element, type: K) =>
  oneEvent(el, type) as unknown as Promise<K extends 'gc-balance' ? GcBalanceEvent : GcErrorEvent>;

interface Gateway {
  endpoint: string;
  publishableKey: string;
  rateLimitedKey: string;
  cards: { usd: { code: string; balance: number }; eur: { code: string; pin: string; balance: number } };
}

const gw: Gateway = await (await fetch('/__gateway.json')).json();
configure({ endpoint: gw.endpoint, publishableKey: gw.publishableKey });

async function check(el: GcBalance, code: string, pin = '') {
  const root = el.shadowRoot!;
  const codeInput = root.querySelector<HTMLInputElement>('[part=code-input]')!;
  codeInput.value = code;
  codeInput.dispatchEvent(new InputEvent('input', { bubbles: true }));
  root.querySelector<HTMLInputElement>('[part=pin-input]')!.value = pin;
  root.querySelector<HTMLButtonElement>('[part=submit]')!.click();
}

describe('<gc-balance>', () => {
  it('is accessible before a check', async () => {
    const el = await fixture<GcBalance>(html`<gc-balance></gc-balance>`);
    await expect(el).to.be.accessible();
  });

  it('shows the available balance from the live gateway, formatted for the locale, and announces it', async () => {
    const el = await fixture<GcBalance>(html`<gc-balance locale="en-US"></gc-balance>`);
    const done = next(el, 'gc-balance');
    await check(el, gw.cards.usd.code.toLowerCase().replaceAll('-', ' '));
    const e = await done;
    expect(e.balance.available).to.equal(gw.cards.usd.balance);
    await el.updateComplete;
    const result = el.shadowRoot!.querySelector('[part=result]')!;
    expect(result.textContent).to.contain('$25.50');
    expect(result.closest('[aria-live]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('checks at once when a wallet sets the code property (no code field shown), and again on Refresh', async () => {
    const el = document.createElement('gc-balance');
    el.locale = 'en-US';
    const first = next(el, 'gc-balance');
    el.code = gw.cards.usd.code;
    document.body.append(el);
    try {
      expect((await first).balance.available).to.equal(gw.cards.usd.balance);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part=code-input]'), 'the code is not shown').to.equal(null);
      await expect(el).to.be.accessible();
      const again = next(el, 'gc-balance');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part=submit]')!.click();
      expect((await again).balance.last4).to.equal(gw.cards.usd.code.slice(-4));
    } finally {
      el.remove();
    }
  });

  it('formats as you type', async () => {
    const el = await fixture<GcBalance>(html`<gc-balance></gc-balance>`);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part=code-input]')!;
    input.value = 'abcd efgh2345';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    expect(input.value).to.equal('ABCD-EFGH-2345');
  });

  it('needs the PIN when the card has one; a wrong PIN and an unknown code read the same', async () => {
    const el = await fixture<GcBalance>(html`<gc-balance locale="de-DE"></gc-balance>`);
    const wrong = next(el, 'gc-error');
    await check(el, gw.cards.eur.code, '9999' === gw.cards.eur.pin ? '8888' : '9999');
    expect((await wrong).errorCode).to.equal('CARD_NOT_FOUND');
    await el.updateComplete;
    const wrongText = el.shadowRoot!.querySelector('[part=error]')!.textContent;
    await expect(el).to.be.accessible();
    const unknown = next(el, 'gc-error');
    await check(el, 'ABCD-EFGH-JKLM-NPQR');
    await unknown;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.equal(wrongText);
    const ok = next(el, 'gc-balance');
    await check(el, gw.cards.eur.code, gw.cards.eur.pin);
    expect((await ok).balance.available).to.equal(1234);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=result]')!.textContent).to.match(/12,34\s€/);
  });

  it('shows when to retry after too many failed attempts (RATE_LIMITED)', async () => {
    const el = await fixture<GcBalance>(html`<gc-balance publishable-key=${gw.rateLimitedKey}></gc-balance>`);
    let last: GcErrorEvent | undefined;
    for (let i = 0; i < 11; i++) {
      const failed = next(el, 'gc-error');
      await check(el, `ABCD-EFGH-JKLM-${String(i).padStart(4, '2')}`);
      last = await failed;
    }
    expect(last!.errorCode).to.equal('RATE_LIMITED');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.match(/Try again after/);
    await expect(el).to.be.accessible();
  });

  it('reports an unreachable service clearly', async () => {
    const el = await fixture<GcBalance>(html`<gc-balance endpoint="http://127.0.0.1:9/graphql"></gc-balance>`);
    const failed = next(el, 'gc-error');
    await check(el, gw.cards.usd.code);
    expect((await failed).errorCode).to.equal('NETWORK');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('not reachable');
  });
});
