import { execFileSync } from "node:child_process";

import { describe, expect, it } from "vitest";

describe("committed migrations", () => {
  it("GIVEN the schema WHEN both providers' migrations are applied THEN nothing is missing", () => {
    // scripts/db.mjs check applies each provider's migrations to a scratch database and diffs
    // it against prisma/schema.prisma; it exits non-zero (throwing here) on any drift.
    const out = execFileSync(process.execPath, ["scripts/db.mjs", "check"], { encoding: "utf8" });
    expect(out).toContain("sqlite: migrations match the schema");
  }, 120_000);
});
