/**
 * Where the data lives, decided from DATABASE_URL alone. Shared by the Prisma CLI config, the
 * app's client and the tests so the three can never disagree.
 *
 * @example
 * databaseTarget("file:./prisma/dev.sqlite").provider // "sqlite"
 * databaseTarget("postgresql://postgres@127.0.0.1:5432/aftercare").provider // "postgresql"
 */
export type DatabaseTarget = {
  provider: "sqlite" | "postgresql";
  url: string;
  schemaPath: string;
  migrationsPath: string;
};

export const DEFAULT_DATABASE_URL = "file:./prisma/dev.sqlite";

export function databaseTarget(rawUrl: string | undefined): DatabaseTarget {
  const url = rawUrl === undefined || rawUrl === "" ? DEFAULT_DATABASE_URL : rawUrl;
  if (url.startsWith("file:")) {
    if (url.length === "file:".length) throw new Error(`DATABASE_URL "${url}" names no SQLite file`);
    return {
      provider: "sqlite",
      url,
      schemaPath: "prisma/schema.prisma",
      migrationsPath: "prisma/migrations",
    };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      const parsed = new URL(url);
      if (!parsed.hostname) throw new Error("no host");
    } catch {
      throw new Error(`DATABASE_URL "${redact(url)}" is not a valid PostgreSQL URL`);
    }
    return {
      provider: "postgresql",
      url,
      schemaPath: "prisma/postgres/schema.prisma",
      migrationsPath: "prisma/postgres/migrations",
    };
  }
  throw new Error(
    `DATABASE_URL "${redact(url)}" must start with file: (SQLite) or postgresql:// (PostgreSQL)`,
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
}
