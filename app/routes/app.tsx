import { json, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import { boundary } from "@shopify/shopify-app-remix/server";

import { EmbeddedAppProvider } from "../components/EmbeddedAppProvider";
import { DeskOutlet } from "../desk/skeleton";
import { env } from "../platform/env.server";
import { authenticate } from "../shopify.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

const SHOPIFY_APP_BRIDGE = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return json({
    apiKey: env.SHOPIFY_API_KEY,
    appBridgeUrl: env.APP_BRIDGE_URL ?? SHOPIFY_APP_BRIDGE,
  });
};

export default function App() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  return (
    <EmbeddedAppProvider apiKey={apiKey} appBridgeUrl={appBridgeUrl}>
      <ui-nav-menu>
        <Link to="/app" rel="home">
          Home
        </Link>
        <Link to="/app/requests">Requests</Link>
        <Link to="/app/bench">Bench</Link>
        <Link to="/app/policy">Policy</Link>
        <Link to="/app/emails">Shopper emails</Link>
        <Link to="/app/signin">Shopper sign-in</Link>
        <Link to="/app/privacy">Customer data requests</Link>
      </ui-nav-menu>
      <DeskOutlet />
    </EmbeddedAppProvider>
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
