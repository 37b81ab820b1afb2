/** Checks for values that come from API data and end up in URLs or CSS, and the masking of a key that is printed. */

function parseUrl(value: unknown): URL | null {
  // A list or an object would be read as its text; an empty or blank string throws below, as any relative URL.
  if (typeof value !== 'string') return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** A navigable `http:`/`https:` URL, or null (refuses `javascript:`, `data:`, `vbscript:`, relative…). */
export function safeNavigationUrl(value: unknown): string | null {
  const url = parseUrl(value);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : null;
}

/**
 * Images, and the hosted checkout where a customer types their card, load only over `https:`,
 * or from the API's own origin (which we already trust for the data itself; it matters for a
 * local sandbox served over http).
 */
export function secureUrl(value: unknown, trustedOrigin?: string): string | null {
  const url = parseUrl(value);
  if (!url) return null;
  return url.protocol === 'https:' || (!!trustedOrigin && url.origin === trustedOrigin && url.protocol === 'http:') ? url.href : null;
}

/** `C62344`, `#c62344` or `#abc` → `#c62344`; anything else → null. */
export function parseHexColor(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return null;
  const hex = match[1]!.length === 3 ? match[1]!.replace(/./g, '$&$&') /* #abc is #aabbcc */ : match[1]!;
  return `#${hex.toLowerCase()}`;
}

/** WCAG's relative luminance of a `#rrggbb` colour: 0 for black, 1 for white. */
function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/**
 * White or near-black, whichever has the higher WCAG contrast on `background` (white on a tie).
 * Contrast with white is 1.05 / (L + 0.05); with #111111 (luminance Lk) it is (L + 0.05) / (Lk + 0.05)
 * on a lighter background and less than the white one on a darker: white wins while
 * (L + 0.05)² ≤ 1.05 × (Lk + 0.05), up to L ≈ 0.19 (the same answer as comparing both ratios, for every colour).
 */
export function readableTextOn(background: string): string {
  const ink = '#111111';
  return (relativeLuminance(background) + 0.05) ** 2 <= 1.05 * (relativeLuminance(ink) + 0.05) ? '#ffffff' : ink;
}

/** `sk_test_abcdef123456` → `sk_test_…3456`: enough to recognise a key, never the key. */
export function maskKey(key: string): string {
  const prefix = /^[a-z]{2}_(test|live)_/i.exec(key)?.[0] ?? key.slice(0, 3);
  const tail = key.length - prefix.length > 8 ? key.slice(-4) : '';
  return `${prefix}…${tail}`;
}
