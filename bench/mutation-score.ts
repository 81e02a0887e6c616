// Summarises the mutation report Stryker writes (npm run mutation; stryker.config.json):
// the score over all mutants, per file, and without string-literal mutants, most of which
// change only the words of an explanation (the measure). Not run in CI.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";

type Mutant = { mutatorName: string; status: string };
type Report = { files: Record<string, { mutants: Mutant[] }> };

const report = JSON.parse(readFileSync("reports/mutation/mutation.json", "utf8")) as Report;
const DETECTED = new Set(["Killed", "Timeout"]);
const COUNTED = new Set(["Killed", "Timeout", "Survived", "NoCoverage"]);

function score(mutants: Mutant[]): { killed: number; total: number; percent: string } {
  const counted = mutants.filter((m) => COUNTED.has(m.status));
  const killed = counted.filter((m) => DETECTED.has(m.status)).length;
  return { killed, total: counted.length, percent: counted.length ? ((killed / counted.length) * 100).toFixed(1) : "n/a" };
}

const all = Object.values(report.files).flatMap((f) => f.mutants);
const line = (label: string, mutants: Mutant[]) => {
  const s = score(mutants);
  return `${label.padEnd(44)} ${s.percent.padStart(6)}%  (${s.killed} of ${s.total})`;
};
console.log(line("all mutants", all));
console.log(line("without string literals", all.filter((m) => m.mutatorName !== "StringLiteral")));
for (const [file, { mutants }] of Object.entries(report.files).sort()) console.log(line(`  ${file}`, mutants.filter((m) => m.mutatorName !== "StringLiteral")));

const files = Object.fromEntries(Object.entries(report.files).sort().map(([file, { mutants }]) => [file, score(mutants.filter((m) => m.mutatorName !== "StringLiteral"))]));
writeFileSync(
  "bench/results/mutation.json",
  `${JSON.stringify(
    {
      benchmark: "Stryker mutation score: app/domain/engine, money.ts and calendar.ts against test/domain (vitest.mutation.config.ts)",
      ranAt: new Date().toISOString(),
      machine: { cores: cpus().length, loadAverage1m: Number(loadavg()[0].toFixed(2)), node: process.version },
      target: { percentWithoutStringLiterals: 85, note: "string-literal mutants mostly change explanation words; static mutants are ignored (ignoreStatic)" },
      all: score(all),
      withoutStringLiterals: score(all.filter((m) => m.mutatorName !== "StringLiteral")),
      files,
    },
    null,
    2,
  )}\n`,
);
