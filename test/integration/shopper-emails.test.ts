import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { presetPolicy, type PresetName } from "../../app/domain";
import { formatMoneyIn } from "../../app/domain/money";
import { failedJobLabel } from "../../app/desk/views.server";
import { createDesk } from "../../app/desk/actions.server";
import { createTableQueue, DEFAULT_QUEUE_OPTIONS } from "../../app/jobs/queue.server";
import { runDueJobs, runTask, type JobDeps } from "../../app/jobs/worker.server";
import { createMailer } from "../../app/messaging/mailer.server";
import type { MessagingDeps } from "../../app/messaging/notify.server";
import { shopifyNotifiesFor } from "../../app/messaging/senders.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createNotificationRepository } from "../../app/repositories/notifications.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository, engineDecisionOf } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import type { Viewer } from "../../app/schemas/requests";
import { translator } from "../../app/storefront/i18n";
import { renderStatus } from "../../app/storefront/pages.server";
import { adminClient } from "../../app/shopify/client.server";
import type { RunningStandin } from "../standin";
import { startMailSink, type CaughtMail, type MailSink } from "../standin/mail-sink";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

/**
 * Emails to the shopper (issue 27): from the request to its money, one email per step in the
 * shopper's language through a real SMTP server (the local sink), sent by the durable `notify`
 * job; an outage retries and ends on the failed-jobs list; a crash between the relay's acceptance
 * and the record sends nothing twice; a redacted customer or an uninstalled shop gets nothing.
 */
const SECRET = "shopper-emails-secret";
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const MINUTE = 60_000;
/** Header folding may turn Intl's no-break spaces into plain ones: compare words, not space kinds. */
const flat = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ");

describe.each(testProviders())("emails to the shopper on %s", (provider) => {
  let standin: RunningStandin;
  let database: TestDatabase;
  let sink: MailSink;
  let clock = Date.now();
  const now = () => new Date(clock);

  beforeAll(async () => {
    [standin, database, sink] = await Promise.all([gatewayStandin(), freshDatabase(provider), startMailSink()]);
    await createShopRepository(database.db).recordInstall(SHOP, { name: "Gateway Jeweller", currency: "GBP", timezone: "Europe/London", country: "GB" });
  });
  beforeEach(() => {
    sink.refusing = false;
  });
  afterAll(async () => {
    await standin?.close();
    await database?.dispose();
    await sink?.close();
  });

  /** What the app asked Shopify to do, with its variables (whether Shopify was asked to notify). */
  const sent: { query: string; variables: Record<string, unknown> }[] = [];
  const admin = () => {
    const graphql = libraryGraphql(standin);
    return adminClient(async (query, options) => {
      sent.push({ query, variables: (options?.variables ?? {}) as Record<string, unknown> });
      return graphql(query, options);
    });
  };
  const asked = (mutation: string) => sent.filter((c) => c.query.includes(mutation)).map((c) => c.variables);
  const repos = () => ({
    requests: createRequestRepository(database.db),
    notifications: createNotificationRepository(database.db),
    jobs: createJobRepository(database.db, provider),
  });
  const flow = (preset: PresetName = "uk-jeweller") =>
    createRequestFlow({ requests: createRequestRepository(database.db), policies: async () => ({ policy: presetPolicy(preset), versionId: "v-test" }), secret: SECRET, photos: { exists: async () => true }, orderLookups: { consume: async () => true } });
  const desk = () =>
    createDesk({ requests: createRequestRepository(database.db), desk: createDeskRepository(database.db), operations: createOperationRepository(database.db), admin: admin(), staff: { id: "1", name: "Staff 1" }, timezone: "Europe/London", locale: "en-GB", shopifyNotifies: shopifyNotifiesFor(createNotificationRepository(database.db), SHOP, true) });

  function jobDeps(messaging: Partial<MessagingDeps> = {}): JobDeps {
    const { requests, notifications, jobs } = repos();
    return {
      requests,
      operations: createOperationRepository(database.db),
      jobs,
      dataExports: createExportRepository(database.db),
      adminFor: async () => admin(),
      now,
      messaging: { notifications, shops: createShopRepository(database.db), mailer: createMailer({ url: sink.smtpUrl, from: "aftercare@mail.test", timeoutMs: 5_000 }), secret: SECRET, acceptanceLog: async (id) => sink.accepted(id), ...messaging },
    };
  }

  /** The worker, as it runs: the sweep enqueues the outbox's new entries, then due jobs run. */
  async function work(deps = jobDeps()): Promise<void> {
    await runTask(deps, "notify-sweep", now());
    for (let pass = 0; pass < 5; pass++) if (!(await runDueJobs(deps, { workerId: "test-worker", now: now() })).ran) break;
  }

  const to = (email: string): CaughtMail[] => sink.messages.filter((m) => m.to.includes(email));

  async function submitted(email: string, name: { firstName: string; lastName: string }, locale: string | undefined, price = 12_000, preset: PresetName = "uk-jeweller") {
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email, ...name });
    const ring = addProduct(store, { title: "Signet ring", price, productType: "Rings" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(6), deliveredAt: days(3) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const done = await flow(preset).submit({ shop: SHOP, viewer, admin: admin() }, { orderId: order.id, kind: "return", preferredResolution: "refund", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "changed_mind" }], idempotencyKey: `emails-${email.replace(/\W/g, "")}-0123456789`, ...(locale ? { locale } : {}) });
    return { done, viewer, order, store };
  }

  it("GIVEN a French shopper's return WHEN it is submitted, approved, received and refunded THEN exactly one email per step reaches them, in French, with a status link that opens their request", async () => {
    const email = "elodie@example.fr";
    const { done, viewer } = await submitted(email, { firstName: "Élodie", lastName: "Martin" }, "fr-FR");
    await work();
    expect(to(email).map((m) => m.subject)).toEqual([`Nous avons bien reçu votre demande R-${done.number}`]);

    const actions = desk();
    expect(await actions.approve(SHOP, done.requestId)).toMatchObject({ ok: true });
    expect(await actions.receive(SHOP, done.requestId)).toMatchObject({ ok: true });
    expect(await actions.resolve(SHOP, done.requestId, { method: "refund" })).toMatchObject({ ok: true });
    await work();
    await work(); // the worker again: nothing is sent twice

    const mails = to(email);
    expect(mails.map((m) => m.headers["x-aftercare-step"])).toEqual(["received", "approved", "item_received", "refunded"]);
    expect(mails.map((m) => flat(m.subject))).toEqual([
      `Nous avons bien reçu votre demande R-${done.number}`,
      `Votre demande R-${done.number} est acceptée`,
      `Nous avons reçu vos articles (R-${done.number})`,
      flat(`Votre remboursement de ${formatMoneyIn(12_000, "GBP", "fr-FR")} est en route`),
    ]);
    for (const mail of mails) {
      expect(mail.language).toBe("fr");
      expect(mail.html).toMatch(/<html lang="fr" dir="ltr"/);
      expect(mail.from).toBe('"Gateway Jeweller" <aftercare@mail.test>');
      expect(mail.replyTo).toMatch(/@/);
      expect(mail.text).toContain("Bonjour Élodie Martin,");
    }
    expect(mails[3].text).toContain("remboursement sur votre moyen de paiement d’origine");

    // Aftercare sent these, so Shopify was not asked to email the shopper too (never both).
    expect(asked("returnApproveRequest").map((v) => (v.input as { notifyCustomer: boolean }).notifyCustomer)).toEqual([false]);
    expect(asked("returnProcess").map((v) => (v.input as { notifyCustomer: boolean }).notifyCustomer)).toEqual([false]);

    // The link in the email opens the shopper's own request.
    const link = /Suivre votre demande: (\S+)/.exec(mails[0].text)?.[1] ?? "";
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe(`https://${SHOP}/apps/aftercare/status`);
    expect(url.searchParams.get("locale")).toBe("fr-FR");
    expect(mails[0].html).toContain(link.replace(/&/g, "&amp;"));
    const status = await flow().status({ shop: SHOP, viewer, admin: admin() }, { token: url.searchParams.get("token") ?? "" });
    // Refunded through returnProcess, which closes a fully processed return.
    expect(status).toMatchObject({ number: done.number, status: "closed" });

    const rows = await repos().notifications.forRequest(SHOP, done.requestId);
    expect(rows.map((r) => [r.step, r.status, r.attempts])).toEqual([
      ["received", "sent", 1],
      ["approved", "sent", 1],
      ["item_received", "sent", 1],
      ["refunded", "sent", 1],
    ]);
  });

  it("GIVEN a shop that lets Shopify email approvals WHEN a request is approved THEN Shopify is asked to notify and Aftercare's approval email is skipped, while the steps Shopify never emails are still sent", async () => {
    const notifications = repos().notifications;
    expect(await shopifyNotifiesFor(notifications, SHOP, true)("approved")).toBe(false);
    expect(await shopifyNotifiesFor(notifications, SHOP, false)("approved")).toBe(true);
    expect(await shopifyNotifiesFor(notifications, SHOP, false)("received")).toBe(false);
    await notifications.setSender(SHOP, "approved", "shopify");
    try {
      const email = "shopify-sends@example.com";
      const { done } = await submitted(email, { firstName: "Sam", lastName: "Shop" }, "en-GB");
      sent.length = 0;
      expect(await desk().approve(SHOP, done.requestId)).toMatchObject({ ok: true });
      expect(asked("returnApproveRequest").map((v) => (v.input as { notifyCustomer: boolean }).notifyCustomer)).toEqual([true]);
      await work();
      expect(to(email).map((m) => m.headers["x-aftercare-step"])).toEqual(["received"]);
      const rows = await notifications.forRequest(SHOP, done.requestId);
      expect(rows.find((r) => r.step === "approved")).toMatchObject({ status: "skipped", reason: expect.stringMatching(/Shopify emails the shopper/) });
    } finally {
      await notifications.setSender(SHOP, "approved", "aftercare");
    }
  });

  it("GIVEN an Arabic shopper's return WHEN it is resolved with store credit THEN each email is in Arabic, right to left, with the amount in the order's currency", async () => {
    const email = "layla@example.ae";
    // The Gulf boutique's policy: 30-day returns refunded as store credit.
    const { done } = await submitted(email, { firstName: "ليلى", lastName: "حداد" }, "ar-AE", 9_500, "gulf-boutique");
    const actions = desk();
    expect(await actions.approve(SHOP, done.requestId)).toMatchObject({ ok: true });
    expect(await actions.receive(SHOP, done.requestId)).toMatchObject({ ok: true });
    expect(await actions.resolve(SHOP, done.requestId, { method: "store_credit" })).toMatchObject({ ok: true });
    await work();

    const mails = to(email);
    expect(mails.map((m) => m.headers["x-aftercare-step"])).toEqual(["received", "approved", "item_received", "credited"]);
    for (const mail of mails) {
      expect(mail.language).toBe("ar");
      expect(mail.html).toMatch(/<html lang="ar" dir="rtl"/);
      // Every block right to left (MJML's sections and columns are left to right unless told).
      expect(mail.html).not.toMatch(/direction:\s*ltr/);
      expect(mail.text).toContain("مرحبًا ليلى حداد،");
    }
    expect(mails[0].subject).toBe(`تلقّينا طلبك R-${done.number}`);
    const amount = new Intl.NumberFormat("ar-AE", { style: "currency", currency: "GBP" }).format(95);
    expect(flat(mails[3].subject)).toBe(flat(`رصيد متجر بقيمة ${amount} في حسابك`));
    expect(mails[3].text).toContain("الطريقة: رصيد متجر.");
    expect(new URL(/متابعة طلبك: (\S+)/.exec(mails[0].text)?.[1] ?? "").searchParams.get("locale")).toBe("ar-AE");
  });

  /** A return exchanged for a cheaper ring (a £40 difference refunded), as far as the desk's processing. */
  async function exchangedForCheaper(email: string, name: { firstName: string; lastName: string }) {
    const { done, store } = await submitted(email, name, "fr-FR", 12_000);
    const cheaper = addProduct(store, { title: "Alliance fine", price: 8_000, productType: "Rings" });
    // As the request flow stores an exchange: the shopper's chosen piece, the engine's decision
    // offering an exchange, and the preview's difference (the request's money ceiling).
    const request = (await repos().requests.find(SHOP, done.requestId))!;
    await database.db.requestLine.updateMany({ where: { requestId: request.id }, data: { exchangeVariantId: cheaper.variant.id, exchangeVariantTitle: "Alliance fine" } });
    const engine = engineDecisionOf(request.decision) as { lines: { resolutions: string[] }[] };
    const lines = engine.lines.map((l) => ({ ...l, resolutions: [...new Set([...l.resolutions, "exchange"])] }));
    await repos().requests.recordDecision(SHOP, request.id, { engine: { ...engine, lines, refund: null }, preview: { exchange: { settlement: "refund", amount: { amountMinor: 4_000, currency: "GBP" }, text: null } } }, null);
    const actions = desk();
    expect(await actions.approve(SHOP, done.requestId)).toMatchObject({ ok: true });
    expect(await actions.receive(SHOP, done.requestId)).toMatchObject({ ok: true });
    sent.length = 0;
    expect(await actions.resolve(SHOP, done.requestId, { method: "exchange" })).toMatchObject({ ok: true });
    return done;
  }

  it("GIVEN a French shopper's exchange for a cheaper ring WHEN the desk processes it THEN one exchange email tells what is sent and the difference refunded, Shopify is not asked to notify, and the difference gets no second email", async () => {
    const email = "hugo@example.fr";
    const done = await exchangedForCheaper(email, { firstName: "Hugo", lastName: "Petit" });
    expect(asked("returnProcess").map((v) => (v.input as { notifyCustomer: boolean }).notifyCustomer)).toEqual([false]);
    await work();
    await work();

    const mails = to(email);
    expect(mails.map((m) => m.headers["x-aftercare-step"])).toEqual(["received", "approved", "item_received", "exchanged"]);
    const exchanged = mails[3];
    expect(exchanged.subject).toBe(`Votre échange est en route (R-${done.number})`);
    expect(exchanged.language).toBe("fr");
    expect(exchanged.text).toContain("Nous vous envoyons : Alliance fine.");
    expect(flat(exchanged.text)).toContain(flat(`La différence, ${formatMoneyIn(4_000, "GBP", "fr-FR")} : remboursement sur votre moyen de paiement d’origine.`));
    const rows = await repos().notifications.forRequest(SHOP, done.requestId);
    expect(rows.map((r) => [r.step, r.status])).toEqual([
      ["received", "sent"],
      ["approved", "sent"],
      ["item_received", "sent"],
      ["exchanged", "sent"],
      ["refunded", "skipped"],
    ]);
    expect(rows[4].reason).toMatch(/exchange's email/);
  });

  it("GIVEN a shop that lets Shopify email exchanges WHEN an exchange is processed THEN Shopify is asked to notify and Aftercare sends neither the exchange's email nor its difference's", async () => {
    const notifications = repos().notifications;
    await notifications.setSender(SHOP, "exchanged", "shopify");
    try {
      const email = "ines@example.fr";
      const done = await exchangedForCheaper(email, { firstName: "Inès", lastName: "Roy" });
      expect(asked("returnProcess").map((v) => (v.input as { notifyCustomer: boolean }).notifyCustomer)).toEqual([true]);
      await work();
      expect(to(email).map((m) => m.headers["x-aftercare-step"])).toEqual(["received", "approved", "item_received"]);
      const rows = await notifications.forRequest(SHOP, done.requestId);
      expect(rows.filter((r) => r.step === "exchanged" || r.step === "refunded").map((r) => [r.step, r.status])).toEqual([
        ["exchanged", "skipped"],
        ["refunded", "skipped"],
      ]);
    } finally {
      await notifications.setSender(SHOP, "exchanged", "aftercare");
    }
  });

  it("GIVEN the relay refusing every message WHEN the notify job runs THEN it retries with backoff, ends on the failed-jobs list, and one retry after the outage sends the email once", async () => {
    const email = "outage@example.com";
    sink.refusing = true;
    const { done } = await submitted(email, { firstName: "Olive", lastName: "Tage" }, undefined);
    const deps = jobDeps();
    await runTask(deps, "notify-sweep", now());
    const seen: number[] = [];
    for (let pass = 0; pass < 12; pass++) {
      await runDueJobs(deps, { workerId: "test-worker", now: now() });
      const [row] = await repos().notifications.forRequest(SHOP, done.requestId);
      seen.push(row.attempts);
      clock += 2 * 60 * MINUTE; // past every backoff (capped at an hour)
    }
    expect(to(email)).toHaveLength(0);
    expect(Math.max(...seen)).toBe(DEFAULT_QUEUE_OPTIONS.maxAttempts);
    const queue = createTableQueue(database.db, repos().jobs, DEFAULT_QUEUE_OPTIONS);
    const [row] = await repos().notifications.forRequest(SHOP, done.requestId);
    const mine = new Set((await database.db.job.findMany({ where: { kind: "notify", payloadJson: { contains: row.id } } })).map((j) => j.id));
    const failed = (await queue.deadLetters(SHOP)).filter((j) => mine.has(j.id));
    expect(failed).toHaveLength(1);
    expect(failed[0].lastError).toMatch(/not accepted by the relay.*451/);
    expect(failedJobLabel(failed[0].kind, failed[0].topic)).toBe("Emailing a shopper about their request");

    sink.refusing = false;
    expect(await queue.retry(SHOP, failed[0].id)).toBe(true);
    await work(deps);
    expect(to(email).map((m) => m.headers["x-aftercare-step"])).toEqual(["received"]);
    expect(to(email)[0].language).toBe("en");
  });

  it("GIVEN a worker that dies after the relay accepted the email and before recording it WHEN the job runs again THEN nothing is resent: within the grace period it waits, after it the relay's log proves the send", async () => {
    const email = "crash@example.com";
    const { done } = await submitted(email, { firstName: "Cora", lastName: "Sh" }, "en-GB");
    const dying = jobDeps({
      crash: (point) => {
        if (point === "after-send") throw new Error("worker killed after the relay accepted the email");
      },
    });
    await work(dying);
    expect(to(email)).toHaveLength(1);
    const [sending] = await repos().notifications.forRequest(SHOP, done.requestId);
    expect(sending).toMatchObject({ status: "sending", attempts: 1 });

    clock += 2 * MINUTE; // the job's retry, still within the grace period: it waits
    await work();
    expect(to(email)).toHaveLength(1);
    clock += 60 * MINUTE;
    await work();
    expect(to(email)).toHaveLength(1);
    const [row] = await repos().notifications.forRequest(SHOP, done.requestId);
    expect(row).toMatchObject({ status: "sent", attempts: 1, messageId: to(email)[0].messageId });
    expect(row.reason).toMatch(/acceptance log/);
  });

  it("GIVEN the same crash and no acceptance log WHEN the job runs again THEN the email is held for a person (unknown), never resent, and the job ends on the failed-jobs list saying why", async () => {
    const email = "nolog@example.com";
    const { done } = await submitted(email, { firstName: "Noel", lastName: "Og" }, "en-GB");
    await work(jobDeps({ crash: (point) => { if (point === "after-send") throw new Error("killed"); } }));
    const blind = jobDeps({ acceptanceLog: null });
    for (let pass = 0; pass < 12; pass++) {
      clock += 2 * 60 * MINUTE;
      await runDueJobs(blind, { workerId: "test-worker", now: now() });
    }
    expect(to(email)).toHaveLength(1);
    const [row] = await repos().notifications.forRequest(SHOP, done.requestId);
    expect(row).toMatchObject({ status: "unknown", attempts: 1 });
    const failed = (await createTableQueue(database.db, repos().jobs, DEFAULT_QUEUE_OPTIONS).deadLetters(SHOP)).filter((j) => j.kind === "notify" && j.lastError.includes(row.messageId ?? "-"));
    expect(failed).toHaveLength(1);
    expect(failed[0].lastError).toMatch(/outcome unknown.*Not resent automatically/);
  });

  it("GIVEN a customer redacted before the worker ran, and a shop that uninstalled WHEN the notify jobs run THEN nothing is sent to either, and the outbox says why", async () => {
    const email = "redacted@example.com";
    const { done, order } = await submitted(email, { firstName: "Rita", lastName: "Dact" }, "fr-FR");
    await repos().requests.redactCustomer(SHOP, { customerId: null, email, orderIds: [order.id] }, now());
    await work();
    expect(to(email)).toHaveLength(0);
    expect((await repos().notifications.forRequest(SHOP, done.requestId))[0]).toMatchObject({ status: "skipped", reason: expect.stringMatching(/redact/) });

    const gone = "gone@example.com";
    const later = await submitted(gone, { firstName: "Gus", lastName: "One" }, "en-GB");
    await database.db.shop.updateMany({ where: { domain: SHOP }, data: { uninstalledAt: now() } });
    await work();
    await database.db.shop.updateMany({ where: { domain: SHOP }, data: { uninstalledAt: null } });
    expect(to(gone)).toHaveLength(0);
    expect((await repos().notifications.forRequest(SHOP, later.done.requestId))[0]).toMatchObject({ status: "skipped", reason: expect.stringMatching(/uninstalled/) });
  });
  it("GIVEN an Arabic shopper's return declined with Shopify's reason and the merchant's message THEN their status page says each step in Arabic, the merchant's message as written, and none of the desk's English sentences", async () => {
    const email = "samira@example.ae";
    const { done, viewer } = await submitted(email, { firstName: "Samira", lastName: "Nasser" }, "ar");
    const message = "We can only take back pieces within the return window.";
    expect(await desk().decline(SHOP, done.requestId, { reason: "RETURN_PERIOD_ENDED", message })).toMatchObject({ ok: true });
    // An entry written before its details were kept as data still shows its sentence.
    await database.db.requestEvent.create({ data: { shop: SHOP, requestId: done.requestId, type: "resolved", actor: "merchant", message: "Resolved: Refund — an old entry" } });
    const view = await flow().status({ shop: SHOP, viewer, admin: admin() }, { requestId: done.requestId });
    const declined = view.steps.find((s) => s.type === "declined");
    expect(declined).toMatchObject({ message: null, note: message, words: [{ key: "declined_return_period_ended", params: {} }] });
    expect(view.steps.at(-1)).toMatchObject({ type: "resolved", message: "Resolved: Refund — an old entry", words: [], note: null });

    const ctx = { locale: "ar" as const, intl: "ar", t: translator("ar"), base: "/apps/aftercare", carry: {} };
    const page = renderStatus(ctx, view, null, "Europe/London");
    expect(page).toContain(translator("ar")("timeline_declined_return_period_ended"));
    // The merchant's own words, marked as theirs (English inside an Arabic page).
    expect(page).toContain(`<bdi dir="auto" lang="en">${message}</bdi>`);
    expect(page).not.toMatch(/Declined \(|No Shopify return|Item received at the shop|Approved\./);
    expect(page).toContain("an old entry");
  });
});
