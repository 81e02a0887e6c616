import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { check } from "@shopify/theme-check-node";
import { afterAll, describe, expect, it } from "vitest";

/** Shopify's own theme checker on the theme app extension, as `shopify app deploy` would run it. */
const EXTENSION = join(process.cwd(), "extensions", "aftercare-theme");
const ERROR = 0; // theme-check's Severity.ERROR
const scratch = mkdtempSync(join(tmpdir(), "aftercare-theme-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("theme-check on the theme app extension", () => {
  it("GIVEN the extension WHEN theme-check runs THEN it reports no error", async () => {
    const offenses = await check(EXTENSION);
    expect(offenses.filter((o) => o.severity === ERROR).map((o) => `${o.check}: ${o.message} (${o.uri})`)).toEqual([]);
  }, 120_000);

  it("GIVEN a copy of the block with a Liquid syntax error and an unknown translation WHEN theme-check runs THEN it reports errors (the check is live)", async () => {
    const copy = join(scratch, "aftercare-theme");
    cpSync(EXTENSION, copy, { recursive: true });
    writeFileSync(join(copy, "blocks", "broken.liquid"), `<p>{{ 'aftercare.block.nope' | t }}</p>{% if %}\n{% schema %}{"name":"Broken","target":"section"}{% endschema %}`);
    const offenses = await check(copy);
    expect(offenses.filter((o) => o.severity === ERROR && o.uri.endsWith("broken.liquid")).length).toBeGreaterThan(0);
  }, 120_000);
});
