import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createMailer } from "../../app/messaging/mailer.server";
import { createGuestCodeRepository } from "../../app/repositories/guest-codes.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createRequestFlow, type RateLimit } from "../../app/requests/flow.server";
import { createGuestCodes, GUEST_CODE_TRIES, GuestCodeRefused } from "../../app/requests/guest-codes.server";
import { verifyToken } from "../../app/requests/tokens.server";
import { fetchCustomerAccounts } from "../../app/shopify/shop.server";
import { adminClient } from "../../app/shopify/client.server";
import type { RunningStandin } from "../standin";
import { startMailSink, type MailSink } from "../standin/mail-sink";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

const SECRET = "signin-guest-codes-secret";
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const unlimited: RateLimit = { consume: async () => true };

describe.each(testProviders())("guests' one-time codes on %s", (provider) => {
  let standin: RunningStandin;
  let database: TestDatabase;
  let sink: MailSink;
  let now = new Date();

  beforeAll(async () => {
    [standin, database, sink] = await Promise.all([gatewayStandin(), freshDatabase(provider), startMailSink()]);
  });
  afterAll(async () => {
    await standin?.close();
    await database?.dispose();
    await sink?.close();
  });

  const admin = () => adminClient(libraryGraphql(standin));
  function codes() {
    const flow = createRequestFlow({ requests: createRequestRepository(database.db), policies: async () => { throw new Error("no policy is read by a lookup"); }, secret: SECRET, photos: { exists: async () => false }, orderLookups: unlimited });
    const mailer = createMailer({ url: sink.smtpUrl, from: "aftercare@example.com" });
    return createGuestCodes({ flow, codes: createGuestCodeRepository(database.db), secret: SECRET, mailer: () => mailer, clock: () => now });
  }
  function order(email: string) {
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email });
    const ring = addProduct(store, { title: "Garnet ring", price: 18_000 });
    return addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(8), deliveredAt: days(5) });
  }
  const codeIn = (to: string) => {
    const mail = [...sink.messages].reverse().find((m) => m.to.includes(to));
    return /\b(\d{6})\b/.exec(mail?.text ?? "")?.[1] ?? null;
  };

  it("GIVEN a guest with the order's number and email WHEN she asks THEN a code in her language is mailed, only its hash is stored, and the code opens that order once", async () => {
    now = new Date();
    const placed = order("gift.fr@example.com");
    const guest = codes();
    const started = await guest.start({ shop: SHOP, admin: admin() }, { orderNumber: placed.name, contact: "Gift.FR@example.com" }, "fr");
    const code = codeIn("gift.fr@example.com");
    expect(code).toMatch(/^\d{6}$/);
    const mail = sink.messages.at(-1)!;
    expect(mail.subject).toContain("Votre code pour la commande");
    expect(mail.language).toBe("fr");
    const row = await database.db.guestCode.findUniqueOrThrow({ where: { id: started.challenge } });
    expect(row.codeHash).not.toContain(code!);
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.expiresAt.getTime() - now.getTime()).toBe(10 * 60_000);

    const opened = await guest.verify(SHOP, { challenge: started.challenge, code: code! });
    expect(opened.orderId).toBe(placed.id);
    expect(verifyToken(SECRET, "guest", SHOP, opened.grant, now)).toBe(placed.id);
    await expect(guest.verify(SHOP, { challenge: started.challenge, code: code! })).rejects.toMatchObject({ outcome: "spent", status: 410 });
    // Another shop's code row is not this shop's: the same id opens nothing there.
    await expect(guest.verify("other-shop.myshopify.com", { challenge: started.challenge, code: code! })).rejects.toMatchObject({ outcome: "unknown", status: 400 });
  });

  it("GIVEN a mailed code WHEN a wrong code, a malformed one, or the right one after ten minutes is typed THEN each is refused with its status and nothing opens", async () => {
    now = new Date();
    const placed = order("late@example.com");
    const guest = codes();
    const started = await guest.start({ shop: SHOP, admin: admin() }, { orderNumber: placed.name, contact: "late@example.com" }, "en");
    const code = codeIn("late@example.com")!;
    const wrong = code === "000000" ? "111111" : "000000";
    await expect(guest.verify(SHOP, { challenge: started.challenge, code: wrong })).rejects.toMatchObject({ outcome: "wrong", status: 400 });
    await expect(guest.verify(SHOP, { challenge: started.challenge, code: "12ab" })).rejects.toMatchObject({ outcome: "malformed", status: 400 });
    now = new Date(now.getTime() + 10 * 60_000 + 1);
    await expect(guest.verify(SHOP, { challenge: started.challenge, code })).rejects.toMatchObject({ outcome: "expired", status: 410 });
  });

  it(`GIVEN a mailed code WHEN ${GUEST_CODE_TRIES} wrong codes are typed THEN the code is spent and the right one no longer opens the order`, async () => {
    now = new Date();
    const placed = order("guesser@example.com");
    const guest = codes();
    const started = await guest.start({ shop: SHOP, admin: admin() }, { orderNumber: placed.name, contact: "guesser@example.com" }, "ar");
    const code = codeIn("guesser@example.com")!;
    expect(sink.messages.at(-1)!.subject).toContain("رمزك للطلبية");
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < GUEST_CODE_TRIES; i++) await expect(guest.verify(SHOP, { challenge: started.challenge, code: wrong })).rejects.toBeInstanceOf(GuestCodeRefused);
    await expect(guest.verify(SHOP, { challenge: started.challenge, code })).rejects.toMatchObject({ outcome: "spent" });
  });

  it("GIVEN a wrong email for the order WHEN the guest asks THEN no code is made or mailed (not found, as before)", async () => {
    const placed = order("owner@example.com");
    const before = sink.messages.length;
    const rows = await database.db.guestCode.count();
    await expect(codes().start({ shop: SHOP, admin: admin() }, { orderNumber: placed.name, contact: "someone@example.com" }, "en")).rejects.toMatchObject({ code: "not_found" });
    expect(sink.messages.length).toBe(before);
    expect(await database.db.guestCode.count()).toBe(rows);
  });

  it("GIVEN a shop WHEN nothing was chosen THEN the guest lookup is off, and the merchant's choice is kept per shop", async () => {
    const shops = createShopRepository(database.db);
    await shops.recordInstall("signin-a.myshopify.com");
    await shops.recordInstall("signin-b.myshopify.com");
    expect(await shops.guestLookup("signin-a.myshopify.com")).toBe(false);
    await shops.setGuestLookup("signin-a.myshopify.com", true);
    expect(await shops.guestLookup("signin-a.myshopify.com")).toBe(true);
    expect(await shops.guestLookup("signin-b.myshopify.com")).toBe(false);
  });

  it("GIVEN the stand-in shop WHEN the app reads its customer accounts THEN classic has no root url and new customer accounts have the harness's", async () => {
    const store = standin.store(SHOP);
    expect(await fetchCustomerAccounts(admin())).toEqual({ version: "CLASSIC", url: null });
    store.shop.customerAccountsVersion = "NEW_CUSTOMER_ACCOUNTS";
    try {
      const accounts = await fetchCustomerAccounts(admin());
      expect(accounts.version).toBe("NEW_CUSTOMER_ACCOUNTS");
      expect(accounts.url).toMatch(/\/customer-account$/);
    } finally {
      store.shop.customerAccountsVersion = undefined;
    }
  });
});
