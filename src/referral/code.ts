/**
 * Reads what a customer typed or pasted into "Have a code from a friend?":
 * `kht-test-5eed0001`, ` KHTPAY-1A2B `, or an invite link carrying `?kohort=…`.
 */
const CODE_PATTERN = /^(KHT(?:PAY)?)-(?:(test)-)?([0-9A-F]+)$/i;

/** The code in its canonical case (`KHT-test-5EED0001`), or null when the text holds no code. */
export function parseReferralCode(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  const fromLink = codeFromLink(text);
  const candidate = (fromLink ?? text).trim();
  // Or with spaces where the hyphens go, as a code read aloud or retyped: `KHT test 5EED0001`.
  const match = CODE_PATTERN.exec(candidate) ?? CODE_PATTERN.exec(candidate.replace(/\s+/g, '-'));
  if (match) return `${match[1]!.toUpperCase()}-${match[2] ? 'test-' : ''}${match[3]!.toUpperCase()}`;
  // The contract accepts anything that starts with KHT; keep such codes as they are.
  return /^KHT[\w-]*$/i.test(candidate) ? candidate : null;
}

function codeFromLink(text: string): string | null {
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    for (const name of ['kohort', 'code', 'ref']) {
      const value = url.searchParams.get(name);
      if (value) return value;
    }
    const segment = url.pathname.split('/').reverse().find((part) => /^KHT/i.test(part));
    return segment ? decodeURIComponent(segment) : null;
  } catch {
    return null;
  }
}

/** Where friends land: `invite-url` with `{code}` replaced, or a `kohort` parameter added to it. */
export function inviteLink(base: string | null | undefined, code: string): string | null {
  if (!base) return null;
  try {
    const templated = base.includes('{code}');
    const url = new URL(templated ? base.replace('{code}', encodeURIComponent(code)) : base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (!templated) url.searchParams.set('kohort', code);
    return url.href;
  } catch {
    return null;
  }
}
