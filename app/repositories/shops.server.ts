import type { Database } from "../db-client.server";

/** What Aftercare keeps about a shop, independent of Prisma's generated types. */
export type ShopRecord = {
  domain: string;
  name: string | null;
  currency: string;
  timezone: string;
  country: string;
  installedAt: Date;
  uninstalledAt: Date | null;
  policyPreset: string | null;
};

export type ShopDetails = Partial<Pick<ShopRecord, "name" | "currency" | "timezone" | "country">>;

/**
 * Shop rows. Every function takes the shop's domain first and touches only that shop's row.
 *
 * @example
 * const shops = createShopRepository(db);
 * await shops.recordInstall("demo-jeweller.myshopify.com", { currency: "GBP" });
 */
export function createShopRepository(db: Database) {
  const select = {
    domain: true,
    name: true,
    currency: true,
    timezone: true,
    country: true,
    installedAt: true,
    uninstalledAt: true,
    policyPreset: true,
  } as const;

  return {
    async find(shop: string): Promise<ShopRecord | null> {
      return db.shop.findUnique({ where: { domain: shop }, select });
    },

    /** Installs or reinstalls: clears a previous uninstall and refreshes what Shopify told us. */
    async recordInstall(shop: string, details: ShopDetails = {}): Promise<ShopRecord> {
      return db.shop.upsert({
        where: { domain: shop },
        create: { domain: shop, ...details },
        update: { ...details, uninstalledAt: null },
        select,
      });
    },

    /** app/uninstalled: the access tokens go at once; the shop's data stays until shop/redact. */
    async recordUninstall(shop: string, at: Date): Promise<void> {
      await db.$transaction([
        db.session.deleteMany({ where: { shop } }),
        db.shop.updateMany({ where: { domain: shop }, data: { uninstalledAt: at } }),
      ]);
    },

    async choosePolicy(shop: string, preset: string, policyJson: string): Promise<void> {
      await db.shop.updateMany({ where: { domain: shop }, data: { policyPreset: preset, policyJson } });
    },

    async policyJson(shop: string): Promise<string | null> {
      const row = await db.shop.findUnique({ where: { domain: shop }, select: { policyJson: true } });
      return row?.policyJson ?? null;
    },

    /** shop/redact: everything Aftercare holds for the shop goes. */
    async erase(shop: string): Promise<void> {
      // Request lines go with their requests (ON DELETE CASCADE).
      await db.$transaction([
        db.session.deleteMany({ where: { shop } }),
        db.aftercareRequest.deleteMany({ where: { shop } }),
        db.operation.deleteMany({ where: { shop } }),
        db.job.deleteMany({ where: { shop } }),
        db.webhookEvent.deleteMany({ where: { shop } }),
        db.customerDataExport.deleteMany({ where: { shop } }),
        db.policyVersion.deleteMany({ where: { shop } }),
        db.policyScenario.deleteMany({ where: { shop } }),
        db.shop.deleteMany({ where: { domain: shop } }),
      ]);
    },
  };
}

export type ShopRepository = ReturnType<typeof createShopRepository>;
