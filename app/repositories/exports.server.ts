import type { Database } from "../platform/db-client.server";

export type CustomerDataExportRecord = { id: string; shop: string; customerId: string | null; email: string | null; data: unknown; requestedAt: Date };

/**
 * customers/data_request answers: the customer's data as JSON, stored for the merchant to
 * download and send on. Stored rather than logged: logs are shipped and kept where neither
 * customers/redact nor shop/redact can reach them.
 */
export function createExportRepository(db: Database) {
  return {
    async record(shop: string, who: { customerId: string | null; email: string | null }, data: unknown, at: Date): Promise<CustomerDataExportRecord> {
      const row = await db.customerDataExport.create({ data: { shop, customerId: who.customerId, email: who.email?.trim().toLowerCase() ?? null, dataJson: JSON.stringify(data), requestedAt: at } });
      return { id: row.id, shop: row.shop, customerId: row.customerId, email: row.email, data: data, requestedAt: row.requestedAt };
    },

    async list(shop: string): Promise<CustomerDataExportRecord[]> {
      const rows = await db.customerDataExport.findMany({ where: { shop }, orderBy: { requestedAt: "desc" } });
      return rows.map((row) => ({ id: row.id, shop: row.shop, customerId: row.customerId, email: row.email, data: JSON.parse(row.dataJson) as unknown, requestedAt: row.requestedAt }));
    },

    /** One export of this shop (the merchant's download); null for another shop's id. */
    async find(shop: string, id: string): Promise<CustomerDataExportRecord | null> {
      const row = await db.customerDataExport.findFirst({ where: { shop, id } });
      return row ? { id: row.id, shop: row.shop, customerId: row.customerId, email: row.email, data: JSON.parse(row.dataJson) as unknown, requestedAt: row.requestedAt } : null;
    },

    /** customers/redact: earlier exports hold the same personal data, so they go too. */
    async eraseCustomer(shop: string, who: { customerId: string | null; email: string | null }): Promise<number> {
      const or: object[] = [];
      if (who.customerId) or.push({ customerId: who.customerId });
      if (who.email) or.push({ email: who.email.trim().toLowerCase() });
      if (!or.length) return 0;
      const { count } = await db.customerDataExport.deleteMany({ where: { shop, OR: or } });
      return count;
    },
  };
}

export type ExportRepository = ReturnType<typeof createExportRepository>;
