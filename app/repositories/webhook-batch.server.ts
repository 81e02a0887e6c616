import { randomUUID } from "node:crypto";

import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";

/**
 * The webhook intake's batch write, with the database driver itself rather than Prisma: the one
 * path that runs hundreds of times a second (docs/decisions/011-webhook-fast-path.md). Per
 * delivery its dedupe row (unique shop + event id) and, only when that row is new, its job; the
 * whole batch in one transaction. Outcomes come back in the batch's order: "accepted",
 * "duplicate" (the shop's event id was accepted before, or earlier in this batch) or
 * "unknown-shop" (the shop never installed the app: nothing stored).
 */

/** One webhook delivery to record: its dedupe row (shop, event id) and the job that does its work. */
export type WebhookIntake = { shop: string; event: { topic: string; eventId: string; webhookId: string | null }; job: { kind: string; payload: unknown } };
export type WebhookIntakeOutcome = "accepted" | "duplicate" | "unknown-shop";

export type AcceptedDelivery = { index: number; item: WebhookIntake; eventRowId: string };

/** The first delivery of each (shop, event id) in the batch; the later ones are its duplicates. */
function firstOccurrences(batch: WebhookIntake[]): { index: number; item: WebhookIntake }[] {
  const seen = new Set<string>();
  const firsts: { index: number; item: WebhookIntake }[] = [];
  batch.forEach((item, index) => {
    const key = `${item.shop}\u0000${item.event.eventId}`;
    if (seen.has(key)) return;
    seen.add(key);
    firsts.push({ index, item });
  });
  return firsts;
}

/** Prisma's SQLite adapter stores a DateTime as ISO 8601 with an explicit offset; so do we. */
const sqliteDate = (at: Date) => at.toISOString().replace("Z", "+00:00");

type SqliteStatements = { event: BetterSqlite3.Statement; job: BetterSqlite3.Statement; shop: BetterSqlite3.Statement; write: BetterSqlite3.Transaction<(batch: WebhookIntake[], at: string) => WebhookIntakeOutcome[]> };
const sqliteStatements = new WeakMap<BetterSqlite3.Database, SqliteStatements>();

function statementsFor(sqlite: BetterSqlite3.Database): SqliteStatements {
  const cached = sqliteStatements.get(sqlite);
  if (cached) return cached;
  const event = sqlite.prepare(
    `INSERT INTO "WebhookEvent" ("id", "shop", "topic", "eventId", "webhookId", "receivedAt")
     SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM "Shop" WHERE "domain" = ?)
     ON CONFLICT ("shop", "eventId") DO NOTHING`,
  );
  const job = sqlite.prepare(`INSERT INTO "Job" ("id", "shop", "kind", "payloadJson", "runAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`);
  const shop = sqlite.prepare(`SELECT 1 FROM "Shop" WHERE "domain" = ?`).pluck();
  const write = sqlite.transaction((batch: WebhookIntake[], at: string): WebhookIntakeOutcome[] => {
    const outcomes: WebhookIntakeOutcome[] = batch.map(() => "duplicate");
    const known = new Map<string, boolean>();
    const isKnown = (domain: string): boolean => {
      if (!known.has(domain)) known.set(domain, shop.get(domain) !== undefined);
      return known.get(domain) === true;
    };
    for (const { index, item } of firstOccurrences(batch)) {
      const { changes } = event.run(randomUUID(), item.shop, item.event.topic, item.event.eventId, item.event.webhookId, at, item.shop);
      if (changes === 1) {
        job.run(randomUUID(), item.shop, item.job.kind, JSON.stringify(item.job.payload), at, at);
        outcomes[index] = "accepted";
      } else if (!isKnown(item.shop)) {
        outcomes[index] = "unknown-shop";
      }
    }
    // A later delivery of an event in this batch shares its first's fate when the shop is unknown.
    batch.forEach((item, index) => {
      if (outcomes[index] === "duplicate" && known.get(item.shop) === false) outcomes[index] = "unknown-shop";
    });
    return outcomes;
  });
  const made = { event, job, shop, write };
  sqliteStatements.set(sqlite, made);
  return made;
}

/** How long a batch waits for SQLite's write lock (held by another process or connection) before it fails. */
const SQLITE_LOCK_WAIT_MS = 10_000;

/**
 * SQLite: prepared statements in one synchronous `BEGIN IMMEDIATE` transaction (a batch of 50 is
 * well under a millisecond). The connection never waits for the write lock inside SQLite, which
 * would stop the event loop; when the lock is taken the batch waits a few milliseconds without
 * blocking and tries again, for up to 10 s, then fails (its deliveries are answered 500).
 */
export async function acceptWebhookBatchSqlite(sqlite: BetterSqlite3.Database, batch: WebhookIntake[]): Promise<WebhookIntakeOutcome[]> {
  const { write } = statementsFor(sqlite);
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (let pause = 1; ; pause = Math.min(pause * 2, 25)) {
    try {
      return write.immediate(batch, sqliteDate(new Date()));
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() + pause > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * PostgreSQL: the batch's dedupe rows in one statement (`ON CONFLICT DO NOTHING RETURNING`), on a
 * client inside the caller's transaction; the caller writes the accepted deliveries' jobs (the Job
 * table, or pg-boss's) in the same transaction. A shop is looked up only when some delivery was not
 * inserted (a duplicate, or a shop that never installed).
 */
export async function recordWebhookEvents(client: pg.ClientBase, batch: WebhookIntake[]): Promise<{ outcomes: WebhookIntakeOutcome[]; accepted: AcceptedDelivery[] }> {
  const outcomes: WebhookIntakeOutcome[] = batch.map(() => "duplicate");
  const candidates = firstOccurrences(batch).map(({ index, item }) => ({ index, item, eventRowId: randomUUID() }));
  if (!candidates.length) return { outcomes, accepted: [] };
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "WebhookEvent" ("id", "shop", "topic", "eventId", "webhookId", "receivedAt")
     SELECT e.id, e.shop, e.topic, e.event_id, e.webhook_id, (now() AT TIME ZONE 'UTC')
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS e(id, shop, topic, event_id, webhook_id)
     WHERE EXISTS (SELECT 1 FROM "Shop" s WHERE s."domain" = e.shop)
     ON CONFLICT ("shop", "eventId") DO NOTHING
     RETURNING "id"`,
    [candidates.map((c) => c.eventRowId), candidates.map((c) => c.item.shop), candidates.map((c) => c.item.event.topic), candidates.map((c) => c.item.event.eventId), candidates.map((c) => c.item.event.webhookId)],
  );
  const inserted = new Set(rows.map((row) => row.id));
  const accepted = candidates.filter((c) => inserted.has(c.eventRowId));
  for (const { index } of accepted) outcomes[index] = "accepted";
  const missed = [...new Set(batch.filter((_, index) => outcomes[index] !== "accepted").map((item) => item.shop))];
  if (missed.length) {
    const known = new Set((await client.query<{ domain: string }>(`SELECT "domain" FROM "Shop" WHERE "domain" = ANY($1::text[])`, [missed])).rows.map((row) => row.domain));
    batch.forEach((item, index) => {
      if (outcomes[index] !== "accepted" && !known.has(item.shop)) outcomes[index] = "unknown-shop";
    });
  }
  return { outcomes, accepted };
}

/** `work` in one transaction on a client of `pool`: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // While checked out the pool does not listen to the client: a connection the server ends between
  // two statements is an 'error' event that would otherwise be an uncaught exception. The failure
  // itself reaches `work` as its next statement's rejection.
  let lost: Error | null = null;
  const onError = (error: Error) => void (lost ??= error);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    lost ??= error as Error;
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.removeListener("error", onError);
    // A client that failed goes, rather than back to the pool for the next batch to find broken.
    client.release(lost ?? undefined);
  }
}

/** PostgreSQL with the `Job` table as the queue (the table engine on PostgreSQL): events and their jobs. */
export function acceptWebhookBatchPostgres(pool: pg.Pool, batch: WebhookIntake[]): Promise<WebhookIntakeOutcome[]> {
  return inTransaction(pool, async (client) => {
    const { outcomes, accepted } = await recordWebhookEvents(client, batch);
    if (accepted.length) {
      await client.query(
        `INSERT INTO "Job" ("id", "shop", "kind", "payloadJson", "runAt", "createdAt")
         SELECT j.id, j.shop, j.kind, j.payload, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS j(id, shop, kind, payload)`,
        [accepted.map(() => randomUUID()), accepted.map((a) => a.item.shop), accepted.map((a) => a.item.job.kind), accepted.map((a) => JSON.stringify(a.item.job.payload))],
      );
    }
    return outcomes;
  });
}
