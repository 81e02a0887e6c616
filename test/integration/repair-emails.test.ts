import { randomUUID } from "node:crypto";

import { stringify } from "lossless-json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy } from "../../app/domain";
import { formatMoneyIn } from "../../app/domain/money";
import { intakeWebhook, parseWebhookBody } from "../../app/jobs/webhooks.server";
import { runDueJobs, runTask, type JobDeps } from "../../app/jobs/worker.server";
import { previewEmail, saveTemplate } from "../../app/messaging/editor.server";
import { createMailer } from "../../app/messaging/mailer.server";
import { createBench } from "../../app/repairs/bench.server";
import type { RepairMove, RepairState } from "../../app/repairs/machine";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createNotificationRepository } from "../../app/repositories/notifications.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createShopperRepairReader } from "../../app/repositories/repair-shopper.server";
import { createRepairRepository } from "../../app/repositories/repairs.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import type { Viewer } from "../../app/schemas/requests";
import { adminClient } from "../../app/shopify/client.server";
import { repairQuoteTag } from "../../app/shopify/draft-orders.server";
import { payDraftOrder, payloadFor, type RunningStandin } from "../standin";
import { startMailSink, type CaughtMail, type MailSink } from "../standin/mail-sink";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

/**
 * Issue 27 with issue 25's bench: a repair from intake to collected emails the shopper exactly
 * once per step that matters to them (taken in, assessed, quoted, paid, ready, collected), in
 * their language, with a status link that opens their request, through a real SMTP server (the
 * local sink) and the durable notify job; the bench's own findings never reach the email; a
 * redacted customer gets nothing.
 */
const SECRET = "repair-emails-secret";
const STAFF = { id: "11", name: "Eleanor Hart" };
const FINDINGS = "Shank bent flat, customer admits it was caught in a car door";
const flat = (text: string) => text.replace(/[\s\u00a0\u202f\u200e\u200f\u061c]+/g, " ");
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const policy = presetPolicy("fine-jewellery");

describe.each(testProviders())("repair emails to the shopper on %s", (provider) => {
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
  const repairs = () => createRepairRepository(database.db);
  const jobs = () => createJobRepository(database.db, provider);
  const flow = () =>
    createRequestFlow({ requests: createRequestRepository(database.db), policies: async () => ({ policy, versionId: "v-test" }), secret: SECRET, photos: { exists: async () => true }, orderLookups: { consume: async () => true } });
  const bench = () => createBench({ repairs: repairs(), staff: STAFF, timezone: "Europe/London", country: "GB", locale: "en-GB", policy, admin: admin(), operations: createOperationRepository(database.db) });

  function deps(): JobDeps {
    const notifications = createNotificationRepository(database.db);
    return {
      requests: createRequestRepository(database.db),
      operations: createOperationRepository(database.db),
      repairs: repairs(),
      jobs: jobs(),
      dataExports: createExportRepository(database.db),
      adminFor: async () => admin(),
      policyOf: async () => policy,
      messaging: { notifications, shops: createShopRepository(database.db), repairs: createShopperRepairReader(database.db), mailer: createMailer({ url: sink.smtpUrl, from: "aftercare@mail.test", timeoutMs: 5_000 }), secret: SECRET, acceptanceLog: async (id) => sink.accepted(id) },
    };
  }

  /** The worker, as it runs: the sweep enqueues the outbox's new rows, then due jobs run (twice: nothing is sent twice). */
  async function work(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      await runTask(deps(), "notify-sweep", new Date());
      for (let pass = 0; pass < 5; pass++) if (!(await runDueJobs(deps(), { workerId: "test-worker", now: new Date(Date.now() + 1_000) })).ran) break;
    }
  }

  const repairMails = (email: string): CaughtMail[] => sink.messages.filter((m) => m.to.includes(email) && /^repair_/.test(String(m.headers["x-aftercare-step"])));

  /** A warranty claim on a ring bought a week ago, submitted in the shopper's language, and its repair ticket opened as the desk does. */
  async function ticketFor(email: string, name: { firstName: string; lastName: string }, locale: string) {
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email, ...name });
    const ring = addProduct(store, { title: "Solitaire ring", price: 95_000, productType: "Rings" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(7), deliveredAt: days(4) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const done = await flow().submit({ shop: SHOP, viewer, admin: admin() }, { orderId: order.id, kind: "warranty", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "defective" }], idempotencyKey: `repair-emails-${randomUUID()}`, locale });
    const { ticket } = await repairs().open(SHOP, { requestId: done.requestId, origin: "repair", work: "Warranty repair", itemTitle: "Solitaire ring", currency: "GBP" }, { staffId: STAFF.id, staffName: STAFF.name, message: "Repair ticket {job} opened.", at: new Date() });
    return { done, viewer, ticket };
  }

  async function move(ticketId: string, from: RepairState, move: RepairMove, extra: Record<string, unknown> = {}) {
    expect(await bench().move(SHOP, ticketId, { move, from, ...extra })).toMatchObject({ ok: true });
  }

  const intake = { description: "Yellow metal solitaire ring, one white stone, customer states 18ct gold and diamond.", condition: "Shank bent, no other marks.", termsAccepted: true, turnaroundDays: 5 };

  it("GIVEN a French shopper's warranty claim found not covered WHEN the bench takes it in, assesses, quotes, Shopify shows the quote paid, and it is worked, ready and collected THEN exactly one French email per step reaches them, with the job number, the policy's words, the quote and its pay link, and a status link that opens their request", async () => {
    const email = "elodie.repair@example.fr";
    const { done, viewer, ticket } = await ticketFor(email, { firstName: "Élodie", lastName: "Martin" }, "fr-FR");
    await move(ticket.id, "awaiting_item", "intake", intake);
    await work();
    await move(ticket.id, "received", "assess", { cause: "accident", findings: FINDINGS });
    await move(ticket.id, "assessed", "quote", { description: "Redresser et resserrer", lines: [{ title: "Redresser l'anneau", quantity: 1, price: "180.00" }, { title: "Resserrer une griffe", quantity: 3, price: "12.50" }] });
    await work();
    // The shopper pays Shopify's invoice: the draft order completes into an order, orders/create says so.
    const draft = standin.store(SHOP).draftOrders.find((d) => d.tags.includes(repairQuoteTag(ticket.id)))!;
    const order = payDraftOrder(standin.store(SHOP), draft.id);
    const payload = parseWebhookBody(stringify(payloadFor(standin.store(SHOP), "orders/create", order)) ?? "null");
    await intakeWebhook(jobs(), "orders/create", { shop: SHOP, topic: "ORDERS_CREATE", eventId: randomUUID(), payload });
    await work();
    expect((await repairs().find(SHOP, ticket.id))?.state).toBe("quote_accepted");
    await move(ticket.id, "quote_accepted", "start");
    await move(ticket.id, "at_bench", "finish");
    await work();
    await move(ticket.id, "ready", "collect");
    await work();

    const mails = repairMails(email);
    expect(mails.map((m) => m.headers["x-aftercare-step"])).toEqual(["repair_received", "repair_assessed", "repair_quoted", "repair_paid", "repair_ready", "repair_collected"]);
    const total = formatMoneyIn(21_750, "GBP", "fr-FR");
    expect(mails.map((m) => flat(m.subject))).toEqual([
      `Votre bijou est dans notre atelier : dossier ${ticket.job}`,
      `Nous avons examiné votre bijou (${ticket.job})`,
      flat(`Votre devis pour ${ticket.job} : ${total}`),
      `Merci : votre devis pour ${ticket.job} est réglé`,
      `Votre bijou est prêt (${ticket.job})`,
      `Merci d’avoir récupéré votre bijou (${ticket.job})`,
    ]);
    for (const mail of mails) {
      expect(mail.language).toBe("fr");
      expect(mail.html).toMatch(/<html lang="fr" dir="ltr"/);
      expect(mail.text).toContain("Bonjour Élodie Martin,");
      expect(mail.text).not.toContain("car door");
      expect(mail.text).not.toContain("Shank bent");
    }
    const [taken, assessed, quoted, paid] = mails.map((m) => flat(m.text));
    expect(taken).toMatch(/Nous nous engageons à le terminer pour le \d{1,2} \S+ 2026\./);
    expect(assessed).toContain("La garantie ne le couvre pas ; nous vous enverrons un devis pour le travail.");
    expect(assessed).toContain("Cause constatée : Un accident.");
    expect(assessed).toContain("« The warranty does not cover accidental damage, improper use or unauthorised repairs. »");
    expect(quoted).toContain(flat(`1 × Redresser l'anneau: ${formatMoneyIn(18_000, "GBP", "fr-FR")}`));
    expect(quoted).toContain(flat(`3 × Resserrer une griffe: ${formatMoneyIn(3_750, "GBP", "fr-FR")}`));
    expect(quoted).toContain(`réglez-le ici : ${draft.invoiceUrl}`);
    expect(paid).toContain(flat(`votre paiement de ${total} pour le dossier ${ticket.job}`));

    // The link opens the shopper's own request.
    const link = /Suivre votre demande: (\S+)/.exec(mails[0].text)?.[1] ?? "";
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe(`https://${SHOP}/apps/aftercare/status`);
    expect(url.searchParams.get("locale")).toBe("fr-FR");
    expect(await flow().status({ shop: SHOP, viewer, admin: admin() }, { token: url.searchParams.get("token") ?? "" })).toMatchObject({ requestId: done.requestId, number: done.number });

    const rows = (await createNotificationRepository(database.db).forRequest(SHOP, done.requestId)).filter((r) => r.step.startsWith("repair_"));
    expect(rows.map((r) => [r.step, r.status, r.attempts])).toEqual(mails.map((m) => [m.headers["x-aftercare-step"], "sent", 1]));
  });

  it("GIVEN the quoted repair above WHEN the merchant previews the quote's email in the template editor and saves their own English wording THEN the preview is that ticket's quote, and the wording is the shop's own", async () => {
    const editor = { notifications: createNotificationRepository(database.db), requests: createRequestRepository(database.db), admin: admin(), mailer: null, secret: SECRET, repairs: createShopperRepairReader(database.db), policyOf: async () => policy };
    const template = { subject: "Quote {job}: {total}", body: "Dear {name},\n\n{quote}\n\nPay: {pay}" };
    const preview = await previewEmail(editor, SHOP, { step: "repair_quoted", language: "en", template });
    const ticket = (await repairs().forRequest(SHOP, preview.requestId!))!;
    expect(preview.subject).toBe(`Quote ${ticket.job}: £217.50`);
    expect(preview.text).toContain("1 × Redresser l'anneau: £180.00\n3 × Resserrer une griffe: £37.50");
    // Paid since: the pay link is no longer offered, and its paragraph is left out.
    expect(preview.text).not.toContain("Pay:");
    await saveTemplate(editor, SHOP, "repair_quoted", "en", template);
    expect(await editor.notifications.template(SHOP, "repair_quoted", "en")).toEqual(template);
  });

  it("GIVEN an Arabic shopper's warranty claim the warranty covers WHEN it is taken in, assessed, worked, ready and collected THEN exactly one Arabic email per step, right to left, says so, with no quote", async () => {
    const email = "layla.repair@example.ae";
    const { ticket } = await ticketFor(email, { firstName: "Layla", lastName: "Haddad" }, "ar");
    await move(ticket.id, "awaiting_item", "intake", intake);
    await move(ticket.id, "received", "assess", { cause: "manufacturing", findings: "Claw casting porous, stone loose." });
    await work();
    await move(ticket.id, "assessed", "start");
    await move(ticket.id, "at_bench", "finish");
    await move(ticket.id, "ready", "collect");
    await work();

    const mails = repairMails(email);
    expect(mails.map((m) => m.headers["x-aftercare-step"])).toEqual(["repair_received", "repair_assessed", "repair_ready", "repair_collected"]);
    expect(mails.map((m) => flat(m.subject))).toEqual([`قطعتك في ورشتنا: رقم الملف ${ticket.job}`, `فحصنا قطعتك (${ticket.job})`, `قطعتك جاهزة (${ticket.job})`, `شكرًا لاستلامك قطعتك (${ticket.job})`]);
    for (const mail of mails) {
      expect(mail.language).toBe("ar");
      expect(mail.html).toMatch(/<html lang="ar" dir="rtl"/);
      expect(mail.text).toContain("مرحبًا Layla Haddad،");
      expect(mail.text).not.toContain("porous");
    }
    expect(flat(mails[1].text)).toContain("خبر سار: يشملها الضمان، ولن يكلّفك الإصلاح شيئًا.");
    expect(flat(mails[2].text)).toContain("هي جاهزة للاستلام لدى Gateway Jeweller.");
    expect(/متابعة طلبك: (\S+)/.exec(mails[3].text)?.[1]).toMatch(/^https:\/\/gateway-jeweller\.myshopify\.com\/apps\/aftercare\/status\?token=.+&locale=ar$/);
  });

  it("GIVEN a shopper redacted (customers/redact) while their piece is on the bench WHEN it is ready and collected THEN nothing is sent to them, and the outbox says why", async () => {
    const email = "redacted.repair@example.com";
    const { done, ticket } = await ticketFor(email, { firstName: "Red", lastName: "Acted" }, "en-GB");
    await createRequestRepository(database.db).redactCustomer(SHOP, { customerId: null, email, orderIds: [] }, new Date());
    await move(ticket.id, "awaiting_item", "intake", intake);
    await move(ticket.id, "received", "assess", { cause: "manufacturing", findings: "Loose claw." });
    await move(ticket.id, "assessed", "start");
    await move(ticket.id, "at_bench", "finish");
    await move(ticket.id, "ready", "collect");
    await work();
    expect(sink.messages.filter((m) => m.to.includes(email))).toEqual([]);
    const rows = (await createNotificationRepository(database.db).forRequest(SHOP, done.requestId)).filter((r) => r.step.startsWith("repair_"));
    expect(rows.map((r) => [r.step, r.status])).toEqual(["repair_received", "repair_assessed", "repair_ready", "repair_collected"].map((s) => [s, "skipped"]));
    expect(rows.every((r) => /redact/.test(r.reason ?? ""))).toBe(true);
  });
});
