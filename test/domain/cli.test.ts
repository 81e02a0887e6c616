import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

const SAMPLES = join(process.cwd(), "test", "fixtures", "policy-samples");

function policyCli(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/policy.ts", ...args], { encoding: "utf8", timeout: 60_000 });
}

describe("policy CLI", () => {
  it("GIVEN a folder THEN it prints one decision per file, sorted by file name", () => {
    const run = policyCli("evaluate", `${SAMPLES}/`);
    expect(run.status).toBe(0);
    const decisions = JSON.parse(run.stdout) as { scenario: string }[];
    expect(decisions.map((d) => d.scenario)).toEqual([...decisions.map((d) => d.scenario)].sort());
    expect(decisions).toHaveLength(readdirSync(SAMPLES).filter((name) => name.endsWith(".json")).length);
  });

  it("GIVEN a UK faulty return posted with proof THEN it prints the postage repaid, the way home and each line's send-back and alternative", () => {
    const run = policyCli("evaluate", join(SAMPLES, "r3-uk-faulty-posted-with-proof.json"));
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      refund: { postage: "6.50", total: "96.45" },
      outboundShipping: "none",
      lines: [{ lineId: "L1", sendBack: false, alternative: null }],
    });
  });

  it("GIVEN one file THEN it prints one decision", () => {
    const run = policyCli("evaluate", join(SAMPLES, "uk-earrings-faulty-on-arrival.json"));
    expect(JSON.parse(run.stdout)).toMatchObject({ scenario: "uk-earrings-faulty-on-arrival", refund: { total: "89.95" } });
  });

  type Json = { preset: string; shop?: unknown; request: { lines: { reason: string }[] } };
  it.each([
    [(s: Json) => (s.request.lines[0].reason = "bored"), /request\.lines\.0\.reason/],
    [(s: Json) => (s.preset = "nope"), /unknown preset "nope"/],
    [(s: Json) => delete s.shop, /shop/],
  ])("GIVEN a malformed scenario THEN it exits 2 with one line naming the field (%#)", (mutate, pattern) => {
    const scenario = JSON.parse(readFileSync(join(SAMPLES, "uk-bangle-change-of-mind-day-20.json"), "utf8"));
    mutate(scenario);
    const file = join(mkdtempSync(join(tmpdir(), "aftercare-cli-")), "bad.json");
    writeFileSync(file, JSON.stringify(scenario));
    const run = policyCli("evaluate", file);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });
});
