/** Locale resolution: the `locale` attribute, the session's locale, the page's `lang`, then French. */

export type Language = 'fr' | 'en' | 'de' | 'es' | 'it' | 'nl';
export const SUPPORTED_LANGUAGES: readonly Language[] = ['fr', 'en', 'de', 'es', 'it', 'nl'];
const DEFAULT_LANGUAGE: Language = 'fr';

export interface ResolvedLocale {
  /** BCP 47 tag for Intl (`fr-FR`, `en-GB`, `en`). */
  tag: string;
  /** The message catalogue used. */
  language: Language;
}

/** `fr_FR`, `fr-fr`, ` en ` → a canonical BCP 47 tag; null when it is not a locale. */
export function normalizeLocale(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    // An empty or blank value is no locale either: Intl throws, as for any other that is not a tag.
    return Intl.getCanonicalLocales(value.trim().replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null;
  }
}

function toResolved(tag: string | null): ResolvedLocale | null {
  if (!tag) return null;
  const language = tag.split('-')[0]!.toLowerCase();
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(language)
    ? { tag, language: language as Language }
    : null;
}

export function resolveLocale(candidates: ReadonlyArray<string | null | undefined>): ResolvedLocale {
  for (const candidate of candidates) {
    const resolved = toResolved(normalizeLocale(candidate));
    if (resolved) return resolved;
  }
  return { tag: 'fr-FR', language: DEFAULT_LANGUAGE };
}

/** The nearest `lang` attribute above `node`, crossing shadow roots. */
export function inheritedLang(node: Node): string | null {
  let current: Node | null = node;
  while (current) {
    if (current instanceof Element && current.hasAttribute('lang')) return current.getAttribute('lang');
    current = current.parentNode ?? (current instanceof ShadowRoot ? current.host : null);
  }
  return null;
}
