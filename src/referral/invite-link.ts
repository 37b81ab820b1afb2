/** The invite link of the paid view's group: used only there, so it loads with the group view's chunk. */

/** Where friends land: `invite-url` with each `{code}` replaced, or a `kohort` parameter added to it. */
export function inviteLink(base: string | null | undefined, code: string): string | null {
  if (!base) return null;
  try {
    const templated = base.includes('{code}');
    const url = new URL(templated ? base.replaceAll('{code}', encodeURIComponent(code)) : base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (!templated) url.searchParams.set('kohort', code);
    return url.href;
  } catch {
    return null;
  }
}
