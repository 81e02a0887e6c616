import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

import type { Reporter, TestModule } from "vitest/node";

/** Where a run leaves each file's seconds; copy it over test/support/file-seconds.json to refresh the order. */
export const MEASURED_SECONDS = join(process.cwd(), ".tmp", "file-seconds.json");

/**
 * Writes how long each file held its worker (import, setup files, hooks and tests), slowest
 * first, in seconds, for the sequencer's table (test/support/file-seconds.json). The JSON
 * reporter's per-file times leave out beforeAll, where the browser files start the demo.
 */
export default class FileSecondsReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const seconds = modules
      .map((module) => {
        const d = module.diagnostic();
        const held = d.prepareDuration + d.environmentSetupDuration + d.collectDuration + d.setupDuration + d.duration;
        return [relative(process.cwd(), module.moduleId).split("\\").join("/"), Math.round(held / 100) / 10] as const;
      })
      .sort((a, b) => b[1] - a[1]);
    mkdirSync(dirname(MEASURED_SECONDS), { recursive: true });
    writeFileSync(MEASURED_SECONDS, `${JSON.stringify(Object.fromEntries(seconds), null, 2)}\n`);
  }
}
