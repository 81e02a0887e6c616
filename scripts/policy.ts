// The policy CLI (shared/evaluation/CONTRACT.md):
//   npm run --silent policy -- evaluate path/to/scenario.json   one decision on stdout
//   npm run --silent policy -- evaluate path/to/dir/            a JSON array, sorted by file name
// Exit 2 with one line on stderr for a scenario that does not parse or names an unknown preset.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { evaluateScenario, ScenarioError } from "../app/domain";

function fail(message: string, code = 2): never {
  process.stderr.write(`${message.replace(/\s+/g, " ").trim()}\n`);
  process.exit(code);
}

function evaluateFile(file: string) {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    fail(`${file}: not valid JSON (${(error as Error).message})`);
  }
  try {
    return evaluateScenario(input);
  } catch (error) {
    if (error instanceof ScenarioError) fail(`${file}: ${error.message}`);
    throw error;
  }
}

const [command, target, ...rest] = process.argv.slice(2);
if (command !== "evaluate" || !target || rest.length > 0) {
  fail("usage: npm run --silent policy -- evaluate FILE.json|DIR/");
}

let stats;
try {
  stats = statSync(target);
} catch {
  fail(`${target}: no such file or directory`);
}

const output = stats.isDirectory()
  ? readdirSync(target)
      .filter((name) => name.endsWith(".json"))
      .sort()
      .map((name) => evaluateFile(join(target, name)))
  : evaluateFile(target);

process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
