import { css } from '../internal/css.js';

/** The referral group's inside, adopted with the group view when it loads (the box itself is in the main styles). */
export const groupStyles = css`
  .group h4 {
    font-size: 0.9375rem;
  }
  .share {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }
  .share-label {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .share-code {
    font-size: 1.5rem;
    font-weight: 700;
    letter-spacing: 0.04em;
    font-family: var(--kohort-code-font, ui-monospace, 'SFMono-Regular', Menlo, monospace);
    overflow-wrap: anywhere;
    user-select: all;
  }
  .share-actions {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .invite {
    display: grid;
    font-size: 0.875rem;
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
    gap: 0.35rem;
  }
  .names li {
    padding: 0.15rem 0.6rem;
    border-radius: 999px;
    background: var(--_surface);
    font-size: 0.875rem;
  }
  .tiers {
    display: grid;
    gap: 0.3rem;
  }
  .tier {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    align-items: center;
    padding: 0.4rem 0.6rem;
    border-radius: 0.5rem;
    background: var(--_surface);
  }
  /* Narrow: the badge goes to the next line rather than "participan/ts" breaking. Right to
     left: "2 participants" keeps its own order. */
  .tier > * {
    overflow-wrap: normal;
    unicode-bidi: plaintext;
  }
  .tier strong {
    margin-inline-start: auto;
  }
  .tier.current {
    outline: 2px solid var(--_accent);
  }
  .tier-badge {
    font-size: 0.75rem;
    font-weight: 600;
    padding: 0.1rem 0.5rem;
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
