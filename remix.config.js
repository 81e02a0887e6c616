/**
 * Remix v2 on the classic compiler (docs/decisions/001-classic-remix-compiler.md).
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}", "**/*.server.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Shopify's packages ship ESM that the classic compiler must bundle for the server.
  serverDependenciesToBundle: [/^@shopify\/.*/],
  browserNodeBuiltinsPolyfill: { modules: {} },
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
