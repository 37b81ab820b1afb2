/** Money is integer minor units everywhere; only this module turns it into text. */
import { numberFormat } from '../i18n/messages.js';

/**
 * ISO 4217 currencies whose minor unit is not a hundredth. Intl cannot tell: it gives the
 * decimals a currency is shown with, which are fewer for some (HUF, IDR, COP: none, though
 * they count in hundredths) and differ between browsers.
 */
const NO_DECIMALS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DECIMALS = 'BHD IQD JOD KWD LYD OMR TND';

function currencyFormatter(currency: string, locale: string, decimals?: number): Intl.NumberFormat {
  return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** How many minor units make one major unit, as a power of ten: 2 for EUR and HUF, 0 for JPY, 3 for KWD. `currency` is upper case, as the session keeps it. */
export function minorUnitDigits(currency: string): number {
  return NO_DECIMALS.includes(currency) ? 0 : THREE_DECIMALS.includes(currency) ? 3 : currency === 'CLF' || currency === 'UYW' ? 4 : 2;
}

/**
 * `formatMoney(123456, 'EUR', 'fr-FR')` → "1 234,56 €". A whole amount is shown the way the
 * locale shows the currency ("12 345 Ft"); a fraction is never rounded away ("12 345,50 Ft").
 */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const decimals = minorUnitDigits(currency);
  const major = amountMinor / 10 ** decimals;
  // As a decimal string ("9007199254740991e-2"), which Intl formats exactly: the float 90071992547409.91 prints as ….90.
  return currencyFormatter(currency, locale, Number.isInteger(major) ? undefined : decimals).format(`${amountMinor}e-${decimals}` as never);
}

/** True when `currency` is an ISO 4217 code Intl can format. */
export function isSupportedCurrency(currency: string): boolean {
  if (!/^[A-Za-z]{3}$/.test(currency)) return false;
  try {
    currencyFormatter(currency, 'en');
    return true;
  } catch {
    return false;
  }
}
