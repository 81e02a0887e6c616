import type { Translate } from "../i18n/admin";

/**
 * A ticket's timeline entry in the merchant's language (issue 27). The entry keeps its sentence as
 * written (`message`, English: the shop's record, what the request page, the exports and the tests
 * read) and, beside it in its data, the same sentence as catalogue keys with their values
 * (`words`, `ticket.entry.*`): the ticket page and the bench's banners say those in the admin's
 * language. The merchant's own text (a description, a reason, a note) is a value, kept as typed.
 * An entry written before its words were kept reads as written. Client-safe and free of React.
 */
export type EntryValue = string | number | { key: string };
export type EntryPart = { key: string; values?: Record<string, EntryValue> } | { text: string };
export type EntryWords = EntryPart[];

/** Intl's locale for the admin's language: the shop's dates as "11 Dec 2026" or "11 déc. 2026". */
export function intlLocale(language: string): string {
  return language === "fr" ? "fr-FR" : "en-GB";
}

/** A shop-local date (yyyy-mm-dd) in words, read as the calendar date it is. */
export function localDateIn(date: string, language: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(intlLocale(language), { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isWords(value: unknown): value is EntryWords {
  return Array.isArray(value) && value.every((p) => p && typeof p === "object" && (typeof (p as { key?: unknown }).key === "string" || typeof (p as { text?: unknown }).text === "string"));
}

/** The words of an entry's data, if it kept them. */
export function wordsOf(data: unknown): EntryWords | null {
  const words = data && typeof data === "object" ? (data as { words?: unknown }).words : undefined;
  return isWords(words) ? words : null;
}

/**
 * The parts in words: a nested key is said too, and a `date` value (yyyy-mm-dd) as the locale
 * writes it; `defaults` fills what a part does not name (the ticket's job number, which the
 * repository writes into the entry's data when it numbers a new ticket).
 */
export function sayWords(words: EntryWords, t: Translate, language: string, defaults: Record<string, EntryValue> = {}): string {
  return words
    .map((part) => {
      if ("text" in part) return part.text;
      const values = Object.fromEntries(
        Object.entries({ ...defaults, ...part.values }).map(([name, v]) => [name, typeof v === "object" ? t(v.key) : name === "date" && typeof v === "string" && DATE.test(v) ? localDateIn(v, language) : v]),
      );
      return t(part.key, values);
    })
    .filter((s) => s !== "")
    .join(" ");
}

/** The entry as the admin reads it: its sentence as written in English, its words in another language. */
export function entryText(entry: { message: string; data?: unknown }, t: Translate, language: string): string {
  const words = language === "en" ? null : wordsOf(entry.data);
  const job = (entry.data as { job?: unknown } | undefined)?.job;
  return words ? sayWords(words, t, language, typeof job === "string" ? { job } : {}) : entry.message;
}
