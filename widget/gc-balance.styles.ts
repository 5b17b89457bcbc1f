import { css } from 'lit';

/** Every visual value is a --gc-* custom property with a fallback; dark by prefers-color-scheme. */
export const balanceStyles = css`
  :host {
    display: block;
    /* Lays out by its own width (a narrow column of a wide page too); so it takes the width it is given. */
    container-type: inline-size;
    width: 100%;
    box-sizing: border-box;
    max-width: var(--gc-max-width, 28rem);
    font-family: var(--gc-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
    font-size: var(--gc-font-size, 1rem);
    color: var(--gc-color-text, #1c1b22);
    --_surface: var(--gc-color-surface, #ffffff);
    --_border: var(--gc-color-border, #d4d2dc);
    --_muted: var(--gc-color-muted, #5d5b68);
    --_accent: var(--gc-color-accent, #4b3df2);
    --_accent-text: var(--gc-color-accent-text, #ffffff);
    --_danger: var(--gc-color-danger, #b3261e);
    --_radius: var(--gc-radius, 0.75rem);
    --_focus: var(--gc-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
  }
  @media (prefers-color-scheme: dark) {
    :host {
      color: var(--gc-color-text, #f3f2f8);
      --_surface: var(--gc-color-surface, #1f1d28);
      --_border: var(--gc-color-border, #45424f);
      --_muted: var(--gc-color-muted, #b9b6c6);
      --_accent: var(--gc-color-accent, #9d94ff);
      --_accent-text: var(--gc-color-accent-text, #16141d);
      --_danger: var(--gc-color-danger, #ffb4ab);
    }
  }
  *, *::before, *::after { box-sizing: inherit; }
  [part='base'] {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--gc-spacing, 1.25rem);
    display: grid;
    gap: 0.875rem;
  }
  h2 { margin: 0; font-size: 1.125em; font-weight: 650; }
  form { display: grid; gap: 0.75rem; grid-template-columns: 1fr; align-items: end; }
  @container (min-width: 24rem) { form { grid-template-columns: 2fr 1fr; } }
  label { display: grid; gap: 0.3rem; font-size: 0.875em; font-weight: 550; }
  .hint { color: var(--_muted); font-weight: 400; }
  input {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.66);
    padding: 0.6rem 0.75rem;
    min-width: 0;
    letter-spacing: 0.04em;
  }
  input:focus-visible, button:focus-visible { outline: none; box-shadow: var(--_focus); border-color: var(--_accent); }
  button {
    grid-column: 1 / -1;
    font: inherit;
    font-weight: 600;
    border: 0;
    border-radius: calc(var(--_radius) * 0.66);
    padding: 0.7rem 1rem;
    background: var(--_accent);
    color: var(--_accent-text);
    cursor: pointer;
  }
  button[disabled] { opacity: 0.6; cursor: progress; }
  [part='result'] { display: grid; gap: 0.25rem; }
  .amount { font-size: 1.75em; font-weight: 700; letter-spacing: -0.01em; }
  .meta { color: var(--_muted); font-size: 0.875em; }
  [part='error'] { color: var(--_danger); font-size: 0.9375em; }
`;
