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
//
// A whole run can also be built up group of files by group into Stryker's own incremental file
// (stryker.config.json's, string literals included), each group resumable on its own:
//
//   npx stryker run --concurrency 1 --mutate app/domain/money.ts     (one group; repeat per group)
//   npx stryker run --concurrency 1 && npx tsx bench/mutation-score.ts --run "how it went, the load"
//
// The last, whole run reuses every result whose code and killing test are unchanged (Stryker
// keeps the files outside --mutate) and tests again each survivor a new test covers.
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

/**
 * Whether a module declares anything that runs (a function, a value, a class or an enum): one of
 * types alone (app/domain/engine/types.ts) gives Stryker nothing to mutate, and its report leaves
 * it out.
 */
const hasCode = (file: string) => /^(export\s+)?(default\s+)?(async\s+)?(function|const|let|var|class|enum)\b/m.test(readFileSync(file, "utf8"));

/** The files stryker.config.json mutates: its patterns are a folder's `**\/*.ts` or one file. */
function mutatedFiles(): string[] {
  return config.mutate
    .flatMap((pattern) => {
      if (pattern.endsWith("/**/*.ts")) return tsFilesUnder(pattern.slice(0, -"/**/*.ts".length));
      if (pattern.includes("*")) throw new Error(`mutation-score.ts reads only "<folder>/**/*.ts" or a file, not ${pattern}`);
      return [pattern];
    })
    .filter(hasCode)
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
  "app/domain/calendar.ts": {
    "23:9 ConditionalExpression: false": "the memo holds pure functions of their key: never reading it computes the same date again",
    "25:9 ConditionalExpression: true": "evicting the oldest entry before every insert only makes the memo forget; the date is computed again, the same",
    "25:9 ConditionalExpression: false": "never evicting only lets the memo grow past its bound (memory, not answers)",
    "25:9 EqualityOperator: entries.size > limit": "one entry more or less in a bounded memo of pure functions changes no answer",
    "25:9 EqualityOperator: entries.size < limit": "as above: which entries the memo keeps changes no answer",
    "25:32 CallExpression: ;": "not evicting (reached only past 4,096 distinct keys) lets the memo grow; no answer changes",
    "26:5 CallExpression: ;": "a memo that stores nothing computes every date again, the same",
    "35:42 ObjectLiteral: {}": "without setZone the instant is read in the process's zone, then moved to the shop's zone: the same instant, so the same local date",
    "35:53 BooleanLiteral: false": "as above: setZone only chooses the zone the instant is first shown in",
    '90:38 ArrayDeclaration: ["Stryker was here"]': "date-holidays' getHolidays returns an array (empty for a year it has none), never a falsy value",
  },
  "app/domain/money.ts": {
    '22:7 LogicalOperator: !currency && typeof currency !== "object"': "every value dinero.js/currencies exports is a currency object with an exponent (166 of them), so only a missing code is refused, either way",
    "22:20 ConditionalExpression: false": "as above: no currency the module exports is anything but an object",
    "185:11 BlockStatement: {}": "unreachable: the language is one Intl.Locale has just read and the region two letters, so Intl.Locale cannot throw there",
    "137:7 ConditionalExpression: true": "a format made again instead of read from the cache formats the same",
    "145:5 CallExpression: ;": "a format never cached is made again each time, the same",
    "155:7 ConditionalExpression: true": "the plain symbol worked out again instead of read from its cache is the same",
    "157:5 CallExpression: ;": "a plain symbol never cached is worked out again, the same",
    "166:11 BlockStatement: {}": "Intl given no locale uses the process's default, English (en-US) here, which formats as \"en\" does: equivalent on this machine, not on one whose default locale is another language",
    "180:11 BlockStatement: {}": "base already holds \"en\" when Intl.Locale refuses the language",
    "184:45 Regex: /[A-Za-z]{2}$/": "a country this lets through that the anchored pattern refuses (\"1GB\") is no region Intl accepts: it throws and the catch gives the bare language, as the guard does",
    "184:45 Regex: /^[A-Za-z]{2}/": "as above (\"GBR\")",
    "184:87 MethodExpression: country.toLowerCase()": "Intl.Locale writes a region in capitals whatever case it is given",
    "217:7 ConditionalExpression: false": "never below 0 units here: shareOfMinor returns early for none and clamps earlier refunds at 0, and floor(total × 0 ÷ whole) is 0",
  },
  "app/domain/engine/refund.ts": {
    "60:9 ConditionalExpression: true": "a line priced again instead of read from the per-decision cache is priced the same",
    "62:7 CallExpression: ;": "a line never cached is priced again each time, the same",
    '69:7 ArrayDeclaration: ["Stryker was here"]': "an entry that is not a discount has no id any line was discounted by, so it lowers no price",
    "78:9 ConditionalExpression: true": "a promotion no line carries is never looked up for a returned line (the line must carry it), so storing Infinity for it changes nothing",
    "102:7 ConditionalExpression: true": "with no discount that has a minimum spend the loop below checks none: only the subtotals are added up",
    "102:7 EqualityOperator: withMinimum.length >= 0": "as above",
  },
  "app/domain/engine/exchange.ts": {
    "54:20 EqualityOperator: delta >= 0": "inside `if (delta !== 0)`: delta is never 0 there",
    "68:123 EqualityOperator: a.variantId <= b.variantId": "differs only for two offers of one variant, and a variant is offered once",
    "75:7 EqualityOperator: net >= 0": "after `if (net === 0) return`: net is never 0 there",
  },
  "app/domain/engine/match.ts": {
    "6:7 ConditionalExpression: false": "a missing compare-at price reads as 0, never above a price paid (the scenario schema refuses negative prices)",
    "71:7 ConditionalExpression: true": "a matcher compiled again instead of read from the cache decides the same",
    "73:5 CallExpression: ;": "a matcher never cached is compiled again each time, the same",
  },
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
    "155:60 OptionalChaining: rule.allowance.key": "inside `if (rule.allowance && …)`: the allowance is there",
    "158:72 ConditionalExpression: true": "the set of services sharing the allowance never holds null, so a history entry without a service is not counted either way",
    "177:19 OptionalChaining: rule.photos": "an eligible service line has its rule (no rule blocks it), so `eligible && rule.photos` never reads a missing rule",
    "181:19 OptionalChaining: rule.liabilityAcknowledgement": "as above: an eligible service line has its rule",
    "203:90 OptionalChaining: rule.price": "as above: an eligible service line has its rule",
    "204:23 OptionalChaining: rule.turnaround": "as above: an eligible service line has its rule",
    "208:15 LogicalOperator: eligible || rule": "return shipping is read from eligible lines only",
    "211:14 LogicalOperator: eligible || rule": "postage rules are read from eligible lines only",
    "213:15 LogicalOperator: eligible || rule": "the way home of a refused line is decided before its outbound rule is read",
  },
  "app/domain/engine/shipping.ts": {
    "12:19 OptionalChaining: o.shipping.payer": "an eligible line always has its case's or service's return-shipping rule (the policy schema requires one)",
    "33:19 ConditionalExpression: false": "only a line whose own rule has the store pay (payer store) can repay postage, and with one the return shipping is the store's; the store's own courier is ruled out on its own",
    "34:44 OptionalChaining: o.shipping.payer": "as above: an eligible line always has a return-shipping rule",
    "36:27 OptionalChaining: o.postage.repaid": "the lines searched were kept for having a postage rule",
  },
  "app/domain/engine/money-back.ts": {
    '21:81 ArrayDeclaration: ["Stryker was here"]': "never reached: a line that offers money has case rules",
    "21:53 OptionalChaining: o.caseRules.resolutions": "the lines searched offer money, which only a line with case rules does",
    "25:7 ConditionalExpression: false": "the policy schema refuses a case that offers a refund or store credit without saying how money goes back (refund), so the first money line always has one",
    "48:46 OptionalChaining: o.caseRules.refundDelivery": "as 21:53: a money line has case rules",
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
  // Per file: the score, what the tests let through (survivors judged equivalent listed apart,
  // with why; still counted as survivors) and the timeouts counted as detected.
  const files = Object.fromEntries(
    Object.entries(report.files)
      .sort()
      .map(([file, { mutants }]) => {
        const survivors = listed(mutants, ["Survived", "NoCoverage"]);
        const why = (m: string) => EQUIVALENT[file]?.[m.replace(" (no coverage)", "")];
        return [file, { ...score(withoutStrings(mutants)), survivors: survivors.filter((m) => !why(m)), equivalent: Object.fromEntries(survivors.flatMap((m) => (why(m) ? [[m, why(m)]] : []))), timeouts: listed(mutants, ["Timeout"]) }];
      }),
  );
  writeFileSync(
    "bench/results/mutation.json",
    `${JSON.stringify(
      {
        benchmark: "Stryker mutation score: app/domain/engine, money.ts and calendar.ts against test/domain (vitest.mutation.config.ts)",
        ranAt: new Date().toISOString(),
        // How the run went, when it was resumed from Stryker's incremental file (--run "…").
        ...(argument("--run") ? { run: argument("--run") } : {}),
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
