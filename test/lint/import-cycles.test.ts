import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { describe, expect, it } from "vitest";

/**
 * Every import cycle under the given folders, as "a → b → a" (dependency-cruiser, following the
 * TypeScript paths of tsconfig.json). Type-only imports count: an arrow back is an arrow back, and
 * a newcomer reading one module is sent round the circle either way.
 */
async function cyclesIn(paths: string[]): Promise<string[]> {
  const result = await cruise(
    paths,
    {
      validate: true,
      ruleSet: { forbidden: [{ name: "no-circular", severity: "error", from: {}, to: { circular: true } }] },
      doNotFollow: { path: "node_modules" },
      tsPreCompilationDeps: true,
      tsConfig: { fileName: "tsconfig.json" },
    },
    undefined,
    { tsConfig: extractTSConfig("tsconfig.json") },
  );
  const output = result.output as ICruiseResult;
  return output.summary.violations.filter((v) => v.rule.name === "no-circular").map((v) => [v.from, ...(v.cycle ?? []).map((c) => c.name)].join(" → "));
}

describe("import cycles", { timeout: 300_000 }, () => {
  it("GIVEN app/ WHEN every import is followed THEN no module reaches itself again", async () => {
    expect(await cyclesIn(["app"])).toEqual([]);
  });

  it("GIVEN two modules that import each other WHEN checked THEN the cycle is reported", async () => {
    const cycles = await cyclesIn(["test/fixtures/import-cycle"]);
    expect(cycles.length).toBeGreaterThan(0);
    expect(cycles[0]).toMatch(/import-cycle\/(a|b)\.ts → .*import-cycle\/(a|b)\.ts/);
  });
});
