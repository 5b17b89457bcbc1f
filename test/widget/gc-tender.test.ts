import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widget/index.ts';
import { configure } from '../../widget/index.ts';
import type { GcTender, GcHoldPlacedEvent, GcHoldReleasedEvent, GcCoveredEvent, GcExpiredEvent } from '../../widget/gc-tender.ts';
import type { GcErrorEvent } from '../../widget/events.ts';

const gw: { endpoint: string; publishableKey: string } = await (await fetch('/__gateway.json')).json();
configure({ endpoint: gw.endpoint, publishableKey: gw.publishableKey });

const intent = async (amount: number, ttl?: number) =>
  (await fetch(`/__intent?amount=${amount}${ttl ? `&ttl=${ttl}` : ''}`)).json() as Promise<{ id: string; clientToken: string }>;
const cards = async (count: number, amount: number) => (await fetch(`/__cards?count=${count}&amount=${amount}`)).json() as Promise<string[]>;

type Events = { 'gc-hold-placed': GcHoldPlacedEvent; 'gc-hold-released': GcHoldReleasedEvent; 'gc-covered': GcCoveredEvent; 'gc-expired': GcExpiredEvent; 'gc-error': GcErrorEvent };
const next = <K extends keyof Events>(el: Element, type: K, ms = 8000) => Promise.race([
  oneEvent(el, type) as unknown as Promise<Events[K]>,
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${type} within ${ms} ms`)), ms)),
]);

async function loaded(el: GcTender) {
  for (let i = 0; i < 100 && !el.shadowRoot!.querySelector('[part=totals]'); i++) await new Promise((r) => setTimeout(r, 50));
  await el.updateComplete;
}

function apply(el: GcTender, code: string) {
  const root = el.shadowRoot!;
  const input = root.querySelector<HTMLInputElement>('[part=code-input]')!;
  input.value = code;
  root.querySelector<HTMLButtonElement>('[part=submit]')!.click();
}

const text = (el: GcTender) => el.shadowRoot!.querySelector('[part=base]')!.textContent!.replace(/\s+/g, ' ');

describe('<gc-tender>', () => {
  it('one card covers the total: gc-hold-placed, gc-covered, and the form value becomes the intent id', async () => {
    const { id, clientToken } = await intent(1999);
    const [code] = await cards(1, 5000);
    const form = await fixture<HTMLFormElement>(html`<form><gc-tender locale="en-US" name="gc" client-token=${clientToken}></gc-tender></form>`);
    const el = form.querySelector('gc-tender')!;
    await loaded(el);
    expect(text(el)).to.contain('$19.99');
    expect(form.checkValidity()).to.equal(false);
    await expect(el).to.be.accessible();
    const placed = next(el, 'gc-hold-placed');
    const covered = next(el, 'gc-covered');
    apply(el, code);
    expect((await placed).amount).to.equal(1999);
    expect((await covered).intentId).to.equal(id);
    await el.updateComplete;
    expect(new FormData(form).get('gc')).to.equal(id);
    expect(form.checkValidity()).to.equal(true);
    expect(text(el)).to.contain('cover the total');
    await expect(el).to.be.accessible();
  });

  it('split across two cards, remove one (its hold is released), over-remaining refused', async () => {
    const { clientToken } = await intent(3000);
    const [a, b, c] = await cards(3, 2000);
    const el = await fixture<GcTender>(html`<gc-tender locale="en-US" client-token=${clientToken}></gc-tender>`);
    await loaded(el);
    let placed = next(el, 'gc-hold-placed');
    apply(el, a);
    expect((await placed).amount).to.equal(2000);
    await el.updateComplete;
    expect(text(el)).to.match(/Still to pay\s*\$10\.00/);
    placed = next(el, 'gc-hold-placed');
    const covered = next(el, 'gc-covered');
    apply(el, b);
    expect((await placed).amount).to.equal(1000);
    await covered;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('[part=applied] li').length).to.equal(2);
    const released = next(el, 'gc-hold-released');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=applied] li:last-child button')!.click();
    await released;
    await el.updateComplete;
    expect(text(el)).to.match(/Still to pay\s*\$10\.00/);
    expect(el.shadowRoot!.querySelectorAll('[part=applied] li').length).to.equal(1);
    placed = next(el, 'gc-hold-placed');
    apply(el, c);
    await placed;
    await el.updateComplete;
    // Covered now: the form to add cards is gone; the API refuses more (AMOUNT_EXCEEDS_REMAINING) either way.
    expect(el.shadowRoot!.querySelector('[part=form]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keyboard only: Tab to the code field, type, Enter applies the card; Tab to Remove, Enter removes it', async () => {
    const { clientToken } = await intent(1200);
    const [code] = await cards(1, 5000);
    const wrap = await fixture<HTMLDivElement>(html`<div><button id="before">before</button><gc-tender client-token=${clientToken}></gc-tender></div>`);
    const el = wrap.querySelector('gc-tender')!;
    await loaded(el);
    wrap.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('code-input');
    await sendKeys({ type: code.replaceAll('-', '').toLowerCase() });
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('[part=code-input]')!.value).to.equal(code);
    const covered = next(el, 'gc-covered');
    await sendKeys({ press: 'Enter' });
    await covered;
    await el.updateComplete;
    const remove = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=applied] button')!;
    wrap.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(remove);
    expect(getComputedStyle(remove).boxShadow).to.not.equal('none', 'visible focus');
    const released = next(el, 'gc-hold-released');
    await sendKeys({ press: 'Enter' });
    await released;
  });

  it('an unknown card is refused with a clear message and gc-error', async () => {
    const { clientToken } = await intent(500);
    const el = await fixture<GcTender>(html`<gc-tender client-token=${clientToken}></gc-tender>`);
    await loaded(el);
    const err = next(el, 'gc-error');
    apply(el, 'ABCD-EFGH-JKLM-NPQR');
    expect((await err).errorCode).to.equal('CARD_NOT_FOUND');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('could not find');
  });

  it('a short-lived intent expires live: gc-expired and an invitation to retry', async () => {
    const { clientToken } = await intent(700, 2);
    const [code] = await cards(1, 5000);
    const el = await fixture<GcTender>(html`<gc-tender client-token=${clientToken}></gc-tender>`);
    await loaded(el);
    const placed = next(el, 'gc-hold-placed');
    apply(el, code);
    await placed;
    await next(el, 'gc-expired', 9000);
    await el.updateComplete;
    expect(text(el)).to.contain('expired');
    await expect(el).to.be.accessible();
  });
});
