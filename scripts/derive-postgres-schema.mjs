// Writes prisma/postgres/schema.prisma from prisma/schema.prisma. Prisma fixes a client's provider
// when it generates it, so SQLite (embedded default) and PostgreSQL (production) each get their
// own generated client from one model definition. `--check` exits 1 when the file is stale.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("..", import.meta.url);
const source = fileURLToPath(new URL("prisma/schema.prisma", root));
const target = fileURLToPath(new URL("prisma/postgres/schema.prisma", root));

export function derivePostgresSchema(text) {
  const derived = text
    .replace(
      /^\/\/ The single source of truth[\s\S]*?drift\.\n/m,
      "// GENERATED from prisma/schema.prisma by `npm run db:schemas`. Do not edit.\n",
    )
    .replace('provider        = "prisma-client-js"\n', 'provider        = "prisma-client-js"\n  output          = "../../node_modules/@aftercare/prisma-postgres"\n')
    .replace(/datasource db \{[\s\S]*?\n\}/, 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}');
  if (derived === text || !derived.includes('provider = "postgresql"') || !derived.includes("@aftercare/prisma-postgres")) {
    throw new Error("derive-postgres-schema: prisma/schema.prisma no longer has the expected generator/datasource blocks");
  }
  return derived;
}

const expected = derivePostgresSchema(readFileSync(source, "utf8"));
if (process.argv.includes("--check")) {
  const actual = existsSync(target) ? readFileSync(target, "utf8") : "";
  if (actual !== expected) {
    console.error("prisma/postgres/schema.prisma is stale: run `npm run db:schemas`.");
    process.exit(1);
  }
} else {
  writeFileSync(target, expected);
}
