import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

/**
 * App Store requirement 1.1.15 and issue 26 (docs/decisions/022-contract.md): store credit that pays back
 * items goes through refundCreate or returnProcess with a store-credit refund method, so the
 * order records it. storeCreditAccountCredit is for goodwill that refunds nothing. The mutation's
 * document, its gateway function and its keyed operation may appear only where they are defined
 * and dispatched; a goodwill feature that needs them is added to GOODWILL by name, and nothing
 * else may build a `store_credit` operation.
 */
const DEFINED = {
  "app/shopify/money.server.ts": ["STORE_CREDIT_CREDIT", "creditStoreCredit(", "storeCreditAccountCredit("],
  "app/jobs/money.server.ts": ["creditStoreCredit(", "storeCreditOnce(", 'kind: "store_credit"'],
};
/** Modules that grant goodwill credit (refunding nothing), labelled as such on the timeline. None yet. */
const GOODWILL: string[] = [];
const MARKERS = ["STORE_CREDIT_CREDIT", "creditStoreCredit(", "storeCreditOnce(", "storeCreditAccountCredit(", 'kind: "store_credit"'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "types" ? [] : sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Each file under app/ and the markers it holds outside comments. */
function uses(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sources("app")) {
    const code = readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    const hits = MARKERS.filter((m) => code.includes(m));
    if (hits.length) found.set(file.split("\\").join("/"), hits);
  }
  return found;
}

describe("store credit only as a refund", () => {
  it("GIVEN app/ WHEN storeCreditAccountCredit's document, gateway function and operation are looked for THEN they appear only where they are defined and in goodwill modules, so no path that refunds items can credit an account directly", () => {
    const found = uses();
    // The scan sees the definitions (it is not looking in the wrong place).
    for (const [file, markers] of Object.entries(DEFINED)) expect(found.get(file), file).toEqual(expect.arrayContaining(markers));
    const elsewhere = [...found.keys()].filter((file) => !(file in DEFINED) && !GOODWILL.includes(file));
    expect(elsewhere.map((file) => `${file}: ${found.get(file)?.join(", ")}`)).toEqual([]);
  });
});
