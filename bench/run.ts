// `npm run bench`: line decisions per second of the policy engine on one core, per preset on a
// 10-line order and on a 200-line order, and how the cost grows with lines. Results go to
// bench/results/engine.json with the machine they ran on. Timing lives here, never in tests.
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { performance } from "node:perf_hooks";

import { decide, presetPolicy, scenarioSchema, type PresetName, type Scenario, type ScenarioInput } from "../app/domain";

const TARGET_LINES_PER_SECOND = 200_000;
const SECONDS_PER_CASE = Number(process.env.BENCH_SECONDS ?? 1.5);

const condition = { used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false };
const SHOPS = {
  "uk-jeweller": { country: "GB", timezone: "Europe/London", currency: "GBP" },
  "gulf-boutique": { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" },
  "fine-jewellery": { country: "GB", timezone: "Europe/London", currency: "GBP" },
  "crystal-accessories": { country: "GB", timezone: "Europe/London", currency: "GBP" },
} as const;
const PRODUCT_TYPES = ["Rings", "Earrings", "Necklaces", "Bracelets", "Watches", "Pens", "Active Crystals"];

/** A realistic mixed order of `n` lines and a request for every line, for one preset. */
function scenarioFor(preset: PresetName, n: number): Scenario {
  const service = preset === "crystal-accessories" ? "crystal_replacement" : preset === "fine-jewellery" ? "cleaning" : null;
  const lines = Array.from({ length: n }, (_, i) => ({
    id: `L${String(i + 1).padStart(4, "0")}`,
    productType: service === "crystal_replacement" ? "Phone Cases" : PRODUCT_TYPES[i % PRODUCT_TYPES.length],
    tags: i % 5 === 1 ? ["pierced"] : [],
    quantity: 1 + (i % 3),
    unitPrice: `${40 + ((i * 37) % 400)}.${String((i * 13) % 100).padStart(2, "0")}`,
    compareAtUnitPrice: i % 11 === 0 ? "999.00" : null,
    discountAllocations: [{ discountId: "D1", amount: "1.50" }],
    properties: (i % 9 === 0 ? { Engraving: "A" } : {}) as Record<string, string>,
    metafields: { crystal_count: 500 + i, adjustable: i % 2 === 0 },
  }));
  const input: ScenarioInput = {
    id: `bench-${preset}-${n}`,
    preset,
    now: "2026-03-10T12:00:00Z",
    shop: SHOPS[preset],
    order: {
      placedAt: "2026-02-20T10:00:00Z",
      deliveredAt: "2026-02-23T15:00:00Z",
      shippingCountry: SHOPS[preset].country,
      shippingCharged: "4.95",
      discounts: [{ id: "D1", kind: "percentage", value: "10", minimumSubtotal: "100.00" }],
      lines,
    },
    request: {
      kind: service ? "service" : "return",
      service,
      lines: lines.map((l, i) => ({
        lineId: l.id,
        quantity: 1,
        reason: service === "crystal_replacement" ? "loose_crystal" : i % 4 === 0 ? "defective" : "changed_mind",
        cause: i % 4 === 0 ? "manufacturing" : null,
        condition,
        partsRequested: service === "crystal_replacement" ? 3 : null,
      })),
      proofOfPurchase: true,
      photos: 0,
      liabilityAccepted: true,
    },
  };
  return scenarioSchema.parse(input);
}

function measure(preset: PresetName, n: number) {
  const policy = presetPolicy(preset);
  const scenario = scenarioFor(preset, n);
  for (let i = 0; i < 200; i++) decide(policy, scenario); // warm up the JIT and the holiday cache
  let decisions = 0;
  const start = performance.now();
  const deadline = start + SECONDS_PER_CASE * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 20; i++) decide(policy, scenario);
    decisions += 20;
  }
  const seconds = (performance.now() - start) / 1000;
  const lineDecisionsPerSecond = Math.round((decisions * n) / seconds);
  return { preset, lines: n, decisions, seconds: Number(seconds.toFixed(3)), decisionsPerSecond: Math.round(decisions / seconds), lineDecisionsPerSecond, microsecondsPerLine: Number((1e6 / lineDecisionsPerSecond).toFixed(3)) };
}

const presets: PresetName[] = ["crystal-accessories", "uk-jeweller", "gulf-boutique", "fine-jewellery"];
const tenLine = presets.map((p) => measure(p, 10));
const large = measure("uk-jeweller", 200);
const scaling = [10, 50, 200, 400].map((n) => measure("gulf-boutique", n));
const perLine = scaling.map((s) => s.microsecondsPerLine);
const growth = Number((perLine[perLine.length - 1] / perLine[0]).toFixed(2));

const slowest = Math.min(...tenLine.map((r) => r.lineDecisionsPerSecond), large.lineDecisionsPerSecond);
const result = {
  benchmark: "policy engine decide()",
  ranAt: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` },
  target: { lineDecisionsPerSecond: TARGET_LINES_PER_SECOND, note: "one core, single-threaded loop" },
  tenLineOrders: tenLine,
  twoHundredLineOrder: large,
  scaling: { preset: "gulf-boutique", runs: scaling, microsecondsPerLineGrowth10to400: growth },
  slowestLineDecisionsPerSecond: slowest,
  meetsTarget: slowest >= TARGET_LINES_PER_SECOND,
};
writeFileSync("bench/results/engine.json", `${JSON.stringify(result, null, 2)}\n`);
for (const r of [...tenLine, large]) {
  console.log(`${r.preset.padEnd(20)} ${String(r.lines).padStart(4)} lines  ${r.lineDecisionsPerSecond.toLocaleString("en-GB").padStart(12)} line decisions/s`);
}
console.log(`cost per line, 10 → 400 lines: ×${growth} (1.0 is perfectly linear)`);
console.log(`slowest: ${slowest.toLocaleString("en-GB")} line decisions/s, target ${TARGET_LINES_PER_SECOND.toLocaleString("en-GB")}: ${result.meetsTarget ? "met" : "NOT met"}`);
console.log("written to bench/results/engine.json");
