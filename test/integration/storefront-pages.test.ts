import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { PRESET_DOCUMENTS } from "../../app/domain";
import { createShopRepository } from "../../app/repositories/shops.server";
import { routeShopTrafficTo } from "../../app/shopify/admin-origin.server";
import { legacyId } from "../standin/ids";
import { createDemoStore } from "../standin/seed";
import { startStandin, type RunningStandin } from "../standin/server";
import { storefrontRoutes } from "../standin/storefront";
import { freePort } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { startMailSink, type MailSink } from "../standin/mail-sink";
import { readPdf } from "../support/pdf";

/**
 * The stand-in's storefront driven over HTTP: theme pages render the extension's real block, and
 * /apps/aftercare reaches the app's real proxy route (its loader behind a plain HTTP server),
 * whose library checks the signature the storefront made.
 */
const SECRET = "aftercare-test-secret";
const PHOTO_DIR = mkdtempSync(join(tmpdir(), "aftercare-proxy-photos-"));
// Read when the app's modules load (in beforeAll): this file's photos go to a scratch folder.
process.env.AFTERCARE_PHOTO_DIR = PHOTO_DIR;
let database: TestDatabase;
vi.mock("../../app/db.server", async () => ({ default: database.db }));

const { store, summary } = createDemoStore({ now: new Date(), seed: 3, orders: 300, customers: 60 });
let standin: RunningStandin;
let sink: MailSink;
let app: Server;
let appCalls = 0;

beforeAll(async () => {
  database = await freshDatabase("sqlite");
  // Guests' codes go to a local SMTP sink (read when the app's modules load, below).
  sink = await startMailSink();
  process.env.SMTP_URL = sink.smtpUrl;
  const shops = createShopRepository(database.db);
  await shops.recordInstall(store.domain, { name: store.shop.name, currency: "GBP", timezone: "Europe/London", country: "GB" });
  await shops.choosePolicy(store.domain, "uk-jeweller", JSON.stringify(PRESET_DOCUMENTS["uk-jeweller"]));
  // These pages are driven as a guest: the merchant offers the lookup (off by default).
  await shops.setGuestLookup(store.domain, true);
  await database.db.session.create({ data: { id: `offline_${store.domain}`, shop: store.domain, state: "", isOnline: false, accessToken: "shpat_test" } });
  const routes = {
    index: await import("../../app/routes/apps.proxy._index/route"),
    lookup: await import("../../app/routes/apps.proxy.lookup/route"),
    order: await import("../../app/routes/apps.proxy.orders.$orderId/route"),
    status: await import("../../app/routes/apps.proxy.status/route"),
    slip: await import("../../app/routes/apps.proxy.status_.slip"),
  };
  // The app's proxy routes behind a plain HTTP server, dispatched as Remix would.
  app = createServer((req, res) => {
    appCalls += 1;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(`https://aftercare.test${req.url}`);
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([, v]) => typeof v === "string")) as Record<string, string>;
      const request = new Request(url, { method: req.method, body, headers });
      const order = /^\/apps\/proxy\/orders\/([^/]+)$/.exec(url.pathname);
      const args = { request, params: order ? { orderId: order[1] } : {}, context: {} };
      const post = req.method === "POST";
      const run =
        url.pathname === "/apps/proxy" ? routes.index.loader(args)
        : url.pathname === "/apps/proxy/lookup" ? (post ? routes.lookup.action(args) : routes.lookup.loader(args))
        : url.pathname === "/apps/proxy/status" ? routes.status.loader(args)
        : url.pathname === "/apps/proxy/status/slip" ? routes.slip.loader(args)
        : order ? (post ? routes.order.action(args) : routes.order.loader(args))
        : Promise.resolve(new Response("not found", { status: 404 }));
      run
        .catch((thrown: unknown) => thrown)
        .then(async (response) => {
          const r = response as Response;
          res.writeHead(r.status, Object.fromEntries(r.headers));
          res.end(Buffer.from(await r.arrayBuffer()));
        });
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  standin = await startStandin({ apiKey: "aftercare-test-key", apiSecret: SECRET, appUrl, shops: [store] });
  standin.use(storefrontRoutes({ shop: store.domain, signedInCustomerId: summary.featuredCustomerId }));
  routeShopTrafficTo(standin.origin);
  await database.db.session.updateMany({ where: { shop: store.domain }, data: { accessToken: standin.issueAccessToken(store.domain) } });
});

afterAll(async () => {
  await standin?.close();
  await sink?.close();
  await new Promise((resolve) => app?.close(resolve));
  await database?.dispose();
  rmSync(PHOTO_DIR, { recursive: true, force: true });
});

const get = (path: string, cookie?: string) => fetch(`${standin.origin}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

describe("stand-in storefront", () => {
  it("GIVEN the demo shop WHEN the home page opens THEN the shop and its products show", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Hatton &amp; Hart Jewellers");
    expect(html).toContain("Solitaire Engagement Ring");
  });

  it("GIVEN the signed-in shopper WHEN her order page opens THEN the lines show and the extension's block links to the proxy for that order with its assets in the head", async () => {
    const id = legacyId(summary.featuredOrderIds.recent);
    const html = await (await get(`/account/orders/${id}`)).text();
    expect(html).toContain("Pearl Drop Earrings");
    expect(html).toContain("Engraving: A.H.");
    expect(html).toContain(`href="/apps/aftercare?order_id=${id}&amp;locale=en-GB"`);
    expect(html).toContain('<link rel="stylesheet" href="/extensions/aftercare-theme/assets/aftercare.css">');
    expect(html).toContain('<script src="/extensions/aftercare-theme/assets/aftercare.js" defer></script>');
    const css = await get("/extensions/aftercare-theme/assets/aftercare.css");
    expect(css.headers.get("content-type")).toContain("text/css");
  });

  it("GIVEN another customer's order WHEN the shopper opens it THEN 404 and none of its lines", async () => {
    const other = store.orders.find((o) => o.customerId !== summary.featuredCustomerId);
    const response = await get(`/account/orders/${legacyId(other?.id ?? "gid://shopify/Order/1")}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(other?.lineItems[0].name ?? "—");
  });

  it("GIVEN the block's link WHEN followed THEN the app's proxy answers, signed by the storefront, with that order's items and what each may get, inside the theme", async () => {
    const before = appCalls;
    const id = legacyId(summary.featuredOrderIds.recent);
    const response = await get(`/apps/aftercare?order_id=${id}&locale=en`);
    expect(response.status).toBe(302);
    expect(appCalls).toBe(before + 1);
    expect(response.headers.get("location")).toBe(`/apps/aftercare/orders/${id}?locale=en`);
    const page = await get(response.headers.get("location") as string);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<header class="theme-header">');
    expect(html).toContain("Pearl Drop Earrings");
    expect(html).toContain('Not returnable: <bdi dir="auto">For hygiene reasons we cannot exchange or refund earrings unless they are faulty.</bdi>');
    expect(html).toContain('<form method="post" action="/apps/aftercare/orders/');
  });

  it("GIVEN a signed-out shopper WHEN the proxy page opens THEN the theme's login URL is filled in by Liquid", async () => {
    const html = await (await get("/apps/aftercare", "standin_customer=none")).text();
    expect(html).toContain('Log in to your account to start a return');
    expect(html).toContain('href="/account/login"');
    expect(html).not.toContain("{{");
  });

  it("GIVEN the app is not answering WHEN the shopper opens the proxy page THEN the theme says it is unavailable with 502", async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const down = await startStandin({ apiKey: "aftercare-test-key", apiSecret: SECRET, appUrl: nobody, shops: [createDemoStore({ now: new Date(), seed: 5, orders: 20, customers: 5 }).store] });
    try {
      down.use(storefrontRoutes({ shop: store.domain }));
      const response = await fetch(`${down.origin}/apps/aftercare`);
      expect(response.status).toBe(502);
      expect(await response.text()).toContain("This page is not available right now");
    } finally {
      await down.close();
    }
  });
});

describe("the shopper's pages refuse what they must", () => {
  const OTHER = "other-jeweller.myshopify.com";
  const photoFiles = () => readdirSync(PHOTO_DIR, { recursive: true }).filter((f) => String(f).endsWith(".jpg"));

  /** A delivered order of the featured shopper with one returnable item, and a guest's grant for it. */
  async function guestOrder() {
    const order = store.orders.find((o) => o.customerId === summary.featuredCustomerId && o.id === summary.featuredOrderIds.recent);
    if (!order) throw new Error("no featured order");
    const customer = store.find(summary.featuredCustomerId, "Customer");
    const lookup = await fetch(`${standin.origin}/apps/aftercare/lookup`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: "standin_customer=none" },
      body: new URLSearchParams({ orderNumber: order.name, contact: customer?.email ?? "" }),
    });
    // The code mailed to the order's email opens it.
    expect(lookup.status).toBe(200);
    const challenge = /name="challenge" value="([^"]+)"/.exec(await lookup.text())?.[1] ?? "";
    const code = /\b(\d{6})\b/.exec(sink.messages.at(-1)?.text ?? "")?.[1] ?? "";
    const opened = await fetch(`${standin.origin}/apps/aftercare/lookup`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: "standin_customer=none" },
      body: new URLSearchParams({ challenge, code }),
    });
    expect(opened.status).toBe(302);
    const location = new URL(opened.headers.get("location") ?? "", standin.origin);
    return { order, grant: location.searchParams.get("grant") ?? "", path: location.pathname };
  }

  function submitBody(orderId: string, lineId: string, key: string, grant: string) {
    const draft = { orderId, kind: "return", lines: [{ lineId, quantity: 1, reason: "defective" }] };
    return new URLSearchParams({ intent: "submit", draft: JSON.stringify(draft), idempotencyKey: key, grant }).toString();
  }

  it("GIVEN a guest's grant WHEN a submit arrives forged, replayed after the library's 90 seconds, or signed for another shop THEN it is refused and nothing is stored", async () => {
    const { order, grant } = await guestOrder();
    const shops = createShopRepository(database.db);
    await shops.recordInstall(OTHER, { name: "Other", currency: "GBP" });
    await database.db.session.create({ data: { id: `offline_${OTHER}`, shop: OTHER, state: "", isOnline: false, accessToken: "shpat_other" } });
    const line = order.lineItems.find((li) => !li.customAttributes.some((a) => a.value) && store.find(li.productId, "Product")?.productType !== "Earrings") ?? order.lineItems[0];
    const path = `/apps/aftercare/orders/${legacyId(order.id)}`;
    const send = (url: string) => fetch(url, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: submitBody(order.id, line.id, "abuse-key-0123456789abcd", grant) });
    const before = await database.db.aftercareRequest.count();

    const valid = standin.appProxyUrl(path, { shop: store.domain });
    const forged = new URL(valid);
    const signature = forged.searchParams.get("signature") ?? "";
    forged.searchParams.set("signature", (signature.startsWith("0") ? "1" : "0") + signature.slice(1));
    const replayed = standin.appProxyUrl(path, { shop: store.domain, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const otherShop = standin.appProxyUrl(path, { shop: OTHER });
    const unsigned = new URL(valid);
    unsigned.searchParams.delete("signature");

    for (const url of [forged.toString(), replayed, unsigned.toString()]) {
      const response = await send(url);
      expect([400, 401]).toContain(response.status);
      expect(await response.text()).not.toContain(order.name);
    }
    // Signed for another shop: the grant is bound to the shop that issued it.
    const cross = await send(otherShop);
    expect(cross.status).toBe(404);
    expect(await database.db.aftercareRequest.count()).toBe(before);
    expect(store.returns.filter((r) => r.orderId === order.id && r.status === "REQUESTED")).toHaveLength(0);
  });

  it("GIVEN a guest WHEN a wrong email or a made-up order number is tried THEN the page is the same, and never another customer's order", async () => {
    const { order } = await guestOrder();
    const attempt = (orderNumber: string, contact: string) =>
      fetch(`${standin.origin}/apps/aftercare/lookup`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: "standin_customer=none" }, body: new URLSearchParams({ orderNumber, contact }) });
    const wrongEmail = await attempt(order.name, "not-her@example.com");
    const wrongNumber = await attempt("#9999999", "not-her@example.com");
    expect(wrongEmail.status).toBe(404);
    expect(wrongNumber.status).toBe(404);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, "");
    expect(strip(await wrongEmail.text())).toBe(strip(await wrongNumber.text()));
  });

  it("GIVEN a guest with the order open in two tabs WHEN both submit a return for the same item at once, each with its own key, on a French page THEN one request is stored, one Shopify return opened, and the other tab is told 409 in French which request holds the item", async () => {
    const { order, grant } = await guestOrder();
    const line = [...order.lineItems].reverse().find((li) => !li.customAttributes.some((a) => a.value) && store.find(li.productId, "Product")?.productType !== "Earrings") ?? order.lineItems[0];
    const path = `/apps/aftercare/orders/${legacyId(order.id)}`;
    const draft = JSON.stringify({ orderId: order.id, kind: "return", lines: [{ lineId: line.id, quantity: 1, reason: "defective" }] });
    const send = (idempotencyKey: string) =>
      fetch(standin.appProxyUrl(path, { shop: store.domain }), { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ intent: "submit", draft, idempotencyKey, grant, locale: "fr" }) });
    const before = await database.db.aftercareRequest.count({ where: { orderId: order.id } });

    const answers = await Promise.all([send("tab-one-storefront-0123456789"), send("tab-two-storefront-0123456789")]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await database.db.aftercareRequest.count({ where: { orderId: order.id } })).toBe(before + 1);
    const stored = await database.db.aftercareRequest.findFirstOrThrow({ where: { orderId: order.id }, orderBy: { createdAt: "desc" } });
    const refused = await answers.find((a) => a.status === 409)!.text();
    expect(refused).toContain(`Cet article a déjà une demande en cours (numéro ${stored.number}).`);
    expect(store.returns.filter((r) => r.orderId === order.id && r.status === "REQUESTED")).toHaveLength(1);
  });

  it("GIVEN a guest's return WHEN it is approved THEN the status page says where to send it and its return slip is a one-page A4 PDF with the reference, order, item and address; before approval, or with a forged link, there is no slip", async () => {
    const { order, grant, path } = await guestOrder();
    const line = order.lineItems.find((li) => !li.customAttributes.some((a) => a.value) && store.find(li.productId, "Product")?.productType !== "Earrings") ?? order.lineItems[0];
    const submitted = await fetch(standin.appProxyUrl(path, { shop: store.domain }), { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: submitBody(order.id, line.id, "slip-key-0123456789abcdef", grant) });
    expect(submitted.status).toBe(200);
    const link = /href="([^"]*\/status\?[^"]*)" data-aftercare-status-link/.exec(await submitted.text())?.[1]?.replace(/&amp;/g, "&");
    expect(link).toBeTruthy();
    const token = new URL(link!, standin.origin).searchParams.get("token")!;
    const slipPath = `/apps/aftercare/status/slip?token=${encodeURIComponent(token)}`;

    // Requested, not yet approved: nowhere to send it yet.
    expect(await (await get(`/apps/aftercare/status?token=${encodeURIComponent(token)}`)).text()).not.toContain("data-aftercare-send-to");
    expect((await get(slipPath)).status).toBe(404);

    const stored = await database.db.aftercareRequest.findFirstOrThrow({ where: { orderId: order.id }, orderBy: { createdAt: "desc" } });
    await database.db.aftercareRequest.update({ where: { id: stored.id }, data: { status: "approved" } });
    const page = await (await get(`/apps/aftercare/status?token=${encodeURIComponent(token)}`)).text();
    expect(page).toMatch(/<address data-aftercare-send-to>.*Kestia Limited.*P\.O\. Box 422.*KT22 2HH/);
    expect(page).toContain("data-aftercare-slip");

    const slip = await get(slipPath);
    expect(slip.status).toBe(200);
    expect(slip.headers.get("content-type")).toBe("application/pdf");
    const pdf = await readPdf(new Uint8Array(await slip.arrayBuffer()));
    expect(pdf.pages).toBe(1);
    expect(pdf.size.map(Math.round)).toEqual([595, 842]);
    for (const words of [`R-${stored.number}`, `Order ${order.name}`, line.title, "Kestia Limited", "P.O. Box 422", "KT22 2HH"]) expect(pdf.text).toContain(words);

    expect((await get(`/apps/aftercare/status/slip?token=${encodeURIComponent(`${token}x`)}`)).status).toBe(404);
  });

  it.each([
    ["a PDF named .jpg", "receipt.jpg", "image/jpeg", Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF"), "is not a photo we can read (PDF)"],
    ["a photo over 10 MB", "huge.jpg", "image/jpeg", Buffer.alloc(10 * 1024 * 1024 + 10, 0xff), "is larger than 10 MB"],
    ["a malformed JPEG", "broken.jpg", "image/jpeg", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]), "could not be opened"],
  ])("GIVEN %s in the ask form WHEN sent through the storefront THEN 400 with a clear message beside the field, and nothing is stored", async (_label, name, type, bytes, message) => {
    const { order, grant, path } = await guestOrder();
    const form = new FormData();
    form.set("intent", "preview");
    form.set("grant", grant);
    form.set("kind", "return");
    form.set("lineId_0", order.lineItems[0].id);
    form.set("include_0", "on");
    form.set("qty_0", "1");
    form.set("reason_0", "defective");
    form.append("photos", new Blob([new Uint8Array(bytes)], { type }), name);
    const before = await database.db.aftercareRequest.count();
    const response = await fetch(`${standin.origin}${path}?grant=${encodeURIComponent(grant)}`, { method: "POST", body: form, headers: { cookie: "standin_customer=none" } });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    expect(html).toContain('id="ac-photos-error"');
    expect(html).toMatch(/id="ac-photos"[^>]*aria-invalid="true"/);
    expect(photoFiles()).toEqual([]);
    expect(await database.db.aftercareRequest.count()).toBe(before);
  });

  it.each([
    ["fr", "Saisissez le numéro de commande figurant sur votre confirmation, par exemple #1001.", "Saisissez l’adresse e-mail ou le numéro de téléphone utilisé pour la commande."],
    ["ar", "أدخل رقم الطلب كما يظهر في رسالة التأكيد، مثل ‎#1001.", "أدخل البريد الإلكتروني أو رقم الهاتف المستخدم في الطلب."],
  ])("GIVEN a %s page WHEN the guest lookup is sent malformed THEN 400 and each field's message is in the page's language", async (locale, orderNumber, contact) => {
    const response = await fetch(`${standin.origin}/apps/aftercare/lookup`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: "standin_customer=none" }, body: new URLSearchParams({ orderNumber: "my order", contact: "x", locale }) });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`<p class="ac__error" id="ac-orderNumber-error">${orderNumber}</p>`);
    expect(html).toContain(`<p class="ac__error" id="ac-contact-error">${contact}</p>`);
    expect(html).not.toContain("Enter the order number");
  });

  it.each([
    ["fr", "Demandez au moins un article.", "receipt.jpg n’est pas une photo que nous pouvons lire (PDF) ; utilisez JPEG, PNG, WebP ou HEIC."],
    ["ar", "اطلب قطعة واحدة على الأقل.", "receipt.jpg ليس صورة يمكننا قراءتها (PDF)؛ استخدم JPEG أو PNG أو WebP أو HEIC."],
  ])("GIVEN a %s page WHEN the ask form is sent with no quantity, then with a PDF for a photo THEN the messages beside the fields are in the page's language", async (locale, quantity, photo) => {
    const { order, grant, path } = await guestOrder();
    const form = (withPdf: boolean) => {
      const body = new FormData();
      for (const [name, value] of Object.entries({ intent: "preview", grant, locale, kind: "return", lineId_0: order.lineItems[0].id, include_0: "on", qty_0: withPdf ? "1" : "0", reason_0: "defective" })) body.set(name, value);
      if (withPdf) body.append("photos", new Blob([new Uint8Array(Buffer.from("%PDF-1.7\n%%EOF"))], { type: "image/jpeg" }), "receipt.jpg");
      return body;
    };
    const send = (withPdf: boolean) => fetch(`${standin.origin}${path}?grant=${encodeURIComponent(grant)}`, { method: "POST", body: form(withPdf), headers: { cookie: "standin_customer=none" } });
    const noQuantity = await send(false);
    expect(noQuantity.status).toBe(400);
    const first = await noQuantity.text();
    expect(first).toContain(`<p class="ac__error" id="ac-qty-0-error">${quantity}</p>`);
    expect(first).not.toContain("Ask for at least one.");
    const pdf = await send(true);
    expect(pdf.status).toBe(400);
    expect(await pdf.text()).toContain(`<p class="ac__error" id="ac-photos-error">${photo}</p>`);
  });
});
