import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy } from "../../app/domain";
import { chooseSender, editorView, parseTemplate, previewEmail, resetTemplate, saveTemplate, sendTestEmail, TemplateInputError, type EditorDeps } from "../../app/messaging/editor.server";
import { createMailer } from "../../app/messaging/mailer.server";
import { sendNotification } from "../../app/messaging/notify.server";
import { DEFAULT_TEMPLATES } from "../../app/messaging/templates.server";
import { createNotificationRepository } from "../../app/repositories/notifications.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import { adminClient } from "../../app/shopify/client.server";
import type { RunningStandin } from "../standin";
import { startMailSink, type MailSink } from "../standin/mail-sink";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

/**
 * The merchant's template editor (issue 27): a shop's own wording per step and language, checked
 * before it is stored, previewed with a real request of the shop, sent as a test through SMTP, and
 * used for the shopper's email once saved; another shop never sees it.
 */
const SECRET = "mail-templates-secret";
const OTHER = "other-jeweller.myshopify.com";
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe.each(testProviders())("the template editor on %s", (provider) => {
  let standin: RunningStandin;
  let database: TestDatabase;
  let sink: MailSink;
  let requestId = "";
  let number = 0;

  beforeAll(async () => {
    [standin, database, sink] = await Promise.all([gatewayStandin(), freshDatabase(provider), startMailSink()]);
    await createShopRepository(database.db).recordInstall(SHOP, { name: "Gateway Jeweller", currency: "GBP", timezone: "Europe/London", country: "GB" });
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "agathe@example.fr", firstName: "Agathe", lastName: "Roux" });
    const ring = addProduct(store, { title: "Bague solitaire", price: 25_000, productType: "Rings" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(5), deliveredAt: days(2) });
    const flow = createRequestFlow({ requests: createRequestRepository(database.db), policies: async () => ({ policy: presetPolicy("uk-jeweller"), versionId: "v-test" }), secret: SECRET, photos: { exists: async () => true }, orderLookups: { consume: async () => true } });
    const done = await flow.submit({ shop: SHOP, viewer: { type: "customer", customerId: customer.id }, admin: adminClient(libraryGraphql(standin)) }, { orderId: order.id, kind: "return", preferredResolution: "refund", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "changed_mind" }], idempotencyKey: "mail-templates-0123456789", locale: "fr-FR" });
    requestId = done.requestId;
    number = done.number;
  });
  afterAll(async () => {
    await standin?.close();
    await database?.dispose();
    await sink?.close();
  });

  const deps = (shop = SHOP): EditorDeps => ({
    notifications: createNotificationRepository(database.db),
    requests: createRequestRepository(database.db),
    admin: adminClient(libraryGraphql(standin, shop)),
    mailer: createMailer({ url: sink.smtpUrl, from: "aftercare@mail.test", timeoutMs: 5_000 }),
    secret: SECRET,
  });

  it("GIVEN a wording with an unknown placeholder, an empty subject or a two-line subject WHEN checked THEN a 4xx-style error names the field and nothing is stored", async () => {
    const attempt = (input: { subject: string; body: string }) => {
      try {
        parseTemplate(input);
        return null;
      } catch (error) {
        return error instanceof TemplateInputError ? [error.field, error.message] : ["thrown", String(error)];
      }
    };
    expect(attempt({ subject: "Hello {nom}", body: "x" })).toEqual(["subject", expect.stringContaining("Unknown placeholder {nom}")]);
    expect(attempt({ subject: "Hello", body: "Dear {customer}" })).toEqual(["body", expect.stringContaining("{customer}")]);
    expect(attempt({ subject: "  ", body: "x" })).toEqual(["subject", "Write a subject."]);
    expect(attempt({ subject: "a\nb", body: "x" })).toEqual(["subject", "The subject is one line."]);
    expect(attempt({ subject: "Reçu {number}", body: "Bonjour {name}" })).toBeNull();
    expect(await createNotificationRepository(database.db).customised(SHOP)).toEqual([]);
  });

  it("GIVEN the shop's request WHEN the merchant previews unsaved French wording THEN it is rendered with that request's number, name and order, and the default stays until saved", async () => {
    const template = { subject: "Votre demande {number} est arrivée", body: "Chère {name},\n\nNous avons bien reçu la demande {number} (commande {order}) : {items}.\n\nÀ très vite." };
    const preview = await previewEmail(deps(), SHOP, { step: "received", language: "fr", template, requestId });
    expect(preview.subject).toBe(`Votre demande R-${number} est arrivée`);
    expect(preview.text).toContain("Chère Agathe Roux,");
    expect(preview.text).toContain("Bague solitaire");
    expect(preview.html).toMatch(/<html lang="fr" dir="ltr"/);
    expect((await editorView(deps(), SHOP, "received", "fr", true)).template).toEqual(DEFAULT_TEMPLATES.received.fr);

    // Arabic is right to left in the preview too.
    const arabic = await previewEmail(deps(), SHOP, { step: "received", language: "ar", template: DEFAULT_TEMPLATES.received.ar, requestId });
    expect(arabic.html).toMatch(/<html lang="ar" dir="rtl"/);
  });

  it("GIVEN saved wording WHEN the shopper's email is sent THEN it uses the shop's wording; reset brings the default back; another shop keeps its default", async () => {
    const template = { subject: "Bien reçu : {number}", body: "Chère {name},\n\nVotre demande {number} est entre nos mains." };
    await saveTemplate(deps(), SHOP, "received", "fr", template);
    const view = await editorView(deps(), SHOP, "received", "fr", true);
    expect(view).toMatchObject({ isDefault: false, template });
    expect(view.steps.find((s) => s.step === "received")?.customised).toEqual(["fr"]);
    expect((await editorView(deps(OTHER), OTHER, "received", "fr", true)).template).toEqual(DEFAULT_TEMPLATES.received.fr);

    const notifications = createNotificationRepository(database.db);
    const [row] = await notifications.forRequest(SHOP, requestId);
    const status = await sendNotification({ notifications, requests: createRequestRepository(database.db), shops: createShopRepository(database.db), adminFor: async () => adminClient(libraryGraphql(standin)), mailer: deps().mailer, secret: SECRET }, SHOP, row.id);
    expect(status).toBe("sent");
    const mail = sink.messages.find((m) => m.to.includes("agathe@example.fr") && !m.headers["x-aftercare-test"]);
    expect(mail?.subject).toBe(`Bien reçu : R-${number}`);

    await resetTemplate(deps(), SHOP, "received", "fr");
    expect((await editorView(deps(), SHOP, "received", "fr", true))).toMatchObject({ isDefault: true, template: DEFAULT_TEMPLATES.received.fr });
  });

  it("GIVEN an address WHEN the merchant sends a test THEN one message marked as a test lands in the sink, and no shopper's outbox changes; a bad address sends nothing", async () => {
    const before = sink.messages.length;
    const outbox = await createNotificationRepository(database.db).forRequest(SHOP, requestId);
    const sent = await sendTestEmail(deps(), SHOP, { step: "approved", language: "ar", template: DEFAULT_TEMPLATES.approved.ar, requestId, to: "owner@gateway.example" });
    expect(sink.messages).toHaveLength(before + 1);
    const mail = sink.messages.at(-1)!;
    expect(mail).toMatchObject({ messageId: sent.messageId, to: ["owner@gateway.example"], language: "ar" });
    expect(mail.subject).toBe(`[Test] تمت الموافقة على طلبك R-${number}`);
    expect(mail.headers["x-aftercare-test"]).toBe("yes");
    expect(await createNotificationRepository(database.db).forRequest(SHOP, requestId)).toEqual(outbox);

    await expect(sendTestEmail(deps(), SHOP, { step: "approved", language: "en", template: DEFAULT_TEMPLATES.approved.en, requestId, to: "not an address" })).rejects.toMatchObject({ field: "to" });
    await expect(sendTestEmail({ ...deps(), mailer: null }, SHOP, { step: "approved", language: "en", template: DEFAULT_TEMPLATES.approved.en, requestId, to: "a@b.example" })).rejects.toMatchObject({ field: "to", message: expect.stringMatching(/SMTP_URL/) });
    // Another shop's request is not a preview for this one.
    await expect(previewEmail(deps(OTHER), OTHER, { step: "approved", language: "en", template: DEFAULT_TEMPLATES.approved.en, requestId })).rejects.toMatchObject({ field: "request" });
    expect(sink.messages).toHaveLength(before + 1);
  });

  it("GIVEN the who-sends choice WHEN the merchant picks Shopify for a step Shopify can send THEN it is stored, and refused for a step only Aftercare sends", async () => {
    expect(await chooseSender(deps(), SHOP, "refunded", "shopify")).toBe("shopify");
    expect((await editorView(deps(), SHOP, "refunded", "en", true)).steps.find((s) => s.step === "refunded")).toMatchObject({ sender: "shopify", shopifyCanSend: true });
    await expect(chooseSender(deps(), SHOP, "item_received", "shopify")).rejects.toMatchObject({ field: "sender" });
    await expect(chooseSender(deps(), SHOP, "refunded", "nobody")).rejects.toMatchObject({ field: "sender" });
    expect(await chooseSender(deps(), SHOP, "refunded", "aftercare")).toBe("aftercare");
  });
});
