import type { Database } from "../platform/db-client.server";
import { isUniqueViolation } from "./errors.server";

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

  /** Every row of the shop (request lines go with their requests: ON DELETE CASCADE). */
  function eraseAll(shop: string, options: { keepEvent?: string } = {}) {
    return [
      db.session.deleteMany({ where: { shop } }),
      db.aftercareRequest.deleteMany({ where: { shop } }),
      db.operation.deleteMany({ where: { shop } }),
      db.job.deleteMany({ where: { shop } }),
      db.webhookEvent.deleteMany({ where: options.keepEvent ? { shop, NOT: { eventId: options.keepEvent } } : { shop } }),
      db.customerDataExport.deleteMany({ where: { shop } }),
      db.policyVersion.deleteMany({ where: { shop } }),
      db.policyScenario.deleteMany({ where: { shop } }),
      db.deskClaim.deleteMany({ where: { shop } }),
      db.replacedReturn.deleteMany({ where: { shop } }),
      db.repairQuote.deleteMany({ where: { shop } }),
      db.notification.deleteMany({ where: { shop } }),
      db.notificationSetting.deleteMany({ where: { shop } }),
      db.messageTemplate.deleteMany({ where: { shop } }),
      db.guestCode.deleteMany({ where: { shop } }),
      db.flowEvent.deleteMany({ where: { shop } }),
      db.flowSubscription.deleteMany({ where: { shop } }),
      db.requestHold.deleteMany({ where: { shop } }),
      db.shop.deleteMany({ where: { domain: shop } }),
    ];
  }

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

    /**
     * app/uninstalled, once per event: the dedupe row and the uninstall in one transaction; a
     * redelivery of the same event changes nothing. A shop that never installed: nothing stored.
     */
    async uninstallOnce(shop: string, event: { eventId: string; webhookId: string | null }, at: Date): Promise<"accepted" | "duplicate" | "unknown-shop"> {
      if (!(await db.shop.findUnique({ where: { domain: shop }, select: { id: true } }))) return "unknown-shop";
      try {
        await db.$transaction([
          db.webhookEvent.create({ data: { shop, topic: "app/uninstalled", eventId: event.eventId, webhookId: event.webhookId, processedAt: at } }),
          db.session.deleteMany({ where: { shop } }),
          db.shop.updateMany({ where: { domain: shop }, data: { uninstalledAt: at } }),
        ]);
        return "accepted";
      } catch (error) {
        if (isUniqueViolation(error)) return "duplicate";
        throw error;
      }
    },

    /**
     * shop/redact, once per event: everything Aftercare holds for the shop goes, except the
     * event's own dedupe row, so a redelivery is recognised and runs nothing again.
     */
    async eraseOnce(shop: string, event: { eventId: string; webhookId: string | null }, at: Date): Promise<"accepted" | "duplicate" | "unknown-shop"> {
      const known = await db.shop.findUnique({ where: { domain: shop }, select: { id: true } });
      if (!known) {
        const seen = await db.webhookEvent.findUnique({ where: { shop_eventId: { shop, eventId: event.eventId } }, select: { id: true } });
        return seen ? "duplicate" : "unknown-shop";
      }
      try {
        await db.$transaction([
          db.webhookEvent.create({ data: { shop, topic: "shop/redact", eventId: event.eventId, webhookId: event.webhookId, processedAt: at } }),
          ...eraseAll(shop, { keepEvent: event.eventId }),
        ]);
        return "accepted";
      } catch (error) {
        if (isUniqueViolation(error)) return "duplicate";
        throw error;
      }
    },

    async choosePolicy(shop: string, preset: string, policyJson: string): Promise<void> {
      await db.shop.updateMany({ where: { domain: shop }, data: { policyPreset: preset, policyJson } });
    },

    /** Whether guests may find an order by number and email (with a mailed code); off unless the merchant turned it on. */
    async guestLookup(shop: string): Promise<boolean> {
      const row = await db.shop.findUnique({ where: { domain: shop }, select: { guestLookup: true } });
      return row?.guestLookup ?? false;
    },

    async setGuestLookup(shop: string, on: boolean): Promise<void> {
      await db.shop.updateMany({ where: { domain: shop }, data: { guestLookup: on } });
    },

    async policyJson(shop: string): Promise<string | null> {
      const row = await db.shop.findUnique({ where: { domain: shop }, select: { policyJson: true } });
      return row?.policyJson ?? null;
    },

    /** shop/redact: everything Aftercare holds for the shop goes. */
    async erase(shop: string): Promise<void> {
      await db.$transaction(eraseAll(shop));
    },
  };
}

export type ShopRepository = ReturnType<typeof createShopRepository>;
