/** "2 j 4 h", "3 h 05 min", "12 min 03 s": as precise as the span deserves. */
export interface TimeUnits {
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (value: number) => String(value).padStart(2, '0');

export function formatTimeLeft(ms: number, units: TimeUnits): string {
  const left = Math.max(0, ms);
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / HOUR);
  const minutes = Math.floor((left % HOUR) / MINUTE);
  const seconds = Math.floor((left % MINUTE) / 1000);
  if (days > 0) return `${days} ${units.day} ${hours} ${units.hour}`;
  if (hours > 0) return `${hours} ${units.hour} ${pad(minutes)} ${units.minute}`;
  if (minutes > 0) return `${minutes} ${units.minute} ${pad(seconds)} ${units.second}`;
  return `${seconds} ${units.second}`;
}

/** How long until the text above changes (it rounds down): just past the next whole second, or minute. */
export function nextTickIn(ms: number): number {
  if (ms <= 0) return 0;
  return (ms % (ms < HOUR ? 1000 : MINUTE)) + 1;
}
