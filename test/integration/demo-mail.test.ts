import { afterAll, describe, expect, it } from "vitest";

import { runDueJobs, runTask, type JobDeps } from "../../app/jobs/worker.server";
import { createMailer } from "../../app/messaging/mailer.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createNotificationRepository } from "../../app/repositories/notifications.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { adminClient } from "../../app/shopify/client.server";
import { standinAdmin } from "../../scripts/demo-desk";
import { appScopes, startDemo, type RunningDemo } from "../../scripts/demo-standin";
import { freePort } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/databases";

/**
 * The demo's mail (issue 27): `npm run demo` points the app and its worker at the stand-in's local
 * SMTP sink; once the worker has run, the sink holds the emails of the demo's requests, one per
 * step, and the stand-in's /mail page lists them. This runs the worker's own sweep and jobs
 * in-process against the demo, as scripts/worker.ts does beside `npm run demo`.
 */
describe("the demo's caught mail", () => {
  let database: TestDatabase;
  let demo: RunningDemo | undefined;
  afterAll(async () => {
    await demo?.close();
    await database?.dispose();
  });

  it("GIVEN the demo with its seeded requests WHEN the worker has run THEN its sink holds one email per request and step, each to the request's shopper, listed on the stand-in's /mail page", async () => {
    database = await freshDatabase("sqlite");
    demo = await startDemo({ apiKey: "mail-key", apiSecret: "mail-secret", appUrl: `http://127.0.0.1:${await freePort()}`, databaseUrl: database.url, seed: 11, presetShops: false });
    const shop = demo.shops[0].domain;
    const requests = createRequestRepository(database.db);
    const notifications = createNotificationRepository(database.db);
    const deps: JobDeps = {
      requests,
      operations: createOperationRepository(database.db),
      jobs: createJobRepository(database.db, "sqlite"),
      dataExports: createExportRepository(database.db),
      adminFor: async () => adminClient(standinAdmin(demo?.standin.origin ?? "", shop, demo?.standin.issueAccessToken(shop, appScopes()) ?? "")),
      messaging: { notifications, shops: createShopRepository(database.db), mailer: createMailer({ url: demo.mail.smtpUrl, from: "aftercare@demo.localhost" }), secret: "mail-secret", storefrontOrigin: demo.standin.origin, acceptanceLog: async (id) => demo?.mail.accepted(id) ?? null },
    };
    await runTask(deps, "notify-sweep", new Date());
    for (let pass = 0; pass < 50; pass++) if (!(await runDueJobs(deps, { workerId: "demo-worker", limit: 50 })).ran) break;

    const rows = await database.db.notification.findMany({ where: { shop } });
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.status !== "sent" && r.status !== "skipped")).toEqual([]);
    const sent = rows.filter((r) => r.status === "sent");
    expect(demo.mail.messages).toHaveLength(sent.length);
    for (const row of sent) {
      const request = await requests.find(shop, row.requestId);
      const caught = demo.mail.messages.filter((m) => m.messageId === row.messageId);
      expect(caught, `${row.step} of ${row.requestId}`).toHaveLength(1);
      expect(caught[0].to).toEqual([request?.customerEmail]);
      expect(caught[0].headers["x-aftercare-step"]).toBe(row.step);
    }
    // Every request the demo holds told its shopper it was received.
    const withEmail = (await database.db.aftercareRequest.findMany({ where: { shop, customerEmail: { not: null } }, select: { id: true } })).map((r) => r.id);
    expect(new Set(sent.filter((r) => r.step === "received").map((r) => r.requestId))).toEqual(new Set(withEmail));
    const page = await (await fetch(`${demo.standin.origin}/mail`)).text();
    expect(page).toContain(`${demo.mail.messages.length} message(s)`);
    expect(page).toContain(demo.mail.messages[0].subject.replace(/&/g, "&#38;"));
  }, 600_000);
});
