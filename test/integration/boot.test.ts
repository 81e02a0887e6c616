import { spawnSync } from "node:child_process";

import { describe, expect, it } from "vitest";

import { parseEnv } from "../../app/platform/env.server";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://aftercare.example",
  DATABASE_URL: "file:./prisma/dev.sqlite",
};

/** Boots the env module in a child process, as the server does, with exactly `vars`. */
function boot(vars: Record<string, string>) {
  const { PATH, HOME } = process.env;
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "-e", 'await import("./app/platform/env.server.ts"); console.log("booted")'],
    { env: { PATH, HOME, NODE_ENV: "production", ...vars }, encoding: "utf8", timeout: 30_000 },
  );
}

describe("boot-time environment", () => {
  it("GIVEN a complete environment THEN it parses, with SQLite as the default database", () => {
    const result = parseEnv({ ...valid, DATABASE_URL: undefined });
    expect(result).toMatchObject({ ok: true, env: { DATABASE_URL: "file:./prisma/dev.sqlite" } });
  });

  it.each(["https://{shop}", "http://{shop}.localhost:3001", "http://127.0.0.1:3001"])("GIVEN MAIL_STOREFRONT_ORIGIN %s THEN it parses (a template naming the shop, or one origin)", (origin) => {
    expect(parseEnv({ ...valid, MAIL_STOREFRONT_ORIGIN: origin })).toMatchObject({ ok: true, env: { MAIL_STOREFRONT_ORIGIN: origin } });
  });

  it.each([
    [{ SHOPIFY_API_SECRET: undefined }, "SHOPIFY_API_SECRET is required"],
    [{ DATABASE_URL: "mysql://db/aftercare" }, "DATABASE_URL"],
    [{ DATABASE_URL: "postgresql://" }, "DATABASE_URL"],
    [{ SHOPIFY_APP_URL: "not a url" }, "SHOPIFY_APP_URL"],
    [{ MAIL_STOREFRONT_ORIGIN: "{shop}" }, "MAIL_STOREFRONT_ORIGIN"],
    [{ MAIL_STOREFRONT_ORIGIN: "ftp://{shop}" }, "MAIL_STOREFRONT_ORIGIN"],
  ])("GIVEN %o THEN parsing names the variable", (override, expected) => {
    const result = parseEnv({ ...valid, ...override });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(expected);
  });

  it("GIVEN a missing SHOPIFY_API_SECRET WHEN the server boots THEN it stops with one line naming it", () => {
    const { SHOPIFY_API_SECRET: _omit, ...rest } = valid;
    const run = boot(rest);
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain("booted");
    expect(run.stderr.trim().split("\n")).toEqual([
      "Aftercare cannot start: SHOPIFY_API_SECRET is required",
    ]);
  });

  it("GIVEN a malformed DATABASE_URL WHEN the server boots THEN it stops with one line naming it", () => {
    const run = boot({ ...valid, DATABASE_URL: "postgres:/nohost" });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Aftercare cannot start: DATABASE_URL /);
  });

  it("GIVEN a valid environment WHEN the server boots THEN it starts", () => {
    const run = boot(valid);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("booted");
  });
});
