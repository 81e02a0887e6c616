import { json, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import { boundary } from "@shopify/shopify-app-remix/server";

import { EmbeddedAppProvider } from "../components/EmbeddedAppProvider";
import { DeskOutlet } from "../desk/skeleton";
import { adminI18n } from "../i18n/i18n.server";
import { AdminI18nProvider, useT } from "../i18n/react";
import { env } from "../platform/env.server";
import { authenticate } from "../shopify.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

const SHOPIFY_APP_BRIDGE = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  // The merchant's language, from Shopify admin's `locale` (kept in a cookie for the navigations
  // that follow): the browser gets that language's words only, so it hydrates what the server rendered.
  const { locale, language, catalogue, polaris, setCookie } = adminI18n(request);
  return json(
    {
      apiKey: env.SHOPIFY_API_KEY,
      appBridgeUrl: env.APP_BRIDGE_URL ?? SHOPIFY_APP_BRIDGE,
      locale,
      language,
      catalogue,
      polaris,
    },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
};

/**
 * The layout's data (the App Bridge settings and the language's catalogues, some 30 kB) changes
 * only with Shopify admin's `locale`: a tab, a filter or a form of a page below does not load it again.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl }) => currentUrl.searchParams.get("locale") !== nextUrl.searchParams.get("locale");

export default function App() {
  const { apiKey, appBridgeUrl, locale, language, catalogue, polaris } = useLoaderData<typeof loader>();
  return (
    <AdminI18nProvider language={language} locale={locale} catalogue={catalogue}>
      <EmbeddedAppProvider apiKey={apiKey} appBridgeUrl={appBridgeUrl} polaris={polaris}>
        <NavMenu />
        <DeskOutlet />
      </EmbeddedAppProvider>
    </AdminI18nProvider>
  );
}

function NavMenu() {
  const t = useT();
  return (
    <ui-nav-menu>
      <Link to="/app" rel="home">
        {t("nav.home")}
      </Link>
      <Link to="/app/requests">{t("nav.requests")}</Link>
      <Link to="/app/bench">{t("nav.bench")}</Link>
      <Link to="/app/policy">{t("nav.policy")}</Link>
      <Link to="/app/emails">{t("nav.emails")}</Link>
      <Link to="/app/signin">{t("nav.signin")}</Link>
      <Link to="/app/privacy">{t("nav.privacy")}</Link>
    </ui-nav-menu>
  );
}

// Shopify needs Remix to catch its thrown responses (redirects out of the iframe, 401 bounces)
// and to pass its headers through; the library's boundary does both. One of them it throws
// without a word: 410 to a browser whose user agent names it a bot (isbot), which headless
// Chromium does ("HeadlessChrome"). Whoever opens the admin that way reads why.
export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 410) {
    return (
      <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: "40rem", margin: "3rem auto", padding: "0 1rem", lineHeight: 1.5 }}>
        <h1>This browser was turned away as an automated one</h1>
        <p>
          Shopify&apos;s app library answers 410 to a browser whose user agent says it is a bot or a headless browser (for example
          &ldquo;HeadlessChrome&rdquo;), so that crawlers never start a sign-in. Open Aftercare from Shopify admin in an ordinary browser, or give an
          automated browser an ordinary user agent.
        </p>
      </main>
    );
  }
  return boundary.error(error);
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
