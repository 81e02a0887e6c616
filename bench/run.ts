// `npm run bench`: line decisions per second of the policy engine on one core, per preset on a
// 10-line order and on a 200-line order, and how the cost grows with lines. Results go to
// bench/results/engine.json with the machine they ran on. Timing lives here, never in tests.
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { performance } from "node:perf_hooks";

import { decide, presetPolicy, type PresetName } from "../app/domain";
import { scenarioFor } from "./scenarios";

const TARGET_LINES_PER_SECOND = 200_000;
const SECONDS_PER_CASE = Number(process.env.BENCH_SECONDS ?? 2.5);
const ROUNDS = 5;

/**
 * Line decisions per second for one preset and order size: the median of ROUNDS timed rounds,
 * so one round slowed by a neighbour on a shared machine (or a JIT tier-up) does not decide it.
 */
function measure(preset: PresetName, n: number) {
  const policy = presetPolicy(preset);
  const scenario = scenarioFor(preset, n);
  for (let i = 0; i < 200; i++) decide(policy, scenario); // warm up the JIT and the holiday cache
  const rounds: { decisions: number; seconds: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let decisions = 0;
    const start = performance.now();
    const deadline = start + (SECONDS_PER_CASE * 1000) / ROUNDS;
    while (performance.now() < deadline) {
      for (let i = 0; i < 20; i++) decide(policy, scenario);
      decisions += 20;
    }
    rounds.push({ decisions, seconds: (performance.now() - start) / 1000 });
  }
  const rates = rounds.map((r) => r.decisions / r.seconds).sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)];
  const decisions = rounds.reduce((acc, r) => acc + r.decisions, 0);
  const seconds = rounds.reduce((acc, r) => acc + r.seconds, 0);
  const lineDecisionsPerSecond = Math.round(median * n);
  return {
    preset,
    lines: n,
    decisions,
    seconds: Number(seconds.toFixed(3)),
    rounds: ROUNDS,
    decisionsPerSecond: Math.round(median),
    lineDecisionsPerSecond,
    slowestRoundLineDecisionsPerSecond: Math.round(rates[0] * n),
    microsecondsPerLine: Number((1e6 / lineDecisionsPerSecond).toFixed(3)),
  };
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
  machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), loadAverage1m: Number(loadavg()[0].toFixed(2)), node: process.version, platform: `${process.platform}-${process.arch}` },
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
