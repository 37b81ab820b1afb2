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

/** Each module exports its catalogue under its language's name. */
const loaders: Record<Exclude<Language, 'fr' | 'en'>, () => Promise<Partial<Record<Language, Messages>>>> = {
  de: () => import('./de.js'),
  es: () => import('./es.js'),
  it: () => import('./it.js'),
  nl: () => import('./nl.js'),
};

/** Downloads under way, one per language. */
const pending = new Map<Language, Promise<Catalogue>>();
/** Languages whose last download failed: English stands in for them (see messagesSettled). */
const unavailable = new Set<Language>();

/** The catalogue if it is already here, else undefined (call `loadMessages`). */
export function loadedMessages(language: Language): Catalogue | undefined {
  return loaded.get(language);
}

/** True once `language` is here, or could not be loaded (English stands in for it until `loadMessages` gets it). */
export function messagesSettled(language: Language): boolean {
  return loaded.has(language) || unavailable.has(language);
}

/** The catalogue of `language`, downloaded once (asked again after a failure); rejects if it cannot load. */
export function loadMessages(language: Language): Promise<Catalogue> {
  const ready = loaded.get(language);
  if (ready) return Promise.resolve(ready);
  let promise = pending.get(language);
  if (!promise) {
    promise = loaders[language as keyof typeof loaders]().then(
      (module) => {
        const messages = module[language]!;
        loaded.set(language, messages);
        return messages;
      },
      (error: unknown) => {
        unavailable.add(language);
        pending.delete(language); // English stands in meanwhile; the next call (back online) asks again
        throw error;
      },
    );
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

/** Read by the bundler, as nanostores does: development builds keep the warnings for mistakes production code cannot see. */
declare const process: { env: { NODE_ENV?: string } };

/** The mistakes already reported, per overrides object: each is said once, not at every render. */
const reported = new WeakMap<object, Set<string>>();

/**
 * The catalogue with the merchant's overrides laid over it, key by key (nested groups too). An
 * override of the wrong type (a string where a function is expected…) or an empty text is
 * ignored with a warning, and so is a function that throws or returns no text, at the time:
 * a mistake never blanks the widget. Merged at each render, so edits to the object show.
 */
export function withOverrides<T extends Catalogue>(messages: T, overrides: MessageOverrides | undefined): T {
  if (!overrides || typeof overrides !== 'object') return messages;
  let warnedPaths = reported.get(overrides);
  if (!warnedPaths) reported.set(overrides, (warnedPaths = new Set()));
  const warn = (path: string, why: string, ...error: unknown[]) => {
    if (warnedPaths.has(path)) return;
    warnedPaths.add(path);
    console.warn(`[kohort-checkout] Ignored messages.${path}: ${why}`, ...error);
  };
  return overlay(messages, overrides, '', warn) as T;
}

/** A catalogue's message function (`payButton(amount)`), as overlay sees it. */
type Text = (...args: unknown[]) => unknown;

/** Lays `theirs` (the merchant's value at `path`) over `ours` (the catalogue's), keeping ours for a mistake (see withOverrides). */
function overlay(
  ours: unknown,
  theirs: unknown,
  path: string,
  warn: (path: string, why: string, ...error: unknown[]) => void,
): unknown {
  // A key this catalogue does not have (yet: the group view's words come with it) is kept as given.
  if (ours === undefined || theirs === undefined) {
    // Development builds only (production code has neither the check nor its words): "payButon" would do nothing, silently.
    if (process.env.NODE_ENV !== 'production' && ours === undefined) {
      void import('./en-group.js').then(({ enGroup }) => Object.hasOwn(enGroup, path) || warn(path, 'no such message (misspelt?).'));
    }
    return theirs ?? ours;
  }
  // Of the wrong type, empty, null, or a list: ours stays.
  if (typeof theirs !== typeof ours || !theirs || Array.isArray(theirs)) {
    warn(path, `not a ${typeof ours}, or empty.`);
    return ours;
  }
  if (typeof ours === 'function') {
    return (...args: unknown[]) => {
      try {
        const text = (theirs as Text)(...args);
        if (text && typeof text === 'string') return text;
        warn(path, 'it returned no text.');
      } catch (error) {
        warn(path, 'it threw.', error);
      }
      return (ours as Text)(...args);
    };
  }
  if (typeof ours !== 'object') return theirs;
  const merged: Record<string, unknown> = { ...(ours as object) };
  for (const [key, value] of Object.entries(theirs as object)) {
    merged[key] = overlay(merged[key], value, path ? `${path}.${key}` : key, warn);
  }
  return merged;
}

export type { Catalogue, CheckoutMessages, GroupMessages, Messages } from './messages.js';
export { resolveLocale, inheritedLang, SUPPORTED_LANGUAGES, type Language, type ResolvedLocale } from './locale.js';
