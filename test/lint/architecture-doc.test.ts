import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";

import { describe, expect, it } from "vitest";

/**
 * The folders other engineers are creating now (the repair bench, messaging), named in
 * docs/architecture.md as where those capabilities go. Once their branches land the folders
 * exist and this list can be emptied.
 */
const BEING_BUILT = new Set(["app/repairs/", "app/messaging/"]);

/** Every path the document names in backticks (`app/desk/`, `app/jobs/money.server.ts`). */
function namedPaths(markdown: string): string[] {
  const paths = [...markdown.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]);
  return [...new Set(paths.filter((p) => /^(app|test|docs|extensions|prisma|scripts)(\/|$)/.test(p)))];
}

describe("docs/architecture.md", () => {
  const doc = readFileSync("docs/architecture.md", "utf8");

  it("GIVEN the architecture page WHEN its folders and files are checked THEN every one exists", () => {
    const named = namedPaths(doc);
    expect(named.length).toBeGreaterThan(20);
    const missing = named.filter((p) => {
      if (BEING_BUILT.has(p)) return false;
      if (!existsSync(p)) return true;
      return p.endsWith("/") ? !statSync(p).isDirectory() : false;
    });
    expect(missing).toEqual([]);
  });

  it("GIVEN a folder that does not exist WHEN named THEN it is reported", () => {
    const named = namedPaths("Holds `app/desk/` and `app/no-such-floor/`.");
    expect(named.filter((p) => !existsSync(p))).toEqual(["app/no-such-floor/"]);
  });

  it("GIVEN app/ WHEN its folders are listed THEN the page names each one", () => {
    const folders = readdirSync("app", { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    const unnamed = folders.filter((f) => !doc.includes(`\`app/${f}/\``));
    expect(unnamed).toEqual([]);
  });
});
