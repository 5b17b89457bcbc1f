import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/index.ts';
import { configure } from '../../widget/index.ts';
import type { GcCatalog, GcSelectEvent } from '../../widget/gc-catalog.ts';
import type { GcErrorEvent } from '../../widget/events.ts';

const gw: { endpoint: string; publishableKey: string } = await (await fetch('/__gateway.json')).json();
configure({ endpoint: gw.endpoint, publishableKey: gw.publishableKey });

const $ = <T extends Element = HTMLElement>(el: GcCatalog, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
const $$ = (el: GcCatalog, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const ready = (el: GcCatalog) => waitUntil(() => el.status === 'ready', 'catalog did not load', { timeout: 5000 });
const names = (el: GcCatalog) => $$(el, 'li[part~=brand] h3').map((h) => h.textContent);
const brandItem = (el: GcCatalog, name: string) => $$(el, 'li[part~=brand]').find((li) => li.querySelector('h3')?.textContent === name)!;
const selected = (el: Element) => oneEvent(el, 'gc-select') as unknown as Promise<GcSelectEvent>;

describe('<gc-catalog>', () => {
  it('shows skeletons while loading, then the first page from the live catalog', async () => {
    const el = await fixture<GcCatalog>(html`<gc-catalog locale="en-US"></gc-catalog>`);
    expect($$(el, 'li.skeleton').length).to.be.greaterThan(0);
    expect($(el, 'section').getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    await ready(el);
    expect($$(el, 'li.skeleton')).to.have.length(0);
    expect(names(el)).to.have.length(12);
    expect($(el, '.status').textContent).to.contain('Showing 12 of 40');
    const aurora = brandItem(el, 'Aurora Coffee');
    expect(aurora.textContent).to.contain('United States').and.contain('$25.00');
    expect(aurora.querySelector('img')!.getAttribute('src')).to.match(/^data:image\/svg\+xml/);
    await expect(el).to.be.accessible();
  });

  it('pages with load more until the catalog ends', async () => {
    const el = await fixture<GcCatalog>(html`<gc-catalog page-size="15"></gc-catalog>`);
    await ready(el);
    $(el, '[part=load-more]').click();
    await waitUntil(() => names(el).length === 30, 'second page', { timeout: 5000 });
    $(el, '[part=load-more]').click();
    await waitUntil(() => names(el).length === 40, 'third page', { timeout: 5000 });
    await el.updateComplete;
    expect($(el, '[part=load-more]')).to.equal(null);
    expect(new Set(names(el)).size).to.equal(40);
  });

  it('filters by country and category from the facets, and searches ignoring case and accents (debounced)', async () => {
    const el = await fixture<GcCatalog>(html`<gc-catalog locale="en-US"></gc-catalog>`);
    await ready(el);
    const countrySelect = $<HTMLSelectElement>(el, '[part=country-select]');
    const jp = [...countrySelect.options].find((o) => o.value === 'JP')!;
    const jpCount = Number(/\((\d+)\)/.exec(jp.textContent!)![1]);
    countrySelect.value = 'JP';
    countrySelect.dispatchEvent(new Event('change'));
    await waitUntil(() => el.status === 'ready' && el.totalCount === jpCount, 'country filter', { timeout: 5000 });
    expect($$(el, 'li[part~=brand] .meta').every((m) => m.textContent!.startsWith('Japan'))).to.equal(true);

    const categorySelect = $<HTMLSelectElement>(el, '[part=category-select]');
    const category = categorySelect.options[1].value;
    categorySelect.value = category;
    categorySelect.dispatchEvent(new Event('change'));
    await waitUntil(() => el.status === 'ready' && el.category === category, 'category filter', { timeout: 5000 });
    expect($$(el, 'li[part~=brand] .meta').every((m) => m.textContent === `Japan · ${category}`)).to.equal(true);

    el.country = '';
    el.category = '';
    const search = $<HTMLInputElement>(el, '[part=search-input]');
    const realFetch = window.fetch;
    let requests = 0;
    window.fetch = (...args) => { requests++; return realFetch(...args); };
    try {
      for (const text of ['l', 'lu', 'LUM', 'LUMIERE']) {
        search.value = text;
        search.dispatchEvent(new InputEvent('input'));
      }
      await waitUntil(() => el.status === 'ready' && names(el).join() === 'Bistro Lumière', 'search', { timeout: 5000 });
    } finally {
      window.fetch = realFetch;
    }
    expect(names(el)).to.deep.equal(['Bistro Lumière']);
    expect(requests, 'one request for four keystrokes').to.equal(1);
  });

  it('shows an empty state with a way back', async () => {
    const el = await fixture<GcCatalog>(html`<gc-catalog search="no such brand"></gc-catalog>`);
    await ready(el);
    expect($(el, '.empty').textContent).to.contain('No gift cards match');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.empty button').click();
    await waitUntil(() => el.status === 'ready' && el.totalCount === 40, 'cleared', { timeout: 5000 });
  });

  it('selects a fixed denomination, and refuses a sold-out one', async () => {
    const el = await fixture<GcCatalog>(html`<gc-catalog search="aurora"></gc-catalog>`);
    await ready(el);
    const li = brandItem(el, 'Aurora Coffee');
    li.querySelector<HTMLButtonElement>('[part=choose]')!.click();
    await el.updateComplete;
    expect(li.querySelector('[part=error]')!.textContent).to.equal('Choose an amount.');
    li.querySelector<HTMLInputElement>('input[value="2500"]')!.click();
    const ev = selected(el);
    li.querySelector<HTMLButtonElement>('[part=choose]')!.click();
    const e = await ev;
    expect([e.brandName, e.amount, e.currency]).to.deep.equal(['Aurora Coffee', 2500, 'USD']);

    el.search = 'quill';
    await el.reload();
    const sold = brandItem(el, 'Quill Books');
    expect(sold.getAttribute('part')).to.equal('brand unavailable');
    expect(sold.querySelector<HTMLButtonElement>('[part=choose]')!.disabled).to.equal(true);
    expect(sold.textContent).to.contain('Sold out');
    await expect(el).to.be.accessible();
  });

  it('validates a ranged amount against min, max and step, keyboard only', async () => {
    const el = await fixture<GcCatalog>(html`<gc-catalog search="creme" locale="en-US"></gc-catalog>`);
    await ready(el);
    const li = brandItem(el, 'Café Crème');
    const input = li.querySelector<HTMLInputElement>('input[name=amount]')!;
    const error = li.querySelector('[part=error]')!;
    const attempt = async (text: string) => {
      input.focus();
      input.value = text;
      input.form!.requestSubmit();
      await el.updateComplete;
    };
    for (const [text, msg] of [['5', 'from €10.00 to €500.00'], ['12.30', 'steps of €5.00'], ['-10', 'Enter an amount'],
      ['abc', 'Enter an amount'], ['1000', 'from €10.00'], ['25.001', 'Enter an amount'], ['', 'Enter an amount']] as const) {
      await attempt(text);
      expect(error.textContent, text).to.contain(msg);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
    }
    await expect(el).to.be.accessible();
    await attempt('25,50');
    expect(error.textContent).to.contain('steps of €5.00');
    const ok = selected(el);
    await attempt('35');
    expect((await ok).amount).to.equal(3500);
    expect(error.hasAttribute('hidden')).to.equal(true);
  });

  it('shows an error with a retry when the service cannot be reached', async () => {
    const el = await fixture<GcCatalog>(html`<gc-catalog endpoint="http://127.0.0.1:9/graphql"></gc-catalog>`);
    const err = (await oneEvent(el, 'gc-error')) as unknown as GcErrorEvent;
    expect(err.errorCode).to.equal('NETWORK');
    await el.updateComplete;
    expect($(el, '[role=alert]').textContent).to.contain('could not be loaded');
    await expect(el).to.be.accessible();
    el.endpoint = gw.endpoint;
    $<HTMLButtonElement>(el, '.empty button').click();
    await ready(el);
    expect(names(el)).to.have.length(12);
  });
});
