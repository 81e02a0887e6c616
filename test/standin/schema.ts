import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/** The Admin API version the stand-in speaks; the app's `apiVersion` must match. */
export const API_VERSION = "2026-10";

export const SCHEMA_FILE = join(process.cwd(), "schema", "shopify-admin-2026-10.json.gz");

let cached: GraphQLSchema | undefined;
let raw: { data: IntrospectionQuery } | undefined;

/**
 * The introspection JSON as Shopify ships it, with the metadata graphql-js drops when it builds
 * a schema (`requiredAccess`, `isProtected`/`protectedContent` on types and fields).
 */
export function adminIntrospection(): { data: IntrospectionQuery } {
  raw ??= JSON.parse(gunzipSync(readFileSync(SCHEMA_FILE)).toString("utf8")) as { data: IntrospectionQuery };
  return raw;
}

/**
 * Shopify's own introspection of Admin API 2026-10 (schema/README.md). Building it takes ~300 ms,
 * so one copy serves every stand-in in the process.
 */
export function adminSchema(): GraphQLSchema {
  cached ??= buildClientSchema(adminIntrospection().data);
  return cached;
}
