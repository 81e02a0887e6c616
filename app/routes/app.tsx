import { json, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
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
        <Link to="/app/privacy">Customer data requests</Link>
      </ui-nav-menu>
      <DeskOutlet />
    </EmbeddedAppProvider>
  );
}

// Shopify needs Remix to catch its thrown responses (redirects out of the iframe, 401 bounces)
// and to pass its headers through; the library's boundary does both.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
