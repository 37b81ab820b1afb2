import type { Language } from './locale.js';
import type { Messages } from './messages.js';
import { en } from './en.js';
import { fr } from './fr.js';

const catalogues: Record<Language, Messages> = { fr, en };

export function messagesFor(language: Language): Messages {
  return catalogues[language];
}

export type { Messages } from './messages.js';
export { resolveLocale, inheritedLang, type ResolvedLocale } from './locale.js';
