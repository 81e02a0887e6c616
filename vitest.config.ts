import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

import SlowestFirst from "./test/support/sequencer";

export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
    exclude: ["node_modules", "build", "test/artifacts", ".tmp"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/setup/fail-on-console-error.ts"],
    // The test app's own credentials: modules that read the environment at import (env.server)
    // see a complete, valid configuration. Tests that check boot failures spawn a process.
    env: {
      NODE_ENV: "test",
      SHOPIFY_API_KEY: "aftercare-test-key",
      SHOPIFY_API_SECRET: "aftercare-test-secret",
      SHOPIFY_APP_URL: "https://aftercare.test",
      SCOPES: "read_orders,write_returns",
      DATABASE_URL: "file:./.tmp/unused-by-tests.sqlite",
      LOG_LEVEL: "silent",
    },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: keep workers few so PostgreSQL and Chromium tests do not starve each other.
    maxWorkers: 2,
    // Browser and demo files first, longest first, so both workers finish together.
    sequence: { sequencer: SlowestFirst },
  },
});
