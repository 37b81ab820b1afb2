import type { Catalogue, Messages } from '../i18n/messages.js';

/** What every template needs besides its state: the words and the money format. */
export interface ViewContext {
  t: Catalogue;
  /** BCP 47 tag used for Intl formatting. */
  locale: string;
  /** Formats minor units in the session's currency. */
  money: (amountMinor: number) => string;
}

/** The group view's context: its words are there once the group view has loaded. */
export interface GroupViewContext extends ViewContext {
  t: Messages;
}
