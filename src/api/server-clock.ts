/**
 * The KohortPay server's time, as this browser can tell it. A customer's clock may be minutes
 * or hours off (set by hand, a wrong time zone), and expiry is the server's: judged on the
 * customer's clock alone, a session with half an hour left looked expired. Each answer's `Date`
 * header, when the API exposes it to the page (CORS `Access-Control-Expose-Headers`), gives the
 * difference; it counts in whole seconds, so less than a minute is left alone. An answer
 * without a readable `Date` (a hop that hides it) keeps what was learned. Kept per `api-base`:
 * two widgets on one page may talk to two servers (sandbox and live, a stale proxy).
 */
const offsets: Record<string, number> = {};

export function observeServerDate(apiBase: string, header: string | null): void {
  const measured = Date.parse(header ?? '') - Date.now();
  if (!Number.isNaN(measured)) offsets[apiBase] = Math.abs(measured) < 60_000 ? 0 : measured;
}

/** Now, on the clock of the server at `apiBase` as far as it is known (the browser's otherwise). */
export const serverNow = (apiBase: string): number => Date.now() + (offsets[apiBase] || 0);
