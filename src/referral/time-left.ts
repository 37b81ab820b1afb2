/**
 * "2j 4h", "3h 05min", "12min 03s" (French), "21 Std. 59 Min." (German): as precise as the span
 * deserves, worded by Intl.
 * One unbreakable piece: a narrow card never shows "21h" on one line and "59min" on the next.
 */
import { numberFormat } from '../i18n/messages.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Unit = 'day' | 'hour' | 'minute' | 'second';

function formatUnit(locale: string, unit: Unit, value: number, padded = false): string {
  // German's narrow units mix "21h" with "59 Min."; its short ones agree: "21 Std. 59 Min.".
  const unitDisplay = locale.startsWith('de') ? 'short' : 'narrow';
  return numberFormat(locale, { style: 'unit', unit, unitDisplay, minimumIntegerDigits: padded ? 2 : 1 }).format(value);
}

export function formatTimeLeft(ms: number, locale: string): string {
  return spans(ms, locale).replace(/ /g, '\u00a0');
}

function spans(ms: number, locale: string): string {
  const left = Math.max(0, ms);
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / HOUR);
  const minutes = Math.floor((left % HOUR) / MINUTE);
  const seconds = Math.floor((left % MINUTE) / 1000);
  if (days > 0) return `${formatUnit(locale, 'day', days)} ${formatUnit(locale, 'hour', hours)}`;
  if (hours > 0) return `${formatUnit(locale, 'hour', hours)} ${formatUnit(locale, 'minute', minutes, true)}`;
  if (minutes > 0) return `${formatUnit(locale, 'minute', minutes)} ${formatUnit(locale, 'second', seconds, true)}`;
  return formatUnit(locale, 'second', seconds);
}

/** How long until the text above changes (it rounds down): just past the next whole second, or minute. */
export function nextTickIn(ms: number): number {
  if (ms <= 0) return 0;
  return (ms % (ms < HOUR ? 1000 : MINUTE)) + 1;
}
