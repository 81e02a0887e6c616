import type { Database } from "../platform/db-client.server";

/** One stored policy document: the shop's draft (number 0) or a published version (1, 2, 3…). */
export type PolicyVersionRecord = {
  id: string;
  number: number;
  status: "draft" | "published";
  documentJson: string;
  note: string | null;
  restoredFrom: number | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type SavedScenarioRecord = { id: string; name: string; scenarioJson: string; createdAt: Date };

const select = {
  id: true,
  number: true,
  status: true,
  documentJson: true,
  note: true,
  restoredFrom: true,
  publishedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

const DRAFT = 0;

type Row = Omit<PolicyVersionRecord, "status"> & { status: string };
const record = (row: Row): PolicyVersionRecord => ({ ...row, status: row.status === "draft" ? "draft" : "published" });

/**
 * Policy versions and the merchant's saved scenarios. The shop's domain comes first in every
 * call and scopes every query. Published versions are only ever inserted: publishing is one
 * transaction that adds the next number, drops the draft and mirrors the document onto the
 * shop's row (which the storefront still reads), so a failure anywhere leaves the previous
 * version live.
 */
export function createPolicyRepository(db: Database) {
  return {
    async draft(shop: string): Promise<PolicyVersionRecord | null> {
      const row = await db.policyVersion.findUnique({ where: { shop_number: { shop, number: DRAFT } }, select });
      return row ? record(row) : null;
    },

    async saveDraft(shop: string, documentJson: string, note: string | null = null): Promise<PolicyVersionRecord> {
      const row = await db.policyVersion.upsert({
        where: { shop_number: { shop, number: DRAFT } },
        create: { shop, number: DRAFT, status: "draft", documentJson, note },
        update: { documentJson, ...(note ? { note } : {}) },
        select,
      });
      return record(row);
    },

    async discardDraft(shop: string): Promise<void> {
      await db.policyVersion.deleteMany({ where: { shop, number: DRAFT } });
    },

    /**
     * What the live policy is made from, as one short string: the newest published version's id
     * (one indexed read; versions are only ever inserted), else (before any version) the shop
     * row's last change and the preset or document it chose. Equal stamps mean the
     * same live policy, so a parsed copy can be reused while the stamp stays the same.
     */
    async liveStamp(shop: string): Promise<string> {
      const versions = await db.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "PolicyVersion" WHERE "shop" = ${shop} AND "status" = 'published' ORDER BY "number" DESC LIMIT 1`;
      if (versions[0]) return `version:${versions[0].id}`;
      // Before any version (rare after install): the shop row's choice decides.
      const rows = await db.$queryRaw<{ at: Date | string | number | bigint; preset: string | null; size: number | bigint | null }[]>`
        SELECT "updatedAt" AS "at", "policyPreset" AS "preset", LENGTH("policyJson") AS "size" FROM "Shop" WHERE "domain" = ${shop}`;
      const row = rows[0];
      if (!row) return "none";
      return `shop:${row.at instanceof Date ? row.at.getTime() : String(row.at)}:${row.preset ?? ""}:${String(row.size ?? "")}`;
    },

    /** The live version: the published one with the highest number. */
    async live(shop: string): Promise<PolicyVersionRecord | null> {
      const row = await db.policyVersion.findFirst({ where: { shop, status: "published" }, orderBy: { number: "desc" }, select });
      return row ? record(row) : null;
    },

    async version(shop: string, number: number): Promise<PolicyVersionRecord | null> {
      const row = await db.policyVersion.findFirst({ where: { shop, number, status: "published" }, select });
      return row ? record(row) : null;
    },

    async byId(shop: string, id: string): Promise<PolicyVersionRecord | null> {
      const row = await db.policyVersion.findFirst({ where: { shop, id }, select });
      return row ? record(row) : null;
    },

    /** Published versions, newest first, without their documents. */
    async history(shop: string, take = 50): Promise<Omit<PolicyVersionRecord, "documentJson">[]> {
      const rows = await db.policyVersion.findMany({
        where: { shop, status: "published" },
        orderBy: { number: "desc" },
        take,
        select: { ...select, documentJson: false },
      });
      return rows.map((row) => ({ ...row, status: "published" as const }));
    },

    /**
     * Publishes `documentJson` as the next version, atomically: the new row, the draft's removal
     * and the shop row's copy commit together or not at all.
     */
    async publish(
      shop: string,
      documentJson: string,
      options: { note?: string | null; restoredFrom?: number | null; preset?: string | null; at?: Date } = {},
    ): Promise<PolicyVersionRecord> {
      return db.$transaction(async (tx) => {
        const last = await tx.policyVersion.findFirst({ where: { shop, status: "published" }, orderBy: { number: "desc" }, select: { number: true } });
        const row = await tx.policyVersion.create({
          data: {
            shop,
            number: (last?.number ?? 0) + 1,
            status: "published",
            documentJson,
            note: options.note ?? null,
            restoredFrom: options.restoredFrom ?? null,
            publishedAt: options.at ?? new Date(),
          },
          select,
        });
        await tx.policyVersion.deleteMany({ where: { shop, number: DRAFT } });
        await tx.shop.updateMany({
          where: { domain: shop },
          data: { policyJson: documentJson, ...(options.preset !== undefined ? { policyPreset: options.preset } : {}) },
        });
        return record(row);
      });
    },

    async scenarios(shop: string): Promise<SavedScenarioRecord[]> {
      return db.policyScenario.findMany({ where: { shop }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, scenarioJson: true, createdAt: true } });
    },

    async saveScenario(shop: string, name: string, scenarioJson: string): Promise<SavedScenarioRecord> {
      return db.policyScenario.create({ data: { shop, name, scenarioJson }, select: { id: true, name: true, scenarioJson: true, createdAt: true } });
    },

    async deleteScenario(shop: string, id: string): Promise<void> {
      await db.policyScenario.deleteMany({ where: { shop, id } });
    },

    /** shop/redact. */
    async erase(shop: string): Promise<void> {
      await db.$transaction([db.policyVersion.deleteMany({ where: { shop } }), db.policyScenario.deleteMany({ where: { shop } })]);
    },
  };
}

export type PolicyRepository = ReturnType<typeof createPolicyRepository>;
