// Loaded into the app's server process by `npm run bench:vitals` (NODE_OPTIONS=--import) to see
// where a page's server time goes, without touching the app: every SQL statement SQLite runs
// (better-sqlite3 as the Prisma adapter loads it, timed around the synchronous call) and every
// fetch the process makes (the Admin API calls to the stand-in, timed to the end of the body),
// one JSON line each in BENCH_TRACE_FILE: { at (epoch ms), kind, what, ms }. Off until the bench
// sends SIGUSR2, which switches it on and off, so the measured loads run without it.
import { appendFileSync } from "node:fs";
import { createRequire } from "node:module";

const file = process.env.BENCH_TRACE_FILE;
if (file) {
  let on = false;
  process.on("SIGUSR2", () => (on = !on));
  const log = (kind, what, startedAt, ms) => on && appendFileSync(file, `${JSON.stringify({ at: Number(startedAt.toFixed(2)), kind, what, ms: Number(ms.toFixed(3)) })}\n`);
  const epoch = () => performance.timeOrigin + performance.now();

  const require = createRequire(import.meta.url);
  const Sqlite = createRequire(require.resolve("@prisma/adapter-better-sqlite3"))("better-sqlite3");
  const probe = new Sqlite(":memory:");
  const Statement = Object.getPrototypeOf(probe.prepare("select 1"));
  probe.close();
  for (const method of ["run", "all", "get", "iterate"]) {
    const original = Statement[method];
    Statement[method] = function (...args) {
      const startedAt = epoch();
      try {
        return original.apply(this, args);
      } finally {
        log("sql", this.source.replace(/\s+/g, " ").slice(0, 400), startedAt, epoch() - startedAt);
      }
    };
  }

  const realFetch = globalThis.fetch;
  globalThis.fetch = async function (input, init) {
    if (!on) return realFetch(input, init);
    const startedAt = epoch();
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    let what = url;
    const body = init?.body;
    if (typeof body === "string") {
      const operation = /\b(query|mutation)\s+(\w+)/.exec(body);
      if (operation) what = `${url.replace(/^https?:\/\/[^/]+/, "")} ${operation[1]} ${operation[2]}`;
    }
    const response = await realFetch(input, init);
    const copy = response.clone();
    void copy.arrayBuffer().then(() => log("fetch", what, startedAt, epoch() - startedAt), () => log("fetch", `${what} (body failed)`, startedAt, epoch() - startedAt));
    return response;
  };
}
