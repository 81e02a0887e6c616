import { readFileSync } from "node:fs";
import { join, relative } from "node:path";

import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Slowest files first, so the two workers finish together instead of one running a two-minute
 * browser file alone at the end. A fresh clone has no vitest cache, so the order comes from the
 * seconds each file took in a measured full run (test/support/file-seconds.json); a file not
 * measured yet is weighed by what it starts: the demo app and a browser, the demo alone, or
 * neither. The order changes when files start, never what any of them asserts.
 */
export const FILE_SECONDS = join(process.cwd(), "test", "support", "file-seconds.json");

export function estimateSeconds(source: string): number {
  if (/\bstartDemoApp\(|\blaunchBrowser\(/.test(source)) return 60;
  if (/\buseDemoDesk\(|\bstartDemo\(|\bensureExtensionsBuilt\(|\bstartBuiltApp\(/.test(source)) return 20;
  return Math.min(10, source.length / 4_000);
}

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    let measured: Record<string, number> = {};
    try {
      measured = JSON.parse(readFileSync(FILE_SECONDS, "utf8")) as Record<string, number>;
    } catch {
      // no table: every file is estimated
    }
    const seconds = new Map<TestSpecification, number>();
    for (const file of files) {
      const key = relative(process.cwd(), file.moduleId).split("\\").join("/");
      seconds.set(file, measured[key] ?? estimateSeconds(readFileSync(file.moduleId, "utf8")));
    }
    return [...files].sort((a, b) => seconds.get(b)! - seconds.get(a)! || a.moduleId.localeCompare(b.moduleId));
  }
}
