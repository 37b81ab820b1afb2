/** Money is integer minor units everywhere; only this module turns it into text. */

const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** How many minor units make one major unit (100 for EUR, 1 for JPY), per Intl. */
export function minorUnitDigits(currency: string): number {
  return currencyFormatter(currency, 'en').resolvedOptions().maximumFractionDigits ?? 2;
}

/** `formatMoney(123456, 'EUR', 'fr-FR')` → "1 234,56 €". */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const major = amountMinor / 10 ** minorUnitDigits(currency);
  return currencyFormatter(currency, locale).format(major);
}

/** True when `currency` is an ISO 4217 code Intl can format. */
export function isSupportedCurrency(currency: unknown): currency is string {
  if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) return false;
  try {
    currencyFormatter(currency.toUpperCase(), 'en');
    return true;
  } catch {
    return false;
  }
}
