/** Calendar days as integers (days since 1970-01-01, UTC) and ISO `YYYY-MM-DD` strings. */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function isoToDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`Not a date of the form YYYY-MM-DD: ${iso}`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Today's date in the analyst's local calendar, as a day number. */
export function localToday(now: Date = new Date()): number {
  return Math.floor(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / MS_PER_DAY);
}

export function localTodayIso(now: Date = new Date()): string {
  return dayToIso(localToday(now));
}

/**
 * Latest date accepted as "not in the future". One day of slack so that a
 * dispatch dated in a time zone ahead of the analyst's is not refused.
 */
export function latestAcceptableDay(now: Date = new Date()): number {
  return localToday(now) + 1;
}
