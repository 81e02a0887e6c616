import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";

import { createAdminI18n, type AdminLanguage, type Catalogue, type Translate } from "./admin";

/** The admin's language and the locale that dates and numbers read in (Intl), for the pages below. */
const LocaleContext = createContext<{ language: AdminLanguage; locale: string }>({ language: "en", locale: "en" });

export function AdminI18nProvider({ language, locale, catalogue, children }: { language: AdminLanguage; locale: string; catalogue: Catalogue; children: ReactNode }) {
  const instance = useMemo(() => createAdminI18n(language, catalogue), [language, catalogue]);
  const value = useMemo(() => ({ language, locale }), [language, locale]);
  return (
    <I18nextProvider i18n={instance}>
      <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>
    </I18nextProvider>
  );
}

/** The page's translate function: a key and its values, in the admin's language. */
export function useT(): Translate {
  const { t } = useTranslation();
  return useCallback<Translate>((key, options) => String((t as unknown as (k: string, o?: Record<string, unknown>) => unknown)(key, options)), [t]);
}

export function useAdminLocale() {
  return useContext(LocaleContext);
}
