import type { Messages } from '../i18n/messages.js';

/** What every template needs besides its state: the words and the money format. */
export interface ViewContext {
  t: Messages;
  /** BCP 47 tag used for Intl formatting. */
  locale: string;
  /** Formats minor units in the session's currency. */
  money: (amountMinor: number) => string;
}
