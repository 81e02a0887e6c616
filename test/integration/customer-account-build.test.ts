import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { UI_EXTENSIONS, ensureExtensionsBuilt, readBundle, type CliBuild } from "../support/extensions-build";

/**
 * Shopify's deploy limits for UI extensions on Remote DOM: 64 KB compressed, 128 KB for a
 * full-page extension. https://shopify.dev/docs/api/customer-account-ui-extensions (bundle size);
 * the admin order-details block and action are held to the same 64 KB.
 */
const LIMIT_KB = { regular: 64, fullPage: 128 };

function leaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(leaves);
  return [];
}

describe("customer-account and admin UI extensions built by Shopify CLI 4", () => {
  let build: CliBuild;
  beforeAll(() => {
    build = ensureExtensionsBuilt();
  }, 200_000);

  it("GIVEN the app and its extensions WHEN `shopify app build` runs offline THEN every toml validates, theme check passes and each UI extension is bundled", () => {
    expect(build.status).toBe(0);
    expect(build.output).toContain("Running theme check on your Theme app extension");
    for (const extension of UI_EXTENSIONS) expect(build.sizes.has(extension.handle), build.output).toBe(true);
  });

  it("GIVEN the Shopify Flow extensions (seven triggers, the hold action, the lifecycle callback) WHEN `shopify app build` ran THEN the CLI validated their tomls (it fails on a field it does not accept)", () => {
    expect(build.status).toBe(0);
    const flow = readdirSync("extensions").filter((folder) => existsSync(join("extensions", folder, "shopify.extension.toml")) && /^type = "flow_(trigger|action|trigger_lifecycle_callback)"$/m.test(readFileSync(join("extensions", folder, "shopify.extension.toml"), "utf8")));
    expect(flow.sort()).toEqual(["aftercare-flow-hold", "aftercare-flow-lifecycle", "aftercare-item-received", "aftercare-quote-paid", "aftercare-quote-sent", "aftercare-request-approved", "aftercare-request-resolved", "aftercare-request-submitted", "aftercare-ticket-ready"]);
  });

  it.each(UI_EXTENSIONS)("GIVEN $handle WHEN built THEN it stays under Shopify's compressed size limit for its target", (extension) => {
    const limit = extension.fullPage ? LIMIT_KB.fullPage : LIMIT_KB.regular;
    const reported = build.sizes.get(extension.handle);
    expect(reported?.compressedKb).toBeLessThanOrEqual(limit);
    // Our own measure of the same file, so the test does not rest on the CLI's wording alone.
    const gzipped = gzipSync(readBundle(extension.handle), { level: 9 }).length / 1024;
    expect(gzipped).toBeLessThanOrEqual(limit);
    expect(gzipped).toBeGreaterThan(1);
  });

  it.each(UI_EXTENSIONS)("GIVEN $handle WHEN built THEN its bundle registers its target and carries no translation: they come from locales/ through shopify.i18n", (extension) => {
    const bundle = readBundle(extension.handle);
    expect(bundle).toContain(`shopify.extend("${extension.target}"`);
    for (const locale of ["en.default", "fr", "ar"]) {
      // Sentences only: a one-word label ("Back") may well appear in code for another reason.
      const strings = leaves(JSON.parse(readFileSync(join("extensions", extension.handle, "locales", `${locale}.json`), "utf8"))).filter((text) => text.length >= 12);
      expect(strings.length).toBeGreaterThan(1);
      for (const text of strings) expect(bundle.includes(text), `${locale}: "${text}" is bundled`).toBe(false);
    }
  });

  it.each(UI_EXTENSIONS)("GIVEN $handle WHEN its locales are read THEN English, French and Arabic have the same keys", (extension) => {
    const keys = (value: unknown, prefix = ""): string[] =>
      value && typeof value === "object" ? Object.entries(value).flatMap(([key, inner]) => keys(inner, `${prefix}${key}.`)) : [prefix];
    const read = (locale: string) => keys(JSON.parse(readFileSync(join("extensions", extension.handle, "locales", `${locale}.json`), "utf8"))).sort();
    expect(read("fr")).toEqual(read("en.default"));
    expect(read("ar")).toEqual(read("en.default"));
  });

  it("GIVEN the extensions call the app WHEN their app URL is read THEN it is shopify.app.toml's application_url", () => {
    const toml = readFileSync("shopify.app.toml", "utf8");
    const applicationUrl = /^application_url\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
    const shared = readFileSync(join("extensions", "shared", "app.ts"), "utf8");
    expect(shared).toContain(`export const APP_URL = "${applicationUrl}";`);
  });
});
