import Holidays from "date-holidays";
import { DateTime } from "luxon";

/**
 * Calendar arithmetic on the shop's local dates. Windows are decided on dates, not instants: a
 * request made at 23:30 local on the last day is in time, one made at 00:10 the next day is not.
 */
export type LocalDate = string; // ISO yyyy-mm-dd in the shop's zone

export class CalendarError extends Error {
  override name = "CalendarError";
}

/**
 * A small bounded memo: the engine asks the same questions (this order's local dates, this
 * window's last day) for every line of every request, and luxon's zone conversions are the
 * costliest step. Pure functions of their key, so caching cannot change an answer.
 */
function memo<T>(limit: number) {
  const entries = new Map<string, T>();
  return (key: string, compute: () => T): T => {
    const hit = entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (entries.size >= limit) entries.delete(entries.keys().next().value as string);
    entries.set(key, value);
    return value;
  };
}

const localDates = memo<LocalDate>(4096);

export function localDate(instant: string, timezone: string): LocalDate {
  return localDates(`${instant}|${timezone}`, () => {
    const dt = DateTime.fromISO(instant, { setZone: true });
    if (!dt.isValid) throw new CalendarError(`"${instant}" is not an ISO date-time`);
    const local = dt.setZone(timezone);
    if (!local.isValid) throw new CalendarError(`"${timezone}" is not an IANA time zone`);
    return local.toISODate() as LocalDate;
  });
}

function parseDate(date: LocalDate): DateTime {
  return DateTime.fromISO(date, { zone: "UTC" });
}

const DAY_MS = 86_400_000;

/** Whole days on a civil date (no zone involved): plain UTC calendar arithmetic. */
function epochDay(date: LocalDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date((epochDay(date) + days) * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function weekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** Calendar months: 31 January + 1 month is the last day of February. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  return parseDate(date).plus({ months }).toISODate() as LocalDate;
}

/** Calendar years: 29 February + 1 year is 28 February. */
export function addYears(date: LocalDate, years: number): LocalDate {
  return parseDate(date).plus({ years }).toISODate() as LocalDate;
}

const holidayCalendars = new Map<string, Holidays>();
const publicHolidayCache = new Map<string, Set<LocalDate>>();

/** The country's public holidays in a year, from date-holidays (type "public" only). */
function publicHolidays(country: string, year: number): Set<LocalDate> {
  const key = `${country}:${year}`;
  let dates = publicHolidayCache.get(key);
  if (!dates) {
    let calendar = holidayCalendars.get(country);
    if (!calendar) {
      calendar = new Holidays(country);
      holidayCalendars.set(country, calendar);
    }
    dates = new Set(
      (calendar.getHolidays(year) || [])
        .filter((holiday) => holiday.type === "public")
        .map((holiday) => holiday.date.slice(0, 10) as LocalDate),
    );
    publicHolidayCache.set(key, dates);
  }
  return dates;
}

export function isWorkingDay(date: LocalDate, country: string): boolean {
  if (weekday(date) > 5) return false;
  return !publicHolidays(country, Number(date.slice(0, 4))).has(date);
}

/**
 * The date that ends a window of `count` working days after `anchor`: day 1 is the first working
 * day after the anchor date (CONTRACT rule 2), weekends and the country's public holidays skipped.
 */
const workingDayEnds = memo<LocalDate>(4096);

export function addWorkingDays(anchor: LocalDate, count: number, country: string): LocalDate {
  return workingDayEnds(`${anchor}|${count}|${country}`, () => {
    let date = anchor;
    let counted = 0;
    while (counted < count) {
      date = addDays(date, 1);
      if (isWorkingDay(date, country)) counted += 1;
    }
    return date;
  });
}
