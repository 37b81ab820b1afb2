/**
 * The message catalogues. French and English ship in the main bundle, without the group view's
 * words, which come with the group view; the other languages load on demand, whole (a separate
 * chunk each in the CDN build).
 */
import type { Language } from './locale.js';
import type { Catalogue, GroupMessages, Messages } from './messages.js';
import { en } from './en.js';
import { fr } from './fr.js';

const loaded = new Map<Language, Catalogue>([
  ['fr', fr],
  ['en', en],
]);

const loaders: Record<Exclude<Language, 'fr' | 'en'>, () => Promise<Messages>> = {
  de: () => import('./de.js').then((module) => module.de),
  es: () => import('./es.js').then((module) => module.es),
  it: () => import('./it.js').then((module) => module.it),
  nl: () => import('./nl.js').then((module) => module.nl),
};

const pending = new Map<Language, Promise<Catalogue>>();

/** The catalogue if it is already here, else undefined (call `loadMessages`). */
export function loadedMessages(language: Language): Catalogue | undefined {
  return loaded.get(language);
}

export function loadMessages(language: Language): Promise<Catalogue> {
  const ready = loaded.get(language);
  if (ready) return Promise.resolve(ready);
  let promise = pending.get(language);
  if (!promise) {
    promise = loaders[language as keyof typeof loaders]().then((messages) => {
      loaded.set(language, messages);
      return messages;
    });
    pending.set(language, promise);
  }
  return promise;
}

/** Adds the group view's words to the catalogues already here, as the group view loads. */
export function addGroupMessages(words: Partial<Record<Language, GroupMessages>>): void {
  for (const [language, part] of Object.entries(words) as [Language, GroupMessages][]) {
    const catalogue = loaded.get(language);
    if (catalogue) loaded.set(language, { ...part, ...catalogue });
  }
}

/** A merchant's own wording: any string (or nested group of strings) of a catalogue. */
export type MessageOverrides = {
  [K in keyof Messages]?: Messages[K] extends (...args: never[]) => string
    ? Messages[K]
    : Messages[K] extends string
      ? string
      : Partial<Messages[K]>;
};

/** The catalogue with the merchant's overrides laid over it (nested groups merged key by key). */
export function withOverrides<T extends Catalogue>(messages: T, overrides: MessageOverrides | undefined): T {
  if (!overrides) return messages;
  const merged: Record<string, unknown> = { ...(messages as object) };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const base = (messages as unknown as Record<string, unknown>)[key];
    merged[key] =
      base && typeof base === 'object' && value && typeof value === 'object' ? { ...base, ...(value as object) } : value;
  }
  return merged as unknown as T;
}

export type { Catalogue, CheckoutMessages, GroupMessages, Messages } from './messages.js';
export { resolveLocale, inheritedLang, SUPPORTED_LANGUAGES, type Language, type ResolvedLocale } from './locale.js';
