import ShopifyFormat from "@shopify/i18next-shopify";
import i18next, { type i18n } from "i18next";

/**
 * The admin's languages: one i18next instance per request on the server and one per page in the
 * browser, with Shopify's translation format (`{{name}}` and plurals as `one`/`other` keys).
 * Client-safe: the browser gets only the chosen language's catalogue, through the app layout's
 * loader, so the server's render and hydration read the same words.
 */
export const ADMIN_LANGUAGES = ["en", "fr"] as const;
export type AdminLanguage = (typeof ADMIN_LANGUAGES)[number];
export type Catalogue = { [key: string]: string | Catalogue };
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The catalogue for Shopify admin's `locale` ("fr", "fr-FR", "en-GB"); English for any language without one. */
export function adminLanguageOf(locale: string | null | undefined): AdminLanguage {
  const base = (locale ?? "").split(/[-_]/)[0]?.toLowerCase() ?? "";
  return (ADMIN_LANGUAGES as readonly string[]).includes(base) ? (base as AdminLanguage) : "en";
}

export function createAdminI18n(language: AdminLanguage, catalogue: Catalogue): i18n {
  const instance = i18next.createInstance();
  void instance.use(ShopifyFormat).init({
    lng: language,
    fallbackLng: false,
    resources: { [language]: { translation: catalogue } },
    // Synchronous: the catalogue is at hand, and the first render must already read it.
    initAsync: false,
    // React escapes what it renders; the catalogue's words are plain text.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
}

/** i18next's `t` narrowed to what the admin uses: a key and its values, giving text. */
type LooseT = (key: string, options?: Record<string, unknown>) => unknown;

export function translateWith(instance: i18n): Translate {
  const t = instance.t.bind(instance) as unknown as LooseT;
  return (key, options) => String(t(key, options));
}
