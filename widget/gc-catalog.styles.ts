import { css } from 'lit';
import { balanceStyles } from './gc-balance.styles.ts';

/** The shared look (tokens, inputs, buttons), plus the filter bar, brand grid, amount chips and skeletons. */
export const catalogStyles = [balanceStyles, css`
  :host { max-width: var(--gc-max-width, 72rem); }
  .filters { display: grid; gap: 0.75rem; grid-template-columns: 1fr; }
  @container (min-width: 40rem) { .filters { grid-template-columns: 2fr 1fr 1fr; } }
  select {
    font: inherit; color: inherit; background: var(--_surface); min-width: 0;
    border: 1px solid var(--_border); border-radius: calc(var(--_radius) * 0.66); padding: 0.6rem 0.75rem;
  }
  select:focus-visible { outline: none; box-shadow: var(--_focus); border-color: var(--_accent); }
  .status { color: var(--_muted); font-size: 0.875em; margin: 0; }
  ul.grid { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.875rem;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); }
  li[part~='brand'] {
    border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.875rem;
    display: grid; gap: 0.625rem; align-content: start;
  }
  .head { display: flex; gap: 0.75rem; align-items: center; }
  .head img { width: 3rem; height: 3rem; border-radius: 0.75rem; flex: none; }
  h3 { margin: 0; font-size: 1em; font-weight: 650; }
  .head .meta { display: block; margin-top: 0.125rem; }
  li form { display: grid; gap: 0.625rem; grid-template-columns: 1fr; }
  fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
  legend { padding: 0; font-size: 0.875em; font-weight: 550; margin-bottom: 0.375rem; }
  .chips { display: flex; flex-wrap: wrap; gap: 0.375rem; }
  .chip { display: inline-flex; font-size: 0.875em; font-weight: 550; position: relative; }
  .chip input { position: absolute; opacity: 0; inset: 0; margin: 0; cursor: pointer; }
  .chip span {
    border: 1px solid var(--_border); border-radius: 999px; padding: 0.3rem 0.7rem; font-variant-numeric: tabular-nums;
  }
  .chip input:checked + span { background: var(--_accent); color: var(--_accent-text); border-color: var(--_accent); }
  .chip input:focus-visible + span { box-shadow: var(--_focus); }
  .chip input:disabled + span { text-decoration: line-through; opacity: 0.55; }
  .chip input:disabled { cursor: not-allowed; }
  li button { padding: 0.55rem 0.875rem; }
  button.secondary { background: transparent; color: var(--_accent); border: 1px solid var(--_border); }
  .badge { font-size: 0.75em; font-weight: 650; color: var(--_danger); }
  .unavailable .head img { filter: grayscale(1); opacity: 0.6; }
  .skeleton { pointer-events: none; }
  .bone { background: color-mix(in srgb, var(--_muted) 18%, transparent); border-radius: 0.5rem; height: 1rem;
    animation: pulse 1.2s ease-in-out infinite; }
  .bone.logo { width: 3rem; height: 3rem; border-radius: 0.75rem; }
  @keyframes pulse { 50% { opacity: 0.45; } }
  @media (prefers-reduced-motion: reduce) { .bone { animation: none; } }
  .empty { text-align: center; padding: 1.5rem 0; display: grid; gap: 0.75rem; justify-items: center; }
  .empty button, .more button { width: auto; grid-column: auto; }
  .more { display: flex; justify-content: center; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`];
