import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Lints source text as if it lived at a given path, with the project's real ESLint config.
async function lintAs(filePath: string, code: string) {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

// The first lint loads ESLint and its plugins: on a busy two-core machine that alone took over 30 s.
describe("layer boundaries", { timeout: 120_000 }, () => {
  it("GIVEN app/domain WHEN a file imports @prisma/client THEN lint fails", async () => {
    const messages = await lintAs(
      "app/domain/leak.ts",
      'import { PrismaClient } from "@prisma/client";\nexport const client = PrismaClient;\n',
    );
    expect(messages).toEqual([expect.stringContaining("never touches the database")]);
  });

  it.each([
    ['import { json } from "@remix-run/node";', "framework-free"],
    ['import { shopifyApp } from "@shopify/shopify-app-remix/server";', "knows nothing of Shopify"],
    ['import db from "../db.server";', "never touches the database"],
    ['import { readFileSync } from "node:fs";', "no Node modules"],
    ['import { useState } from "react";', "framework-free"],
  ])("GIVEN app/domain WHEN a file has `%s` THEN lint fails", async (line, reason) => {
    const messages = await lintAs("app/domain/leak.ts", `${line}\nexport const x = 1;\n`);
    expect(messages.join("\n")).toContain(reason);
  });

  it("GIVEN app/domain WHEN a file imports zod, luxon and a sibling THEN lint passes", async () => {
    const messages = await lintAs(
      "app/domain/clean.ts",
      'import { DateTime } from "luxon";\nimport { z } from "zod";\nimport { x } from "./other";\nexport const y = [DateTime, z, x];\n',
    );
    expect(messages).toEqual([]);
  });

  it.each([
    ["app/platform/leak.server.ts", 'import { createDesk } from "../desk/actions.server";', "app/platform is the process's plumbing"],
    ["app/platform/leak.server.ts", 'import { customerContext } from "~/auth/customer-account.server";', "app/platform is the process's plumbing"],
    ["app/auth/leak.server.ts", 'import { deskContext } from "../desk/context.server";', "app/auth authenticates entries"],
    ["app/jobs/leak.server.ts", 'import { loader } from "../routes/app._index";', "app/jobs runs below the routes"],
    ["app/repositories/leak.server.ts", 'import { fetchReturn } from "../shopify/returns.server";', "app/repositories is the database floor"],
    ["app/shopify/leak.server.ts", 'import db from "../db.server";', "app/shopify is the gateway"],
  ])("GIVEN %s WHEN it has `%s` THEN lint fails", async (path, line, reason) => {
    const messages = await lintAs(path, `${line}\nexport const x = [];\n`);
    expect(messages.join("\n")).toContain(reason);
  });

  it("GIVEN app/platform and app/repositories WHEN they import what lies below them THEN lint passes", async () => {
    expect(await lintAs("app/platform/clean.server.ts", 'import { databaseTarget } from "./db-target";\nexport const x = [databaseTarget];\n')).toEqual([]);
    expect(await lintAs("app/repositories/clean.server.ts", 'import { logger } from "../platform/logger.server";\nimport { money } from "../domain/money";\nexport const x = [logger, money];\n')).toEqual([]);
  });

  it("GIVEN product code WHEN it imports from test/ THEN lint fails", async () => {
    const messages = await lintAs(
      "app/routes/app._index.tsx",
      'import { freshDatabase } from "../../test/support/databases";\nexport const f = freshDatabase;\n',
    );
    expect(messages).toEqual([expect.stringContaining("never imports from test/")]);
  });
});
