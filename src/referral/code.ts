/**
 * Reads what a customer typed or pasted into "Have a code from a friend?":
 * `kht-test-5eed0001`, ` KHTPAY-1A2B `, or an invite link carrying `?kohort=…`.
 */
/** As written (`KHT-test-5EED0001`), or read aloud and retyped: spaces for the hyphens, the hex in groups (`KHT test 5EED 0001`). */
const CODE_PATTERN = /^(KHT(?:PAY)?)[\s-]+(?:(test)[\s-]+)?([0-9A-F]+(?:\s+[0-9A-F]+)*)$/i;

/**
 * What copying and pasting adds to a code: invisible characters, typographic dashes, and the
 * punctuation of the sentence it came from (`…with the code KHT-test-5EED0001: the more…`).
 * The trailing run is matched from the character before it: a bare `[…]+$` is tried at every
 * position of a long run, and 100,000 dots in a `?kohort=` link froze the page for seconds.
 */
function tidy(input: string): string {
  return input
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u061C]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim()
    .replace(/^["'«‘“(\s]+|([^"'»’”).,:;!?\s])["'»’”).,:;!?\s]+$/g, '$1');
}

/** The code in its canonical case (`KHT-test-5EED0001`), or null when the text holds no code. */
export function parseReferralCode(input: string): string | null {
  const text = tidy(input);
  if (!text) return null;
  const fromLink = codeFromLink(text);
  const candidate = (fromLink ?? text).trim();
  const match = CODE_PATTERN.exec(candidate);
  if (match) return `${match[1]!.toUpperCase()}-${match[2] ? 'test-' : ''}${match[3]!.replace(/\s+/g, '').toUpperCase()}`;
  // The contract accepts anything that starts with KHT; keep such codes as they are.
  return /^KHT[\w-]*$/i.test(candidate) ? candidate : null;
}

/** The code in an invite link, wherever its template put it: a parameter of any name, the fragment, then the path. */
function codeFromLink(text: string): string | null {
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    // Not the host: a shop at kht.example.com is no code. A code needs no percent-encoding, so none is undone.
    const { search, hash, pathname } = new URL(text);
    return /\bKHT[\w-]*/i.exec(search + hash + pathname)?.[0] ?? null;
  } catch {
    return null;
  }
}
