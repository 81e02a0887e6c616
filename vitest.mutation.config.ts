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
  },
});
