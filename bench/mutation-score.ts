// Summarises the mutation report Stryker writes (stryker.config.json): the score over all
// mutants, per file, and without string-literal mutants, most of which change only the words of
// an explanation (the issue's measure). Not run in CI.
//
//   npm run mutation     a whole run of every file, recorded in bench/results/mutation.json
//
// On a shared 2-core machine a whole run takes hours, so files are also measured one at a time:
//
//   npx stryker run stryker.by-file.config.mjs --concurrency 2 --mutate app/domain/engine/decide.ts \
//     --incrementalFile reports/mutation/decide.incremental.json
//   npx tsx bench/mutation-score.ts --by-file --run "what ran, when, and the load"
//
// Each file keeps its latest run in bench/results/mutation-by-file.json with when it ran, the
// load, Stryker's timeouts, the surviving mutants and a digest of the domain tests it ran
// against. Once every file Stryker mutates has a complete run, their sum is the overall figure,
// counted as a whole run counts it (the same `score`, string literals aside), and the file says
// which runs it sums and whether they all ran against the same tests. A run stopped part-way
// is recorded from its incremental file (--report) for the lines it finished (--lines 1-300),
// and is not summed.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";

type Mutant = {
  mutatorName: string;
  status: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
};
type Report = { files: Record<string, { mutants: Mutant[] }>; testFiles?: Record<string, { source?: string }> };
type Score = { killed: number; total: number; percent: string };

const DETECTED = new Set(["Killed", "Timeout"]);
const COUNTED = new Set(["Killed", "Timeout", "Survived", "NoCoverage"]);

function score(mutants: Mutant[]): Score {
  const counted = mutants.filter((m) => COUNTED.has(m.status));
  const killed = counted.filter((m) => DETECTED.has(m.status)).length;
  return { killed, total: counted.length, percent: percent(killed, counted.length) };
}

const percent = (killed: number, total: number) => (total ? ((killed / total) * 100).toFixed(1) : "n/a");
const withoutStrings = (mutants: Mutant[]) => mutants.filter((m) => m.mutatorName !== "StringLiteral");
const line = (label: string, s: Score) => `${label.padEnd(44)} ${s.percent.padStart(6)}%  (${s.killed} of ${s.total})`;

const config = JSON.parse(readFileSync("stryker.config.json", "utf8")) as { mutate: string[]; timeoutMS?: number; timeoutFactor?: number };
const report = JSON.parse(readFileSync(argument("--report") ?? "reports/mutation/mutation.json", "utf8")) as Report;
const machine = { cores: cpus().length, loadAverage1m: Number(loadavg()[0].toFixed(2)), node: process.version };
const timeouts = { timeoutMS: config.timeoutMS ?? 5000, timeoutFactor: config.timeoutFactor ?? 1.5 };
const TARGET = { percentWithoutStringLiterals: 85, note: "string-literal mutants mostly change explanation words; static mutants are ignored (ignoreStatic)" };

/** The .ts files under a folder, as paths from the project's root. */
const tsFilesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `${dir}/${f}`)
    .sort();

/** The files stryker.config.json mutates: its patterns are a folder's `**\/*.ts` or one file. */
function mutatedFiles(): string[] {
  return config.mutate
    .flatMap((pattern) => {
      if (pattern.endsWith("/**/*.ts")) return tsFilesUnder(pattern.slice(0, -"/**/*.ts".length));
      if (pattern.includes("*")) throw new Error(`mutation-score.ts reads only "<folder>/**/*.ts" or a file, not ${pattern}`);
      return [pattern];
    })
    .sort();
}

/**
 * The domain tests the mutants ran against, as Stryker's report holds them (each test file's
 * source), so runs of different files can be told apart.
 */
function testsDigest(): string {
  const hash = createHash("sha256");
  for (const [file, { source }] of Object.entries(report.testFiles ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(file).update(source ?? "");
  return hash.digest("hex").slice(0, 12);
}

/**
 * Survivors read and judged equivalent: no input the scenario schema accepts tells them from the
 * code (file, then "line:column mutator: replacement" as listed). They stay counted as survivors;
 * the record says why each was left. Those of the engine were found in decide.ts before it was
 * split by what it decides (issue 23); each now sits where its line went.
 */
const EQUIVALENT: Record<string, Record<string, string>> = {
  "app/domain/engine/decide.ts": {
    "30:11 ConditionalExpression: true": "the window memo recomputes a pure function of the same rule: same date",
    "35:56 EqualityOperator: a.lineId <= b.lineId": "differs only for two request lines with one id, which the scenario schema refuses",
    "35:83 ConditionalExpression: true": "the comparator's 1 and 0 for a later id sort alike: Array.prototype.sort in V8 only asks whether the result is below 0",
    "35:83 ConditionalExpression: false": "as above: 0 and 1 for a later id sort alike",
    "35:83 EqualityOperator: a.lineId >= b.lineId": "as above, and ids are unique",
    "35:83 EqualityOperator: a.lineId <= b.lineId": "as above, and ids are unique",
    "55:20 MethodExpression: outcomes": "every part of an outcome read from the eligible list (return shipping, postage, case rules, requirements) is null or empty for a refused line",
    '61:104 ArrayDeclaration: ["Stryker was here"]': "the set of refunded lines is only asked about real line ids",
  },
  "app/domain/engine/checks.ts": {
    "19:10 ConditionalExpression: false": "an entry with detail: undefined prints as one without (JSON drops it; toEqual ignores it)",
    "64:7 ConditionalExpression: false": "a null cause is in no list of causes, so not returning early blocks nothing",
  },
  "app/domain/engine/lines.ts": {
    "70:43 ConditionalExpression: true": "a case that is not offered is always blocked (not_applicable), so blockers are never empty without offered rules",
    "153:60 OptionalChaining: rule.allowance.key": "inside `if (rule.allowance && …)`: the allowance is there",
    "156:72 ConditionalExpression: true": "the set of services sharing the allowance never holds null, so a history entry without a service is not counted either way",
    "172:19 OptionalChaining: rule.photos": "an eligible service line has its rule (no rule blocks it), so `eligible && rule.photos` never reads a missing rule",
    "176:19 OptionalChaining: rule.liabilityAcknowledgement": "as above: an eligible service line has its rule",
    "198:23 OptionalChaining: rule.price": "as above: an eligible service line has its rule",
    "199:23 OptionalChaining: rule.turnaround": "as above: an eligible service line has its rule",
    "203:15 LogicalOperator: eligible || rule": "return shipping is read from eligible lines only",
    "206:14 LogicalOperator: eligible || rule": "postage rules are read from eligible lines only",
    "208:15 LogicalOperator: eligible || rule": "the way home of a refused line is decided before its outbound rule is read",
  },
  "app/domain/engine/shipping.ts": {
    "12:19 OptionalChaining: o.shipping.payer": "an eligible line always has its case's or service's return-shipping rule (the policy schema requires one)",
    "33:19 ConditionalExpression: false": "only a line whose own rule has the store pay (payer store) can repay postage, and with one the return shipping is the store's; the store's own courier is ruled out on its own",
    "34:44 OptionalChaining: o.shipping.payer": "as above: an eligible line always has a return-shipping rule",
    "36:27 OptionalChaining: o.postage.repaid": "the lines searched were kept for having a postage rule",
  },
  "app/domain/engine/money-back.ts": {
    '21:81 ArrayDeclaration: ["Stryker was here"]': "never reached: a line that offers money has case rules",
  },
};

/** Mutants of these statuses (string literals aside), where they are and what they change. */
function listed(mutants: Mutant[], statuses: string[]) {
  return withoutStrings(mutants)
    .filter((m) => statuses.includes(m.status))
    .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)
    .map((m) => `${m.location.start.line}:${m.location.start.column} ${m.mutatorName}${m.status === "NoCoverage" ? " (no coverage)" : ""}: ${(m.replacement ?? "").replace(/\s+/g, " ").slice(0, 90)}`);
}

const all = Object.values(report.files).flatMap((f) => f.mutants);
console.log(line("all mutants", score(all)));
console.log(line("without string literals", score(withoutStrings(all))));
for (const [file, { mutants }] of Object.entries(report.files).sort()) console.log(line(`  ${file}`, score(withoutStrings(mutants))));

if (process.argv.includes("--by-file")) recordByFile();
else recordWholeRun();

function recordWholeRun() {
  const files = Object.fromEntries(Object.entries(report.files).sort().map(([file, { mutants }]) => [file, score(withoutStrings(mutants))]));
  writeFileSync(
    "bench/results/mutation.json",
    `${JSON.stringify(
      {
        benchmark: "Stryker mutation score: app/domain/engine, money.ts and calendar.ts against test/domain (vitest.mutation.config.ts)",
        ranAt: new Date().toISOString(),
        machine,
        ...timeouts,
        testsDigest: testsDigest(),
        target: TARGET,
        all: score(all),
        withoutStringLiterals: score(withoutStrings(all)),
        files,
      },
      null,
      2,
    )}\n`,
  );
}

type FileRecord = {
  withoutStringLiterals: Score;
  /** Set when the run stopped before the end: the record covers the mutants of these lines only. */
  lines?: string;
  ranAt: string;
  run: string;
  loadAverage1m: number;
  timeoutMS: number;
  timeoutFactor: number;
  testsDigest: string;
  /** What the tests let through. */
  survivors: string[];
  /** Survivors judged equivalent, with why (EQUIVALENT); still counted as survivors. */
  equivalent: Record<string, string>;
  /** Counted as detected: a run that outlasted the timeout, which on a loaded machine can be slowness rather than a loop. */
  timeouts: string[];
};

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

function recordByFile() {
  const run = argument("--run");
  if (!run) throw new Error('say what ran: --run "npx stryker run stryker.by-file.config.mjs --concurrency 1 --mutate …, load …"');
  // --lines 1-300: a run stopped part-way (its incremental file as --report) counts only the
  // mutants of the lines it finished, and says so; such a record is not summed below.
  const lines = argument("--lines");
  const [first, last] = lines ? lines.split("-").map(Number) : [1, Number.POSITIVE_INFINITY];
  const within = (m: Mutant) => m.location.start.line >= first && m.location.start.line <= last;
  const path = "bench/results/mutation-by-file.json";
  type Earlier = { note: string; files: Record<string, { withoutStringLiterals: Score; source: string }> };
  const previous = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as { files?: Record<string, FileRecord>; earlier?: Earlier }) : {};
  // Records of an older layout (no testsDigest) are not carried over: their tests are unknown.
  const files: Record<string, FileRecord> = Object.fromEntries(Object.entries(previous.files ?? {}).filter(([, r]) => typeof r.testsDigest === "string"));
  const ranAt = new Date().toISOString();
  const digest = testsDigest();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const measured = withoutStrings(mutants).filter(within);
    const survivors = listed(measured, ["Survived", "NoCoverage"]);
    const why = (m: string) => EQUIVALENT[file]?.[m.replace(" (no coverage)", "")];
    files[file] = { withoutStringLiterals: score(measured), ...(lines ? { lines } : {}), ranAt, run, loadAverage1m: machine.loadAverage1m, ...timeouts, testsDigest: digest, survivors, equivalent: Object.fromEntries(survivors.flatMap((m) => (why(m) ? [[m, why(m)]] : []))), timeouts: listed(measured, ["Timeout"]) };
  }
  const mutated = mutatedFiles();
  const complete = mutated.filter((file) => files[file] && !files[file].lines);
  const missing = mutated.filter((file) => !complete.includes(file));
  const killed = complete.reduce((n, f) => n + files[f].withoutStringLiterals.killed, 0);
  const total = complete.reduce((n, f) => n + files[f].withoutStringLiterals.total, 0);
  const digests = [...new Set(complete.map((f) => files[f].testsDigest))];
  // Every file, from this session's complete run where there is one, else from an earlier run
  // (previous.earlier, which says where each figure comes from): a lower bound of the whole.
  const sourced = mutated.map((f) =>
    complete.includes(f)
      ? { file: f, from: `this session's run, ${files[f].ranAt}, tests ${files[f].testsDigest}`, score: files[f].withoutStringLiterals }
      : previous.earlier?.files[f]
        ? { file: f, from: `earlier: ${previous.earlier.files[f].source}`, score: previous.earlier.files[f].withoutStringLiterals }
        : { file: f, from: "not measured", score: null },
  );
  const everyFile = sourced.every((s) => s.score)
    ? (() => {
        const k = sourced.reduce((n, s) => n + (s.score?.killed ?? 0), 0);
        const t = sourced.reduce((n, s) => n + (s.score?.total ?? 0), 0);
        return {
          note: "every file Stryker mutates, each from the run named: where that is an earlier run, with fewer tests, its figure is a lower bound, so this sum is a lower bound of what one whole run of today's tests would count",
          runs: Object.fromEntries(sourced.map((s) => [s.file, s.from])),
          withoutStringLiterals: { killed: k, total: t, percent: percent(k, t) },
        };
      })()
    : { note: `not every file has a figure: ${sourced.filter((s) => !s.score).map((s) => s.file).join(", ")}` };
  writeFileSync(
    path,
    `${JSON.stringify(
      {
        benchmark:
          "Stryker mutation score per file, string literals aside: each file run alone (npx stryker run stryker.by-file.config.mjs --mutate <file>, which does not make string-literal mutants) against test/domain (vitest.mutation.config.ts); see bench/mutation-score.ts",
        updatedAt: ranAt,
        machine: { cores: machine.cores, node: machine.node },
        target: TARGET,
        combined: {
          covers: missing.length === 0 ? "every file stryker.config.json mutates" : `NOT every file: ${missing.map((f) => (files[f] ? `${f} (lines ${files[f].lines} only)` : f)).join(", ")} not measured to the end; the sum below is of the other files only`,
          sameTests: digests.length <= 1,
          note:
            digests.length <= 1
              ? "the files summed ran against the same domain tests (one testsDigest), so the sum counts what a whole run of these tests would, up to timing"
              : `the files summed ran against ${digests.length} versions of the domain tests (testsDigest per file); tests were only added between runs, so a file measured earlier is a lower bound`,
          runs: Object.fromEntries(complete.map((f) => [f, `${files[f].ranAt} tests ${files[f].testsDigest}`])),
          withoutStringLiterals: { killed, total, percent: percent(killed, total) },
        },
        everyFile,
        files: Object.fromEntries(Object.entries(files).sort()),
        ...(previous.earlier ? { earlier: previous.earlier } : {}),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`recorded ${Object.keys(report.files).join(", ")}${lines ? ` (lines ${lines})` : ""} in ${path}; summed over ${complete.length} of ${mutated.length} files: ${percent(killed, total)}%`);
}
