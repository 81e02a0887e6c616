import js from "@eslint/js";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The layer rules of docs/HOUSE-STYLE: the domain core is pure (no framework, database, Shopify,
 * Node or server module), and product code never reaches into the tests.
 */
export const domainRestrictedImports = {
  patterns: [
    { group: ["@remix-run/*", "react", "react-dom", "react/*", "react-dom/*"], message: "app/domain is framework-free: no Remix or React." },
    { group: ["@prisma/*", "@aftercare/prisma-postgres", "pg", "better-sqlite3", "**/db.server", "**/*.server"], message: "app/domain never touches the database or server modules." },
    { group: ["@shopify/*", "graphql"], message: "app/domain knows nothing of Shopify: map Shopify data to domain types in app/shopify." },
    { group: ["node:*", "fs", "path", "child_process", "http", "https", "crypto"], message: "app/domain is pure and runs in the browser too: no Node modules." },
    { group: ["~/*", "!~/domain/*"], message: "app/domain imports only app/domain." },
  ],
};

const noTestImports = {
  patterns: [{ group: ["**/test/**", "~/../test/*"], message: "Product code never imports from test/." }],
};

/** The floors above a folder, as import patterns (relative or through `~/`). */
const above = (...folders) => folders.map((folder) => `**/${folder}/**`);

/**
 * The floors of docs/architecture.md, one way down: routes → use cases (desk, requests,
 * policies, storefront) and auth → jobs → repositories and the Shopify gateway → domain, with
 * app/platform (the process: environment, database clients, logging, metrics, the server's
 * front) under the product. Each folder is told what it may not reach up to.
 */
export const layerRestrictedImports = {
  "app/platform": {
    patterns: [...noTestImports.patterns, { group: above("routes", "components", "desk", "policies", "auth"), message: "app/platform is the process's plumbing: it never reaches up to routes, components, use cases or auth." }],
  },
  "app/auth": {
    patterns: [...noTestImports.patterns, { group: above("routes", "components", "desk", "policies"), message: "app/auth authenticates entries for the routes: it never imports a route, a component or the desk." }],
  },
  "app/jobs": {
    patterns: [...noTestImports.patterns, { group: above("routes", "components", "desk", "auth"), message: "app/jobs runs below the routes: it never imports a route, a component, the desk or auth." }],
  },
  "app/repositories": {
    patterns: [...noTestImports.patterns, { group: above("routes", "components", "desk", "requests", "policies", "storefront", "auth", "jobs", "shopify"), message: "app/repositories is the database floor: it imports only the domain, the schemas, app/platform and db.server." }],
  },
  "app/shopify": {
    patterns: [
      ...noTestImports.patterns,
      { group: [...above("routes", "components", "desk", "requests", "policies", "storefront", "auth", "jobs", "repositories"), "**/db.server"], message: "app/shopify is the gateway: it maps Shopify to domain types and never touches the database or the floors above." },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "build/",
      "public/build/",
      ".cache/",
      "test/artifacts/",
      ".stryker-tmp/",
      "reports/",
      ".tmp/",
      "extensions/**/assets/*.js",
      "extensions/*/dist/",
      "bench/results/",
      // Written by `npm run shopify:codegen` (@shopify/api-codegen-preset).
      "app/types/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "18" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      "react/prop-types": "off",
    },
  },
  {
    // Customer-account extensions: Shopify's sandbox gives each target the globals `shopify` and `navigation`.
    files: ["extensions/**/*.{ts,tsx}"],
    languageOptions: { globals: { shopify: "readonly", navigation: "readonly" } },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", noTestImports],
      // server.mjs installs Remix's fetch globals (`npm start`), whose Response has no static
      // `json`: a route answering with it is a 500 in production while tests on Node's own pass.
      "no-restricted-properties": ["error", { object: "Response", property: "json", message: "Remix's fetch globals (server.mjs) have no Response.json: use `json` from @remix-run/node." }],
    },
  },
  ...Object.entries(layerRestrictedImports).map(([folder, rule]) => ({
    files: [`${folder}/**/*.{ts,tsx}`],
    rules: { "no-restricted-imports": ["error", rule] },
  })),
  {
    // A route module's top-level code stays in its page's browser bundle even when only the
    // loader or the action uses it: one zod schema built there ships all of zod (450 kB) to the
    // browser (bench/results/desk-vitals.md). Build it in a .server module or inside the function.
    files: ["app/routes/**/*.tsx"],
    // Resource routes (the extensions' API, webhooks) render nothing: no browser bundle.
    ignores: ["app/routes/api.*", "app/routes/webhooks.*"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...["Program > VariableDeclaration", "Program > ExportNamedDeclaration > VariableDeclaration"].map((declaration) => ({
          selector: `${declaration} > VariableDeclarator > CallExpression:has(Identifier[name='z'])`,
          message: "A zod schema built at the top of a route module puts zod in the page's browser bundle: build it in a .server module (app/desk/forms.server.ts) or inside the loader or action.",
        })),
      ],
    },
  },
  {
    files: ["app/domain/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", domainRestrictedImports] },
  },
);
