import { LitElement, html, nothing } from 'lit';
import { catalogStyles } from './gc-catalog.styles.ts';
import { resolveConfig } from './client/config.ts';
import { gql, GiftCardRequestError } from './client/graphql-client.ts';
import { formatMinorUnits, parseMajorUnits } from './client/money.ts';
import { GcErrorEvent } from './events.ts';

const CATALOG = `query($f: CatalogFilter, $first: Int, $after: String) { catalog(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  facets { countries { value count } categories { value count } }
  edges { node { id name country currency category description logoSvg available
    denominations { kind amount minAmount maxAmount step inStock } } } } }`;

interface Denomination {
  kind: 'FIXED' | 'RANGE';
  amount: number | null;
  minAmount: number | null;
  maxAmount: number | null;
  step: number | null;
  inStock: boolean;
}
export interface CatalogBrand {
  id: string;
  name: string;
  country: string;
  currency: string;
  category: string;
  description: string;
  logoSvg: string;
  available: boolean;
  denominations: Denomination[];
}
interface Facet { value: string; count: number }

/** A shopper chose a brand and an amount (integer minor units). */
export class GcSelectEvent extends Event {
  readonly brandId: string;
  readonly brandName: string;
  readonly amount: number;
  readonly currency: string;
  constructor(brand: CatalogBrand, amount: number) {
    super('gc-select', { bubbles: true, composed: true });
    this.brandId = brand.id;
    this.brandName = brand.name;
    this.amount = amount;
    this.currency = brand.currency;
  }
}

type Status = 'loading' | 'ready' | 'more' | 'error';

/**
 * @summary A browsable grid of gift-card brands: filters (search, country, category), "load more"
 * paging, and per brand a choice of amount — fixed denominations as chips, ranges as an amount field.
 *
 * @event gc-select - A brand and amount were chosen ({@link GcSelectEvent}: brandId, brandName, amount, currency).
 * @event gc-error - Loading failed (GcErrorEvent: errorCode, detail).
 *
 * @csspart base - The card around everything.
 * @csspart filters - The filter bar.
 * @csspart search-input - The search field.
 * @csspart country-select - The country filter.
 * @csspart category-select - The category filter.
 * @csspart grid - The list of brands.
 * @csspart brand - One brand (also `brand unavailable` when it cannot be bought).
 * @csspart logo - A brand's logo.
 * @csspart choose - A brand's choose button.
 * @csspart load-more - The load-more button.
 * @csspart error - An error message.
 *
 * @cssproperty --gc-max-width - Maximum width (default 72rem). The other --gc-* properties are those of gc-balance.
 */
export class GcCatalog extends LitElement {
  static override styles = catalogStyles;
  static override properties = {
    endpoint: { type: String },
    publishableKey: { type: String, attribute: 'publishable-key' },
    locale: { type: String },
    heading: { type: String },
    pageSize: { type: Number, attribute: 'page-size' },
    country: { type: String },
    category: { type: String },
    currency: { type: String },
    search: { type: String },
    brands: { state: true },
    status: { state: true },
    message: { state: true },
    totalCount: { state: true },
    facets: { state: true },
    invalid: { state: true },
  };

  declare endpoint: string;
  declare publishableKey: string;
  /** BCP 47 locale for amounts and country names; default: the page's lang. */
  declare locale: string;
  declare heading: string;
  /** Brands per page (1–500, default 12). */
  declare pageSize: number;
  /** Filters; the shopper can change country, category and search in the filter bar. */
  declare country: string;
  declare category: string;
  declare currency: string;
  declare search: string;
  declare brands: CatalogBrand[];
  declare status: Status;
  declare message: string;
  declare totalCount: number;
  declare facets: { countries: Facet[]; categories: Facet[] };
  /** Per brand id, why its amount cannot be chosen. */
  declare invalid: Record<string, string>;
  #endCursor: string | null = null;
  #hasNext = false;
  #abort: AbortController | null = null;
  #debounce: number | undefined;

  constructor() {
    super();
    this.endpoint = '';
    this.publishableKey = '';
    this.locale = '';
    this.heading = 'Gift cards';
    this.pageSize = 12;
    this.country = '';
    this.category = '';
    this.currency = '';
    this.search = '';
    this.brands = [];
    this.status = 'loading';
    this.message = '';
    this.totalCount = 0;
    this.facets = { countries: [], categories: [] };
    this.invalid = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    clearTimeout(this.#debounce);
  }

  get #locale(): string | undefined {
    return this.locale || document.documentElement.lang || undefined;
  }

  /** Loads the first page for the current filters (what the retry button does). */
  async reload(): Promise<void> {
    await this.#load(false);
  }

  async #load(more: boolean): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.status = more ? 'more' : 'loading';
    const filter = Object.fromEntries(
      Object.entries({ country: this.country, category: this.category, currency: this.currency, search: this.search.trim() })
        .filter(([, v]) => v));
    try {
      const { catalog } = await gql<{ catalog: any }>(resolveConfig(this), CATALOG,
        { f: filter, first: Math.min(Math.max(this.pageSize || 12, 1), 500), after: more ? this.#endCursor : null }, abort.signal);
      const page = catalog.edges.map((e: { node: CatalogBrand }) => e.node);
      this.brands = more ? [...this.brands, ...page] : page;
      this.totalCount = catalog.totalCount;
      this.facets = catalog.facets;
      this.#endCursor = catalog.pageInfo.endCursor;
      this.#hasNext = catalog.pageInfo.hasNextPage;
      this.status = 'ready';
    } catch (err) {
      const x = err instanceof GiftCardRequestError ? err : new GiftCardRequestError('NETWORK', String(err));
      if (x.kind === 'ABORTED') return;
      this.status = 'error';
      this.message = x.kind === 'NETWORK' || x.kind === 'TIMEOUT'
        ? 'The gift-card catalog could not be loaded. Check your connection and try again.' : x.message;
      this.dispatchEvent(new GcErrorEvent(x.code ?? x.kind, this.message));
    }
  }

  #setFilter(name: 'country' | 'category', value: string): void {
    this[name] = value;
    void this.reload();
  }

  #onSearch(e: InputEvent): void {
    this.search = (e.target as HTMLInputElement).value;
    clearTimeout(this.#debounce);
    this.#debounce = window.setTimeout(() => void this.reload(), 250);
  }

  #clearFilters(): void {
    this.country = '';
    this.category = '';
    this.search = '';
    void this.reload();
  }

  #choose(e: SubmitEvent, brand: CatalogBrand): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const raw = (form.elements.namedItem('amount') as RadioNodeList | HTMLInputElement | null)?.value ?? '';
    const problem = this.#validate(brand, raw);
    this.invalid = { ...this.invalid, [brand.id]: problem.error ?? '' };
    if (problem.amount !== undefined) this.dispatchEvent(new GcSelectEvent(brand, problem.amount));
  }

  /** The chosen amount in minor units, or why it cannot be bought. */
  #validate(brand: CatalogBrand, raw: string): { amount?: number; error?: string } {
    const money = (n: number) => formatMinorUnits(n, brand.currency, this.#locale);
    const range = brand.denominations.find((d) => d.kind === 'RANGE');
    if (!range) {
      const fixed = brand.denominations.find((d) => d.kind === 'FIXED' && d.inStock && String(d.amount) === raw);
      return fixed ? { amount: fixed.amount! } : { error: 'Choose an amount.' };
    }
    const amount = parseMajorUnits(raw, brand.currency);
    const min = range.minAmount!, max = range.maxAmount!, step = range.step!;
    if (amount === null) return { error: 'Enter an amount, e.g. 25.' };
    if (amount < min || amount > max) return { error: `Enter an amount from ${money(min)} to ${money(max)}.` };
    if ((amount - min) % step !== 0) return { error: `Amounts go up in steps of ${money(step)}.` };
    return { amount };
  }

  #regionName(code: string): string {
    try {
      return new Intl.DisplayNames(this.#locale, { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  }

  #amountChoice(brand: CatalogBrand) {
    const money = (n: number) => formatMinorUnits(n, brand.currency, this.#locale);
    const range = brand.denominations.find((d) => d.kind === 'RANGE');
    const errorId = `err-${brand.id}`;
    const error = this.invalid[brand.id];
    if (range) {
      return html`<label>Amount <span class="hint">(${money(range.minAmount!)}–${money(range.maxAmount!)})</span>
        <input name="amount" inputmode="decimal" autocomplete="off" aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${errorId} ?disabled=${!brand.available} /></label>`;
    }
    return html`<fieldset ?disabled=${!brand.available} aria-describedby=${errorId}><legend>Amount</legend><div class="chips">
      ${brand.denominations.map((d) => html`<label class="chip"><input type="radio" name="amount" value=${String(d.amount)}
        ?disabled=${!d.inStock} /><span>${money(d.amount!)}${d.inStock ? '' : html`<span class="sr"> (sold out)</span>`}</span></label>`)}
    </div></fieldset>`;
  }

  #brand(b: CatalogBrand) {
    const logo = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(b.logoSvg)}`;
    const error = this.invalid[b.id];
    return html`<li part=${b.available ? 'brand' : 'brand unavailable'} class=${b.available ? '' : 'unavailable'}>
      <div class="head">
        <img part="logo" src=${logo} alt="" width="48" height="48" />
        <div><h3 id=${`name-${b.id}`}>${b.name}</h3>
          <span class="meta">${this.#regionName(b.country)} · ${b.category}</span>
          ${b.available ? nothing : html`<span class="badge">Sold out</span>`}</div>
      </div>
      <form novalidate @submit=${(e: SubmitEvent) => this.#choose(e, b)} aria-labelledby=${`name-${b.id}`}>
        ${this.#amountChoice(b)}
        <p part="error" id=${`err-${b.id}`} ?hidden=${!error}>${error ?? ''}</p>
        <button part="choose" type="submit" ?disabled=${!b.available} aria-describedby=${`name-${b.id}`}>Choose</button>
      </form>
    </li>`;
  }

  #skeleton() {
    return Array.from({ length: Math.min(this.pageSize || 12, 6) }, () => html`<li part="brand" class="skeleton" aria-hidden="true">
      <div class="head"><div class="bone logo"></div><div style="flex:1;display:grid;gap:.4rem"><div class="bone"></div><div class="bone" style="width:60%"></div></div></div>
      <div class="bone" style="height:2rem"></div></li>`);
  }

  #options(facets: Facet[], selected: string, label: (v: string) => string) {
    const values = facets.some((f) => f.value === selected) || !selected ? facets : [...facets, { value: selected, count: 0 }];
    return values.map((f) => html`<option value=${f.value} ?selected=${f.value === selected}>${label(f.value)} (${f.count})</option>`);
  }

  #body() {
    if (this.status === 'loading' && this.brands.length === 0) return html`<ul part="grid" class="grid">${this.#skeleton()}</ul>`;
    if (this.status === 'error' && this.brands.length === 0) {
      return html`<div class="empty"><p part="error" role="alert">${this.message}</p>
        <button type="button" class="secondary" @click=${() => this.reload()}>Try again</button></div>`;
    }
    if (this.brands.length === 0) {
      return html`<div class="empty"><p>No gift cards match your filters.</p>
        <button type="button" class="secondary" @click=${this.#clearFilters}>Clear filters</button></div>`;
    }
    return html`<ul part="grid" class="grid">${this.brands.map((b) => this.#brand(b))}</ul>
      ${this.status === 'error' ? html`<p part="error" role="alert">${this.message}</p>` : nothing}
      ${this.#hasNext || this.status === 'error' ? html`<div class="more"><button part="load-more" type="button" class="secondary"
        ?disabled=${this.status === 'more'} @click=${() => this.#load(this.brands.length > 0)}>
        ${this.status === 'more' ? 'Loading…' : this.status === 'error' ? 'Try again' : 'Load more'}</button></div>` : nothing}`;
  }

  override render() {
    const busy = this.status === 'loading' || this.status === 'more';
    const summary = this.status === 'loading' ? 'Loading gift cards…'
      : this.status === 'error' ? '' : `Showing ${this.brands.length} of ${this.totalCount} gift cards`;
    return html`<section part="base" aria-labelledby="title" aria-busy=${busy ? 'true' : 'false'}>
      <h2 id="title">${this.heading}</h2>
      <div part="filters" class="filters" role="search">
        <label>Search <input part="search-input" type="search" .value=${this.search} placeholder="Brand name"
          autocomplete="off" @input=${this.#onSearch} /></label>
        <label>Country <select part="country-select" @change=${(e: Event) => this.#setFilter('country', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.country}>All countries</option>
          ${this.#options(this.facets.countries, this.country, (v) => this.#regionName(v))}</select></label>
        <label>Category <select part="category-select" @change=${(e: Event) => this.#setFilter('category', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.category}>All categories</option>
          ${this.#options(this.facets.categories, this.category, (v) => v)}</select></label>
      </div>
      <p class="status" role="status">${summary}</p>
      ${this.#body()}
    </section>`;
  }
}

customElements.get('gc-catalog') || customElements.define('gc-catalog', GcCatalog);

declare global {
  interface HTMLElementTagNameMap {
    'gc-catalog': GcCatalog;
  }
  interface GlobalEventHandlersEventMap {
    'gc-select': GcSelectEvent;
  }
}
