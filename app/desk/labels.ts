import type { Translate } from "../i18n/admin";
import en from "../i18n/locales/en.json";

/**
 * A request's status, kind and reason in the merchant's language, from the admin's catalogue
 * (`labels.*`). Client-safe and free of React: pages pass their translate function, server views
 * theirs; without one they read English.
 */

/** The English catalogue's words, where no page's translate function is at hand. */
export const english: Translate = (key, options) => {
  const found = key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), en);
  return typeof found === "string" ? found : String(options?.defaultValue ?? key);
};

/** A request's status in the merchant's language (`labels.status.*`). */
export function statusLabel(status: string, t: Translate = english): string {
  return t(`labels.status.${status}`, { defaultValue: status });
}

/** A request's kind in the merchant's language (`labels.kind.*`); the kind itself when unknown. */
export function kindLabel(kind: string, t: Translate = english): string {
  return t(`labels.kind.${kind}`, { defaultValue: kind });
}

/** A shopper's reason in the merchant's language (`labels.reason.*`); unknown ones read as words. */
export function reasonLabel(reason: string, t: Translate = english): string {
  return t(`labels.reason.${reason}`, { defaultValue: reason.replace(/_/g, " ") });
}

/** A resolution in the merchant's language (`labels.resolution.*`); unknown ones read as words. */
export function resolutionLabel(resolution: string, t: Translate = english): string {
  return t(`labels.resolution.${resolution}`, { defaultValue: resolution.replace(/_/g, " ") });
}
