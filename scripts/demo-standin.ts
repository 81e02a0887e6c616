// The demo's local Shopify: the stand-in seeded with the demo jeweller, its storefront, and the
// app's side of an install (the Shop row with a policy preset and the offline session Shopify's
// install would have produced). `npm run demo` runs it with tsx; the end-to-end test imports it.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";

import { createDatabase } from "../app/platform/db-client.server";
import { PRESET_DOCUMENTS, PRESET_NAMES, isPresetName, presetPolicy, type PresetName } from "../app/domain";
import { createRepairRepository } from "../app/repositories/repairs.server";
import { createShopRepository } from "../app/repositories/shops.server";
import { adminExtensionHarness } from "../test/standin/admin-extension/harness";
import { posHarness } from "../test/standin/pos/harness";
import { customerAccountHarness } from "../test/standin/customer-account/harness";
import { legacyId } from "../test/standin/ids";
import { startMailSink, type MailSink } from "../test/standin/mail-sink";
import { createDemoStore, type DemoShopIdentity, type DemoShopSummary } from "../test/standin/seed";
import { startStandin, type RunningStandin } from "../test/standin/server";
import { storefrontRoutes } from "../test/standin/storefront";
import { seedDeskRequests, standinAdmin, type DeskSeedSummary } from "./demo-desk";

export type DemoOptions = {
  apiKey: string;
  apiSecret: string;
  /** The app's origin (SHOPIFY_APP_URL). */
  appUrl: string;
  databaseUrl: string;
  /** Stand-in port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  preset?: string;
  seed?: number;
  now?: Date;
  /** Start the desk with requests in every state (default true). */
  deskRequests?: boolean;
  /**
   * Host the UI extensions Shopify CLI built (extensions/<handle>/dist) on the stand-in's
   * customer-account and admin order pages, signed in as the featured shopper and the owner, with
   * the extensions' calls to the app's public URL sent to `appUrl` (default false). Tests pass a
   * folder holding a snapshot of the bundles.
   */
  extensions?: boolean | { bundleDir: string };
  /**
   * Beside the featured shop, one more shop for each other preset, each installed with its policy
   * and a desk with requests in every state, so a newcomer can try every policy from the admin
   * (default false; `npm run demo` turns it on).
   */
  presetShops?: boolean;
};

/** A shop of the demo on one preset: where the merchant opens it, and what its desk holds. */
export type DemoPresetShop = { preset: PresetName; name: string; domain: string; adminUrl: string; desk: DeskSeedSummary | null };

/** The shop each preset gets when it is not the featured one (demo-jeweller.myshopify.com). */
const PRESET_SHOPS: Record<PresetName, DemoShopIdentity> = {
  "uk-jeweller": { domain: "demo-uk-jeweller.myshopify.com", name: "Marlow & Finch Jewellers", ownerName: "Daniel Finch", email: "owner@marlowfinch.example", description: "A UK jeweller: 14 working days to cancel, 30 days for faults, a year's guarantee.", vendor: "Marlow & Finch" },
  "crystal-accessories": { domain: "demo-crystal.myshopify.com", name: "Lumen Crystal Accessories", ownerName: "Clara Lumen", email: "owner@lumencrystal.example", description: "Crystal jewellery and accessories: lifetime cleaning and a crystal replacement quota.", vendor: "Lumen" },
  "gulf-boutique": { domain: "demo-gulf-boutique.myshopify.com", name: "Al Noor Crystal Boutique", ownerName: "Layla Haddad", email: "owner@alnoor.example", description: "A crystal boutique in the Gulf: 30-day returns refunded as eCredit.", vendor: "Al Noor" },
  "fine-jewellery": { domain: "demo-fine-jewellery.myshopify.com", name: "Ashdown Fine Jewellery", ownerName: "Thomas Ashdown", email: "owner@ashdownfine.example", description: "Fine jewellery with a free resize once and a workshop for repairs.", vendor: "Ashdown" },
};

export type RunningDemo = {
  standin: RunningStandin;
  /** The local SMTP sink the app's emails to shoppers go to (its page: {standin origin}/mail). */
  mail: MailSink;
  /**
   * The app's MAIL_STOREFRONT_ORIGIN for the demo: each shop's storefront on the stand-in,
   * `http://{shop}.localhost:<port>` (test/standin/storefront.ts), so every shop's status links work.
   */
  mailStorefrontOrigin: string;
  summary: DemoShopSummary;
  desk: DeskSeedSummary | null;
  /** Every shop of the demo, the featured one first, each on its preset (with `presetShops`, one per preset). */
  shops: DemoPresetShop[];
  /** The stand-in's admin page for the shop, framing the app. */
  adminUrl: string;
  /** The featured shop's repair bench, and a ticket on it whose job envelope can be printed. */
  benchUrls: { bench: string; ticket: string | null };
  /** The featured shopper's recent order on the storefront. */
  storefrontUrl: string;
  /** With `extensions`: that order in new customer accounts, their "My aftercare" page, and the order in Shopify admin with Aftercare's block and action. */
  extensionUrls: { customerOrder: string; customerOrderAction: string; myAftercare: string; adminOrderBlock: string; adminOrderAction: string; posHome: string; posOrder: string } | null;
  close(): Promise<void>;
};

/** shopify.app.toml's application_url: what the UI extensions call. */
function applicationUrl(toml = readFileSync("shopify.app.toml", "utf8")): string {
  const url = /^application_url\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!url) throw new Error("shopify.app.toml has no application_url");
  return url.replace(/\/$/, "");
}

/** The scopes shopify.app.toml asks for: the stand-in grants exactly these on install. */
export function appScopes(toml = readFileSync("shopify.app.toml", "utf8")): string[] {
  const match = /^scopes\s*=\s*"([^"]*)"/m.exec(toml);
  return (match?.[1] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const preset = options.preset ?? "uk-jeweller";
  if (!isPresetName(preset)) throw new Error(`unknown preset "${preset}"`);
  const now = options.now ?? new Date();
  const { store, summary } = createDemoStore({ now, seed: options.seed });
  // The other presets' shops: the same catalogue and a year of orders each, under their own names.
  const others = options.presetShops
    ? PRESET_NAMES.filter((name) => name !== preset).map((name, i) => ({ preset: name, ...createDemoStore({ now, seed: (options.seed ?? 20_261_125) + i + 1, identity: PRESET_SHOPS[name] }) }))
    : [];
  const standin = await startStandin({
    port: options.port ?? 0,
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    appUrl: options.appUrl,
    scopes: appScopes(),
    shops: [store, ...others.map((o) => o.store)],
  });
  standin.engine.settings.storefrontOrigin = standin.origin;
  standin.use(storefrontRoutes({ shop: store.domain, signedInCustomerId: summary.featuredCustomerId }));
  // Shoppers' emails go to a local SMTP sink (nothing leaves the machine); the stand-in shows them at /mail.
  const mail = await startMailSink();
  standin.use(mail.route);

  // What installing the app leaves behind: an offline token from Shopify in the session table
  // (so the storefront's app proxy works before the merchant opens the admin) and the Shop row.
  const db = createDatabase(options.databaseUrl);
  const shops: DemoPresetShop[] = [];
  let benchTicket: string | null = null;
  try {
    const install = async (shopStore: typeof store, shopPreset: PresetName, skipCustomerId: string): Promise<DemoPresetShop> => {
      const shopsRepo = createShopRepository(db);
      // The stand-in is seeded afresh on every run and remembers nothing of the last one, so
      // whatever the app kept for the demo shop (requests on orders and returns that no longer
      // exist) goes first, as shop/redact would erase it: a second run starts as clean as the first.
      await shopsRepo.erase(shopStore.domain);
      const scopes = appScopes();
      const session = new Session({ id: `offline_${shopStore.domain}`, shop: shopStore.domain, state: "", isOnline: false });
      session.accessToken = standin.issueAccessToken(shopStore.domain, scopes);
      session.scope = scopes.join(",");
      await new PrismaSessionStorage(db).storeSession(session);
      standin.installed.add(shopStore.domain);
      await shopsRepo.recordInstall(shopStore.domain, { name: shopStore.shop.name, currency: shopStore.shop.currencyCode, timezone: shopStore.shop.ianaTimezone, country: shopStore.shop.countryCode });
      await shopsRepo.choosePolicy(shopStore.domain, shopPreset, JSON.stringify(PRESET_DOCUMENTS[shopPreset]));
      // The shop's past is built unmetered (the stand-in's `meter`): weeks of desk work, not one burst.
      standin.engine.meter(shopStore.domain, false);
      let desk: DeskSeedSummary | null = null;
      try {
        if (options.deskRequests !== false) {
          desk = await seedDeskRequests({
            db,
            admin: standinAdmin(standin.origin, shopStore.domain, session.accessToken),
            store: shopStore,
            shop: shopStore.domain,
            timezone: shopStore.shop.ianaTimezone,
            policy: presetPolicy(shopPreset),
            now,
            skipCustomerId,
          });
        }
      } finally {
        standin.engine.meter(shopStore.domain, true);
      }
      return { preset: shopPreset, name: shopStore.shop.name, domain: shopStore.domain, adminUrl: standin.adminUrl(shopStore.domain), desk };
    };
    shops.push(await install(store, preset, summary.featuredCustomerId));
    for (const other of others) shops.push(await install(other.store, other.preset, other.summary.featuredCustomerId));
    const received = (await createRepairRepository(db).queue(store.domain, { states: ["received"], take: 1 })).rows[0];
    benchTicket = received?.id ?? null;
  } finally {
    await db.$disconnect();
  }
  const desk = shops[0].desk;

  let extensionUrls: RunningDemo["extensionUrls"] = null;
  if (options.extensions) {
    const bundleDir = typeof options.extensions === "object" ? options.extensions.bundleDir : undefined;
    const customerAccounts = customerAccountHarness({ apiKey: options.apiKey, apiSecret: options.apiSecret, bundleDir, appRoute: { from: applicationUrl(), to: options.appUrl }, signInShop: store.domain });
    customerAccounts.signIn({ shop: store.domain, customerId: String(legacyId(summary.featuredCustomerId)), country: store.shop.countryCode, currency: store.shop.currencyCode });
    const admin = adminExtensionHarness({ apiKey: options.apiKey, apiSecret: options.apiSecret, appUrl: options.appUrl, bundleDir });
    admin.signIn({ shop: store.domain });
    standin.use(customerAccounts.route);
    standin.use(admin.route);
    // Shopify POS on the counter's tablet (open it at about 1024 × 768), signed in as the owner.
    const pos = posHarness({ apiKey: options.apiKey, apiSecret: options.apiSecret, appUrl: options.appUrl, bundleDir });
    pos.signIn({ shop: store.domain });
    standin.use(pos.route);
    // On every order's admin page (the desk links there): Aftercare's block, and its action.
    standin.adminOrderBlocks.push({ title: "Aftercare", path: (order) => admin.pagePath("aftercare-admin-order-block", { order }) });
    standin.adminOrderActions.push({ title: "Log an aftercare request", path: (order) => admin.pagePath("aftercare-admin-order-action", { order }) });
    const order = String(legacyId(summary.featuredOrderIds.recent));
    extensionUrls = {
      customerOrder: `${standin.origin}${customerAccounts.pagePath("aftercare-order-page", { order })}`,
      customerOrderAction: `${standin.origin}${customerAccounts.pagePath("aftercare-order-action", { order })}`,
      myAftercare: `${standin.origin}${customerAccounts.pagePath("aftercare-my-aftercare")}`,
      adminOrderBlock: `${standin.origin}${admin.pagePath("aftercare-admin-order-block", { order })}`,
      adminOrderAction: `${standin.origin}${admin.pagePath("aftercare-admin-order-action", { order })}`,
      posHome: `${standin.origin}${pos.pagePath("pos.home.tile.render")}`,
      posOrder: `${standin.origin}${pos.pagePath("pos.order-details.action.menu-item.render", { order, orderName: store.find(summary.featuredOrderIds.recent, "Order")?.name })}`,
    };
  }

  return {
    standin,
    mail,
    mailStorefrontOrigin: `http://{shop}.localhost:${new URL(standin.origin).port}`,
    summary,
    desk,
    shops,
    extensionUrls,
    adminUrl: standin.adminUrl(store.domain),
    benchUrls: { bench: `${standin.adminUrl(store.domain)}/app/bench`, ticket: benchTicket ? `${standin.adminUrl(store.domain)}/app/bench/${benchTicket}` : null },
    storefrontUrl: `${standin.origin}/account/orders/${legacyId(summary.featuredOrderIds.recent)}`,
    close: async () => {
      await standin.close();
      await mail.close();
    },
  };
}

// Run directly (tsx scripts/demo-standin.ts): configuration from the environment scripts/demo.mjs
// sets, one JSON line on stdout when ready.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const env = process.env;
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const demo = await startDemo({
    apiKey: required("SHOPIFY_API_KEY"),
    apiSecret: required("SHOPIFY_API_SECRET"),
    appUrl: required("SHOPIFY_APP_URL"),
    databaseUrl: required("DATABASE_URL"),
    port: Number(env.STANDIN_PORT ?? 0),
    preset: env.DEMO_PRESET,
    seed: env.DEMO_SEED ? Number(env.DEMO_SEED) : undefined,
    extensions: env.DEMO_EXTENSIONS === "1",
    presetShops: env.DEMO_PRESET_SHOPS !== "0",
  });
  process.stdout.write(`${JSON.stringify({ origin: demo.standin.origin, mail: { smtpUrl: demo.mail.smtpUrl, storefrontOrigin: demo.mailStorefrontOrigin, pageUrl: `${demo.standin.origin}/mail`, acceptanceLogUrl: `${demo.standin.origin}/mail/accepted` }, adminUrl: demo.adminUrl, benchUrls: demo.benchUrls, storefrontUrl: demo.storefrontUrl, extensionUrls: demo.extensionUrls, counts: demo.summary.counts, desk: demo.desk, shops: demo.shops })}\n`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void demo.close().then(() => process.exit(0)));
}
