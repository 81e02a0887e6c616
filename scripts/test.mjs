// `npm test`: the whole suite, as CI runs it. Browser tests need Debian's Chromium and the
// production build, so both are made ready first; extra arguments go to vitest.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";

function run(command, args) {
  // Quiet on success (remix build's future-flag notices are noise here), everything on failure.
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    process.exit(result.status ?? 1);
  }
}

run(process.execPath, ["scripts/ensure-chromium.mjs"]);
run(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"]);

mkdirSync(".tmp", { recursive: true });
const vitest = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=.tmp/vitest-report.json",
    // Each file's seconds in .tmp/file-seconds.json: the table the sequencer starts the slowest from.
    "--reporter=./test/support/file-seconds-reporter.ts",
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);

try {
  const report = JSON.parse(readFileSync(".tmp/vitest-report.json", "utf8"));
  const skipped = report.numPendingTests + report.numTodoTests;
  // The plain closing line CI reads, whatever the runner.
  console.log(`\n${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
} catch {
  console.log("\n0 passed, 1 failed (vitest wrote no report)");
  process.exit(vitest.status || 1);
}
process.exit(vitest.status ?? 1);
