import { css } from './internal/css.js';

/** Dark defaults for every colour token; a merchant's `--kohort-*` values still win. */
const darkPalette = css`
  --_d-text: #f2f2f7;
  --_d-muted: #a9a9b2;
  --_d-bg: #1c1c1e;
  --_d-surface: #2c2c2e;
  --_d-border: #3a3a3c;
  --_d-input-border: #8e8e93;
  --_d-danger: #ff7b72;
  --_d-focus: #8ab4f8;
  --_d-success-surface: #173325;
  --_d-notice-bg: #3d3300;
  --_d-notice-text: #ffe58a;
  --_d-notice-border: #7a6400;
  --_d-shimmer: #3a3a3c;
  color-scheme: dark;
`;

/**
 * Every colour, size and font goes through a `--kohort-*` custom property with a
 * fallback, so a merchant themes the widget from their own CSS. The brand colour
 * from the API arrives as `--_brand` and is only a default for `--kohort-accent`.
 */
export const styles = css`
  :host {
    /* The merchant page's inherited settings stop here (theming goes through --kohort-*), but for
       what hides or disables it and iOS's landscape text size. The font size is the browser's (the
       customer's setting), even on a page whose root is smaller (62.5 %). */
    all: initial;
    visibility: inherit;
    pointer-events: inherit;
    -webkit-text-size-adjust: inherit;
    --_d-text: #1d1d1f;
    --_d-muted: #5f6368;
    --_d-bg: #ffffff;
    --_d-surface: #f6f6f8;
    --_d-border: #e3e3e8;
    --_d-input-border: #8e8e96;
    --_d-danger: #b3261e;
    --_d-focus: #1a73e8;
    --_d-success-surface: #e8f5ee;
    --_d-notice-bg: #fff4ce;
    --_d-notice-text: #5c4400;
    --_d-notice-border: #e8c95a;
    --_d-shimmer: #ececf0;
    display: block;
    box-sizing: border-box;
    max-inline-size: var(--kohort-max-width, 32em);
    color: var(--kohort-text, var(--_d-text));
    font-family: var(--kohort-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    line-height: 1.45;
    --_space: var(--kohort-spacing, 1em);
    --_radius: var(--kohort-radius, 0.75em);
    --_accent: var(--kohort-accent, var(--_brand, #c62344));
    --_accent-text: var(--kohort-accent-text, var(--_brand-text, #ffffff));
    --_muted: var(--kohort-muted, var(--_d-muted));
    --_border: var(--kohort-border, var(--_d-border));
    --_surface: var(--kohort-surface, var(--_d-surface));
    --_danger: var(--kohort-danger, var(--_d-danger));
    --_focus: var(--kohort-focus, var(--_d-focus));
  }
  :host([theme='dark']) {
    ${darkPalette}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkPalette}
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  /* On a right-to-left page the layout mirrors, but French, English… text keeps its own
     direction: "89,90 €" must not become "€ 89,90". */
  .container :is(p, h2, h3, h4, dt, dd, label, button, li, .amount, .item-name, .item-description, .item-quantity, .merchant, .badge) {
    unicode-bidi: plaintext;
  }

  .container {
    font-size: var(--kohort-font-size, max(1em, 1rem));
    background: var(--kohort-background, var(--_d-bg));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    /* No more than 7 % of the width a side (here and in the boxes below): 200 % text on a phone keeps its room for words. */
    padding: min(var(--_space) * 1.25, 7%);
    display: grid;
    gap: var(--_space);
    /* A long e-mail or code without hyphens wraps rather than widening a phone's page. */
    overflow-wrap: anywhere;
  }
  /* Right as the page reads, for every block below, whatever its own text's direction. */
  :host(:dir(rtl)) .container {
    text-align: right;
  }

  /* Rows below wrap, rather than squeeze a word to a letter per line, when the customer's text
     size leaves them little room (150 % or 200 % text on a phone). */
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    min-block-size: 2.5em;
  }
  .logo {
    block-size: 2.5em;
    max-inline-size: 8em;
    object-fit: contain;
  }
  .merchant {
    font-weight: 600;
    flex: 1 1 8em;
  }
  .badge {
    margin-inline-start: auto;
    font-size: 0.75em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    padding: 0.2em 0.55em;
    border-radius: 999px;
    background: var(--_d-notice-bg);
    color: var(--_d-notice-text);
    border: 1px solid var(--_d-notice-border);
  }

  /* Every heading, paragraph and list in the widget sits flush: its box's gap spaces it. */
  h2,
  h3,
  h4,
  p,
  ul,
  ol,
  dl,
  dd {
    margin: 0;
  }
  ul,
  ol {
    list-style: none;
    padding: 0;
  }
  h2 {
    font-size: 1.125em;
  }

  .line-items {
    container-type: inline-size;
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  /* A line total that leaves its name under 7em goes under it: the name takes the wrap, not the amount. */
  .line-item {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    align-items: start;
  }
  /* Too narrow for a picture beside 7em of name (200 % text on a phone): the pictures give their room to the words. */
  @container (max-width: 11.25em) {
    .line-item .thumb {
      display: none;
    }
  }
  .thumb {
    inline-size: 3.5em;
    block-size: 3.5em;
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--_surface);
    overflow: hidden;
  }
  .thumb img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    display: block;
  }
  img[data-broken] {
    visibility: hidden;
  }
  .logo[data-broken],
  .logo:not([data-broken]) + .merchant {
    display: none;
  }
  .item-text {
    display: grid;
    flex: 1 1 7em;
  }
  .item-name {
    font-weight: 600;
  }
  .item-description,
  .item-quantity {
    color: var(--_muted);
    font-size: 0.875em;
  }
  /* Not nowrap: an amount wider than a whole line breaks (the card's overflow-wrap) rather than stick out of the card. */
  .amount {
    font-variant-numeric: tabular-nums;
    margin-inline-start: auto;
  }

  .totals {
    padding-block-start: var(--_space);
    border-block-start: 1px solid var(--_border);
    display: grid;
    gap: 0.4em;
  }
  .totals > div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
  }
  /* 7em: a label's words whole beside its amount, or the amount goes under it (8em of the Total's larger text put its amount under "Total" on a 320 px phone). */
  .totals dt {
    flex: 1 1 7em;
    color: var(--_muted);
  }
  /* Not nowrap, as .amount. */
  .totals dd {
    margin-inline-start: auto;
    font-variant-numeric: tabular-nums;
  }
  .totals .total {
    padding-block-start: 0.5em;
    font-size: 1.125em;
    font-weight: 700;
  }
  .totals .total dt {
    color: inherit;
  }

  button {
    font: inherit;
    cursor: pointer;
    border-radius: calc(var(--_radius) * 0.66);
    padding: 0.7em 1.1em;
    min-block-size: 2.75em;
  }
  /* Every focus stop draws the same ring: buttons, the invite link, a message the focus is moved to. */
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .primary {
    background: var(--_accent);
    color: var(--_accent-text);
    border: 1px solid transparent;
    font-weight: 600;
  }
  .secondary {
    background: transparent;
    color: inherit;
    border: 1px solid var(--_border);
  }
  .link {
    background: none;
    border: none;
    padding-inline: 0;
    color: var(--_muted);
    text-decoration: underline;
    justify-self: start;
    text-align: inherit;
  }

  .message {
    display: grid;
    gap: 0.5em;
    padding: min(var(--_space), 7%);
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--_surface);
  }
  .message.error {
    border-inline-start: 4px solid var(--_danger);
  }
  .message h2 {
    font-size: 1.0625em;
  }
  .reference {
    color: var(--_muted);
    font-size: 0.8125em;
  }
  .paid-amount {
    font-size: 1.5em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  .pay-form {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .field {
    display: grid;
    gap: 0.3em;
  }
  label {
    font-weight: 600;
    font-size: 0.9375em;
  }
  input {
    font: inherit;
    color: inherit;
    background: var(--kohort-background, var(--_d-bg));
    border: 1px solid var(--kohort-input-border, var(--_d-input-border));
    border-radius: calc(var(--_radius) * 0.66);
    padding: 0.65em 0.75em;
    min-block-size: 2.75em;
    inline-size: 100%;
    min-inline-size: 0;
  }
  input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .inline-field {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .inline-field input {
    /* Room for a whole code, KHT-test-5EED0002; Apply goes below when there is not. */
    flex: 1 1 18ch;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .hint:empty {
    display: none;
  }
  .field-error,
  .form-error {
    color: var(--_danger);
    font-size: 0.9375em;
  }
  .code-accepted {
    display: grid;
    gap: 0.25em;
    padding: 0.75em min(var(--_space), 7%);
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--kohort-success-surface, var(--_d-success-surface));
  }
  .pay {
    inline-size: 100%;
    /* Centred on the whole width, its label needs little room from the edges: large text needs it for the amount. */
    padding-inline: 4%;
    font-size: 1.0625em;
  }
  input:read-only {
    opacity: 0.75;
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }

  .group {
    container-type: inline-size;
    display: grid;
    gap: 0.6em;
    padding: min(var(--_space), 7%);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.66);
  }
  /* The group chunk's code to share, sized by the group's width: a test code (KHT-test-5EED0001) on one line at 360 px, never below the text's size. */
  .share-code {
    font-size: clamp(1em, 9cqi, 1.5em);
  }

  .offline {
    padding: 0.5em 0.75em;
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--_d-notice-bg);
    color: var(--_d-notice-text);
    font-size: 0.9375em;
  }

  .skeleton {
    display: grid;
    gap: var(--_space);
  }
  .bone {
    background: linear-gradient(90deg, var(--_surface) 25%, var(--_d-shimmer) 50%, var(--_surface) 75%);
    background-size: 200% 100%;
    border-radius: 0.4em;
    animation: shimmer 1.4s ease-in-out infinite;
  }
  /* Forced colours (Windows high contrast) draw no backgrounds and no opacity: the bones get an
     outline, and a locked button or field (blocked, paying) the system's colour for what cannot be used. */
  @media (forced-colors: active) {
    .bone {
      outline: 1px solid GrayText;
      outline-offset: -1px;
    }
    [aria-disabled='true'],
    input:read-only {
      color: GrayText;
      border-color: GrayText;
    }
  }
  .bone-row {
    display: grid;
    /* 3.5em and 4.5em in the widest card, in proportion in a narrower one: at 200 % text on a 320 px screen, no wider than it. */
    grid-template-columns: 12% 1fr 15%;
    gap: calc(var(--_space) * 0.75);
    align-items: center;
  }
  /* Heights of the ready view's blocks, so the skeleton reserves the same space. */
  .bone-group {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .field-group-bone {
    gap: 0.3em;
  }
  .header-bone {
    block-size: 2.5em;
    inline-size: 40%;
  }
  .heading-bone {
    block-size: 1.625em;
    inline-size: 55%;
  }
  .thumb-bone {
    block-size: 3.5em;
  }
  .line-bone {
    block-size: 1em;
  }
  .totals-bone {
    block-size: 5.0625em;
  }
  .label-bone {
    block-size: 1.375em;
    inline-size: 45%;
  }
  .field-bone {
    block-size: 2.75em;
  }
  .link-bone {
    block-size: 2.875em;
    inline-size: 55%;
  }
  .button-bone {
    block-size: 3.15em;
  }
  .hint-bone {
    block-size: 2.5625em;
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bone {
      animation: none;
    }
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
