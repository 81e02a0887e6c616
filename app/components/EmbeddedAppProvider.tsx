import { Link as RemixLink } from "@remix-run/react";
import { AppProvider as PolarisAppProvider, type AppProviderProps } from "@shopify/polaris";
import type { LinkLikeComponentProps } from "@shopify/polaris/build/ts/src/utilities/link";
import { forwardRef, type ReactNode } from "react";

type TranslationDictionary = AppProviderProps["i18n"];

/**
 * Polaris plus the App Bridge script, like the library's AppProvider, but with the script's URL
 * taken from the server (APP_BRIDGE_URL) so the app also runs where Shopify's CDN cannot be
 * reached (the local stand-in serves its own App Bridge). Polaris's own words come in the admin's
 * language from the app layout's loader (@shopify/polaris/locales/<language>.json).
 */
export function EmbeddedAppProvider({
  apiKey,
  appBridgeUrl,
  polaris,
  children,
}: {
  apiKey: string;
  appBridgeUrl: string;
  polaris: TranslationDictionary;
  children: ReactNode;
}) {
  return (
    <>
      <script src={appBridgeUrl} data-api-key={apiKey} />
      <PolarisAppProvider i18n={polaris} linkComponent={PolarisLink}>
        {children}
      </PolarisAppProvider>
    </>
  );
}

const PolarisLink = forwardRef<HTMLAnchorElement, LinkLikeComponentProps>(function PolarisLink(
  { url, external, children, ...rest },
  ref,
) {
  if (external) {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer" ref={ref} {...rest}>
        {children}
      </a>
    );
  }
  return (
    <RemixLink to={url} ref={ref} {...rest}>
      {children}
    </RemixLink>
  );
});
