import { css } from '../internal/css.js';

/** The referral group's inside, adopted with the group view when it loads (the box itself is in the main styles). */
export const groupStyles = css`
  .group h4 {
    font-size: 0.9375em;
  }
  .share {
    display: grid;
    gap: 0.5em;
    justify-items: start;
  }
  .share-label {
    color: var(--_muted);
    font-size: 0.875em;
  }
  /* Its font size is in the main styles, beside the .group box it is sized by. */
  .share-code {
    font-weight: 700;
    letter-spacing: 0.04em;
    font-family: var(--kohort-code-font, ui-monospace, 'SFMono-Regular', Menlo, monospace);
    overflow-wrap: anywhere;
    user-select: all;
  }
  .share-actions {
    display: flex;
    gap: 0.5em;
    flex-wrap: wrap;
  }
  .invite {
    display: grid;
    /* The link's focus ring (2px offset, 3px wide) clears the label above it. */
    gap: 0.4em;
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .invite-label {
    color: var(--_muted);
  }
  .invite a {
    color: inherit;
  }
  .participants {
    font-weight: 600;
  }
  .names {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35em;
  }
  /* A pill on one line (1em is over half its height); a long name on several lines keeps its letters inside the corners;
     square for a square theme (--kohort-radius: 0). */
  .names li {
    padding: 0.15em 0.6em;
    border-radius: min(1em, var(--_radius) * 9);
    background: var(--_surface);
    font-size: 0.875em;
  }
  .tiers {
    display: grid;
    gap: 0.3em;
  }
  .tier {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.5em;
    align-items: center;
    padding: 0.4em 0.6em;
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--_surface);
  }
  /* Right to left: "2 participants" keeps its own order. Narrow, the badge goes to the next line
     (the row wraps); a word breaks only if wider than the row (200 % text on a phone). */
  .tier > * {
    unicode-bidi: plaintext;
  }
  .tier strong {
    margin-inline-start: auto;
  }
  .tier.current {
    outline: 2px solid var(--_accent);
  }
  .tier-badge {
    font-size: 0.75em;
    font-weight: 600;
    padding: 0.1em 0.5em;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .next-tier,
  .cashback {
    font-weight: 600;
  }
  .time-left {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
`;
