import { css } from 'lit';
import { balanceStyles } from './gc-balance.styles.ts';

/** The balance form's look, plus the applied-cards list, totals and state banners. */
export const tenderStyles = [balanceStyles, css`
  .totals { display: grid; grid-template-columns: 1fr auto; gap: 0.25rem 1rem; align-items: baseline; }
  .totals .due { font-size: 1.5em; font-weight: 700; }
  .totals > :nth-child(even) { justify-self: end; text-align: right; font-variant-numeric: tabular-nums; }
  .muted { color: var(--_muted); font-size: 0.875em; }
  ul[part='applied'] { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  ul[part='applied'] li {
    display: flex; justify-content: space-between; align-items: center; gap: 0.75rem;
    border: 1px solid var(--_border); border-radius: calc(var(--_radius) * 0.66); padding: 0.5rem 0.75rem;
  }
  ul[part='applied'] button {
    grid-column: auto; width: auto; padding: 0.35rem 0.75rem; background: transparent;
    color: var(--_accent); border: 1px solid var(--_border); font-weight: 550;
  }
  button.secondary { background: transparent; color: var(--_accent); border: 1px solid var(--_border); }
  .scanner { grid-column: 1 / -1; display: grid; gap: 0.5rem; }
  .scanner video { width: 100%; max-height: 16rem; border-radius: calc(var(--_radius) * 0.66); background: #000; object-fit: cover; }
  details[part='app'] { border: 1px solid var(--_border); border-radius: calc(var(--_radius) * 0.66); padding: 0.6rem 0.75rem; }
  summary { cursor: pointer; font-weight: 600; }
  summary:focus-visible, a:focus-visible { outline: none; box-shadow: var(--_focus); border-radius: 0.25rem; }
  .app { display: grid; gap: 0.5rem; justify-items: center; text-align: center; padding-top: 0.75rem; }
  [part='qr'] { width: min(12rem, 100%); height: auto; border-radius: 0.5rem; }
  a { color: var(--_accent); font-weight: 550; }
  [part='banner'] { border-radius: calc(var(--_radius) * 0.66); padding: 0.6rem 0.75rem; font-size: 0.9375em; }
  [part='banner'].ok { background: color-mix(in srgb, var(--gc-color-success, #1b7f4b) 14%, transparent); }
  [part='banner'].warn { background: color-mix(in srgb, var(--gc-color-warning, #b26a00) 16%, transparent); }
  [part='banner'].bad { background: color-mix(in srgb, var(--_danger) 14%, transparent); }
`];
