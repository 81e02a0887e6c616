import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { PRESET_DOCUMENTS, PRESET_NAMES, policySchema } from "../../app/domain";

const REFERENCE = {
  "crystal-accessories": "000_3cba6289a60b23dc.txt",
  "uk-jeweller": "001_b2063d9e8a4a667f.txt",
  "gulf-boutique": "002_fc2301219b958670.txt",
  "fine-jewellery": "003_c1679a722189bc5b.txt",
} as const;

const normalise = (text: string) => text.replace(/[‘’]/g, "'").replace(/\s+/g, " ").trim().toLowerCase();

/** Every `source` string anywhere in a document. */
function sources(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(sources);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, v]) => (key === "source" && typeof v === "string" ? [v] : sources(v)));
  }
  return [];
}

describe("presets", () => {
  it("cover the four reference policies", () => {
    expect(PRESET_NAMES.sort()).toEqual(Object.keys(REFERENCE).sort());
    expect(readdirSync(join(process.cwd(), "test", "fixtures", "reference-policies"))).toHaveLength(4);
  });

  it.each(PRESET_NAMES)("%s passes the schema a merchant's policy passes", (name) => {
    const result = policySchema.safeParse(PRESET_DOCUMENTS[name]);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it.each(PRESET_NAMES)("%s quotes its reference policy word for word", (name) => {
    const reference = normalise(readFileSync(join(process.cwd(), "test", "fixtures", "reference-policies", REFERENCE[name]), "utf8"));
    const quoted = sources(PRESET_DOCUMENTS[name]);
    expect(quoted.length).toBeGreaterThan(4);
    for (const quote of quoted) {
      for (const fragment of quote.split("…").map(normalise).filter(Boolean)) {
        expect(reference, `"${fragment}"`).toContain(fragment);
      }
    }
  });

  it("rejects a policy that names an item group it does not define", () => {
    const broken = structuredClone(PRESET_DOCUMENTS["uk-jeweller"]);
    broken.returns.exclusions[0].groups = ["engraved-typo"];
    const result = policySchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["returns", "exclusions", 0, "groups", 0], message: 'unknown item group "engraved-typo"' });
  });
});
