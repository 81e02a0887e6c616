// The Admin GraphQL project, as Shopify's own apps declare it: `@shopify/api-codegen-preset`
// generates app/types/admin.types.d.ts (the schema's types) and app/types/admin.generated.d.ts
// (each `#graphql` document's result and variables, keyed by its text, added to the Admin
// client's AdminQueries/AdminMutations), and editors' GraphQL tooling reads the same schema.
// `npm run shopify:codegen` runs it (docs/decisions/006).
//
// Offline: the preset fetches the schema from shopify.dev unless its schema file already exists
// in the output directory, so it is written there from the vendored introspection first
// (schema/, the same file the stand-in serves; not committed, being 11 MB).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";
import type { IGraphQLConfig } from "graphql-config";

export const API_VERSION = "2026-10";
export const OUTPUT_DIR = "./app/types";
const VENDORED_SCHEMA = `./schema/shopify-admin-${API_VERSION}.json.gz`;
const SCHEMA_FILE = `${OUTPUT_DIR}/admin-${API_VERSION}.schema.json`;

if (!existsSync(SCHEMA_FILE) || statSync(SCHEMA_FILE).mtimeMs < statSync(VENDORED_SCHEMA).mtimeMs) {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  writeFileSync(SCHEMA_FILE, gunzipSync(readFileSync(VENDORED_SCHEMA)));
}

const project = shopifyApiProject({
  apiType: ApiType.Admin,
  apiVersion: API_VERSION,
  documents: ["./app/**/*.{ts,tsx}", "!./app/types/**"],
  outputDir: OUTPUT_DIR,
});

// One change to the preset's output: enums as string unions. A `.d.ts` enum has no runtime
// value to import, and the app passes Shopify's enum values as the strings the API sends.
const generates = (project.extensions as { codegen: { generates: Record<string, { config?: Record<string, unknown> }> } }).codegen.generates;
const types = generates[`${OUTPUT_DIR}/admin.types.d.ts`];
if (!types) throw new Error("@shopify/api-codegen-preset no longer writes admin.types.d.ts: check .graphqlrc.ts");
types.config = { ...types.config, enumsAsTypes: true };

const config = { projects: { default: project } } satisfies IGraphQLConfig;

export default config;
