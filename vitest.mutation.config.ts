import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The domain tests alone, for mutation testing (stryker.config.json, `npm run mutation`): no
 * database, no browser, no global setup, and not the CLI test (a child process the mutants
 * cannot reach).
 */
export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  test: {
    include: ["test/domain/**/*.test.ts"],
    exclude: ["test/domain/cli.test.ts"],
    setupFiles: ["test/setup/fail-on-console-error.ts"],
    env: { NODE_ENV: "test", LOG_LEVEL: "silent", PROPERTY_RUNS_SCALE: "0.1" },
    testTimeout: 30_000,
    maxWorkers: 1,
    // MUTATION_SHARED_MODULES=1 keeps the modules loaded between mutant runs (isolate: false): on a
    // loaded machine most of each run is loading them again. Only for files without module-level
    // caches (app/domain/engine): a mutant of calendar.ts or money.ts could leave a wrong answer in
    // their memos for the next run to read.
    isolate: process.env.MUTATION_SHARED_MODULES !== "1",
  },
});
