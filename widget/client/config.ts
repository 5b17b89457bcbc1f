/** Where the widget talks to: set by the script tag's data attributes, `GiftCard.configure()`, or per element. */
export interface GiftCardConfig {
  /** The gateway's GraphQL URL, e.g. https://gateway.example/graphql. */
  endpoint: string;
  /** A publishable key (pk_…). Never a secret key. */
  publishableKey: string;
  /** Request timeout in ms (default 15000). */
  timeoutMs: number;
}

const config: GiftCardConfig = { endpoint: '', publishableKey: '', timeoutMs: 15_000 };

export function configure(partial: Partial<GiftCardConfig>): GiftCardConfig {
  Object.assign(config, Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined && v !== '')));
  return { ...config };
}

/** The configuration for one element: its own attributes win over the page-wide configuration. */
export function resolveConfig(el: { endpoint?: string; publishableKey?: string }): GiftCardConfig {
  return { ...config, endpoint: el.endpoint || config.endpoint, publishableKey: el.publishableKey || config.publishableKey };
}

/** Reads `data-endpoint` and `data-publishable-key` from the script tag that loaded the widget. */
export function configureFromScript(script: HTMLScriptElement | SVGScriptElement | null): void {
  if (!script || !(script instanceof HTMLScriptElement)) return;
  configure({ endpoint: script.dataset.endpoint, publishableKey: script.dataset.publishableKey });
}
