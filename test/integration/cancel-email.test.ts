import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy } from "../../app/domain";
import { createDesk } from "../../app/desk/actions.server";
import { runDueJobs, runTask, type JobDeps } from "../../app/jobs/worker.server";
import { createMailer } from "../../app/messaging/mailer.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createNotificationRepository } from "../../app/repositories/notifications.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import { adminClient } from "../../app/shopify/client.server";
import type { RunningStandin } from "../standin";
import { startMailSink, type CaughtMail, type MailSink } from "../standin/mail-sink";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

/**
 * A request cancelled at the desk (issue 26: "a request cancelled at the desk cancels its Shopify
 * return") is told to the shopper: one email through the messaging layer's durable `notify` job,
 * once per request, in the shopper's language (en, fr, ar), through a real SMTP server (the sink).
 */
const SECRET = "cancel-email-secret";
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe.each(testProviders())("the cancellation email on %s", (provider) => {
  let standin: RunningStandin;
  let database: TestDatabase;
  let sink: MailSink;

  beforeAll(async () => {
    [standin, database, sink] = await Promise.all([gatewayStandin(), freshDatabase(provider), startMailSink()]);
    await createShopRepository(database.db).recordInstall(SHOP, { name: "Gateway Jeweller", currency: "GBP", timezone: "Europe/London", country: "GB" });
  });
  afterAll(async () => {
    await standin?.close();
    await database?.dispose();
    await sink?.close();
  });

  const admin = () => adminClient(libraryGraphql(standin));
  const flow = () => createRequestFlow({ requests: createRequestRepository(database.db), policies: async () => ({ policy: presetPolicy("uk-jeweller"), versionId: "v-test" }), secret: SECRET, photos: { exists: async () => true }, orderLookups: { consume: async () => true } });
  const desk = () => createDesk({ requests: createRequestRepository(database.db), desk: createDeskRepository(database.db), operations: createOperationRepository(database.db), admin: admin(), staff: { id: "1", name: "Staff 1" }, timezone: "Europe/London", locale: "en-GB" });

  function jobDeps(): JobDeps {
    return {
      requests: createRequestRepository(database.db),
      operations: createOperationRepository(database.db),
      jobs: createJobRepository(database.db, provider),
      dataExports: createExportRepository(database.db),
      adminFor: async () => admin(),
      now: () => new Date(),
      messaging: { notifications: createNotificationRepository(database.db), shops: createShopRepository(database.db), mailer: createMailer({ url: sink.smtpUrl, from: "aftercare@mail.test", timeoutMs: 5_000 }), secret: SECRET, acceptanceLog: async (id) => sink.accepted(id) },
    };
  }
  /** The worker, as it runs: the sweep enqueues the outbox's new entries, then due jobs run. */
  async function work(): Promise<void> {
    const deps = jobDeps();
    await runTask(deps, "notify-sweep", new Date());
    for (let pass = 0; pass < 5; pass++) if (!(await runDueJobs(deps, { workerId: "test-worker", now: new Date() })).ran) break;
  }
  const to = (email: string): CaughtMail[] => sink.messages.filter((m) => m.to.includes(email));

  async function approvedReturn(email: string, firstName: string, locale: string) {
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email, firstName, lastName: "Kept" });
    const ring = addProduct(store, { title: "Signet ring", price: 12_000, productType: "Rings" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(6), deliveredAt: days(3) });
    const done = await flow().submit({ shop: SHOP, viewer: { type: "customer", customerId: customer.id }, admin: admin() }, { orderId: order.id, kind: "return", preferredResolution: "refund", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "changed_mind" }], idempotencyKey: `cancel-${email.replace(/\W/g, "")}-0123456789`, locale });
    expect(await desk().approve(SHOP, done.requestId)).toMatchObject({ ok: true });
    return done;
  }

  const CASES = [
    { locale: "en-GB", language: "en", dir: "ltr", name: "Oliver", subject: (n: number) => `Your request R-${n} is cancelled`, words: "has cancelled your request" },
    { locale: "fr-FR", language: "fr", dir: "ltr", name: "Élodie", subject: (n: number) => `Votre demande R-${n} est annulée`, words: "a annulé le" },
    { locale: "ar-AE", language: "ar", dir: "rtl", name: "ليلى", subject: (n: number) => `أُلغي طلبك R-${n}`, words: "ألغى" },
  ] as const;

  for (const c of CASES) {
    it(`GIVEN an approved return of a shopper writing in ${c.language} WHEN the desk cancels it THEN exactly one email tells them, in ${c.language}, even when the worker runs again and a second cancel is refused`, async () => {
      const email = `cancel.${c.language}@example.com`;
      const done = await approvedReturn(email, c.name, c.locale);
      await work();
      const before = to(email).length;

      expect(await desk().cancel(SHOP, done.requestId, { reason: "The shopper phoned: they keep the ring." })).toMatchObject({ ok: true });
      await work();
      await work();
      expect(await desk().cancel(SHOP, done.requestId, { reason: "Again." })).toMatchObject({ ok: false, status: 409 });
      await work();

      const mails = to(email).slice(before);
      expect(mails.map((m) => m.subject)).toEqual([c.subject(done.number)]);
      const [mail] = mails;
      expect(mail.language).toBe(c.language);
      expect(mail.html).toMatch(new RegExp(`<html lang="${c.language}" dir="${c.dir}"`));
      expect(mail.text).toContain(c.name);
      expect(mail.text).toContain(c.words);
      expect(mail.headers["x-aftercare-step"]).toBe("cancelled");
    });
  }
});
