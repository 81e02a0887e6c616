import polarisEn from "@shopify/polaris/locales/en.json";
import polarisFr from "@shopify/polaris/locales/fr.json";

import { adminLanguageOf, createAdminI18n, translateWith, type AdminLanguage, type Catalogue, type Translate } from "./admin";
import en from "./locales/en.json";
import fr from "./locales/fr.json";

const CATALOGUES: Record<AdminLanguage, Catalogue> = { en, fr };
const POLARIS: Record<AdminLanguage, typeof polarisEn> = { en: polarisEn, fr: polarisFr };

/** Shopify admin's `locale`, kept for the in-app navigations that carry none. */
export const LOCALE_COOKIE = "aftercare_locale";
const LOCALE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/;

function cookieLocale(request: Request): string | null {
  const match = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`).exec(request.headers.get("cookie") ?? "");
  const value = match ? decodeURIComponent(match[1] ?? "") : "";
  return LOCALE.test(value) ? value : null;
}

function urlLocale(request: Request): string | null {
  const value = new URL(request.url).searchParams.get("locale") ?? "";
  return LOCALE.test(value) ? value : null;
}

/**
 * The merchant's locale: Shopify admin's `locale` parameter on an embedded load, else the one the
 * app layout kept from it, else the browser's Accept-Language, else English.
 */
export function adminLocale(request: Request): string {
  const fromHeader = request.headers.get("accept-language")?.split(",")[0]?.split(";")[0]?.trim();
  return urlLocale(request) ?? cookieLocale(request) ?? (fromHeader && LOCALE.test(fromHeader) ? fromHeader : "en");
}

/** A translate function for a locale: its own i18next instance (one per request, never shared). */
export function adminT(locale: string): Translate {
  const language = adminLanguageOf(locale);
  return translateWith(createAdminI18n(language, CATALOGUES[language]));
}

/**
 * What the app layout hands the browser: the language, its catalogue and Polaris's, and the
 * Set-Cookie that keeps Shopify's `locale` for the navigations after the embedded load. In
 * Shopify admin the app is framed by another site, so the cookie is a partitioned third-party one.
 */
export function adminI18n(request: Request) {
  const locale = adminLocale(request);
  const language = adminLanguageOf(locale);
  const fromUrl = urlLocale(request);
  const secure = new URL(request.url).protocol === "https:";
  const setCookie =
    fromUrl && fromUrl !== cookieLocale(request)
      ? `${LOCALE_COOKIE}=${encodeURIComponent(fromUrl)}; Path=/; Max-Age=31536000; HttpOnly; ${secure ? "SameSite=None; Secure; Partitioned" : "SameSite=Lax"}`
      : null;
  return { locale, language, catalogue: CATALOGUES[language], polaris: POLARIS[language], setCookie };
}
