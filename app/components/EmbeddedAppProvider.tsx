import { Link as RemixLink } from "@remix-run/react";
import { AppProvider as PolarisAppProvider } from "@shopify/polaris";
import type { LinkLikeComponentProps } from "@shopify/polaris/build/ts/src/utilities/link";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import { forwardRef, type ReactNode } from "react";

/**
 * Polaris plus the App Bridge script, like the library's AppProvider, but with the script's URL
 * taken from the server (APP_BRIDGE_URL) so the app also runs where Shopify's CDN cannot be
 * reached (the local stand-in serves its own App Bridge).
 */
export function EmbeddedAppProvider({
  apiKey,
  appBridgeUrl,
  children,
}: {
  apiKey: string;
  appBridgeUrl: string;
  children: ReactNode;
}) {
  return (
    <>
      <script src={appBridgeUrl} data-api-key={apiKey} />
      <PolarisAppProvider i18n={polarisTranslations} linkComponent={PolarisLink}>
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
