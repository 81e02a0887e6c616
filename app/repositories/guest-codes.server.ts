import type { Database } from "../platform/db-client.server";

/** What checking a code found: the order it opens, or why it opens nothing. */
export type CodeCheck = { outcome: "ok"; orderId: string } | { outcome: "wrong" | "expired" | "spent" | "unknown" };

/**
 * One-time codes mailed to guests (GuestCode rows). Only the code's HMAC is stored; every
 * function takes the shop first and touches only that shop's rows.
 */
export function createGuestCodeRepository(db: Database) {
  return {
    /** A new code; the shop's codes already past their expiry go at the same time (no use to anyone). */
    async create(shop: string, input: { id: string; orderId: string; codeHash: string; expiresAt: Date }, now: Date): Promise<string> {
      await db.guestCode.deleteMany({ where: { shop, expiresAt: { lt: now } } });
      const row = await db.guestCode.create({ data: { shop, ...input }, select: { id: true } });
      return row.id;
    },

    /**
     * Spends the code if `codeHash` is its hash, unexpired and unused: the update that marks it used
     * is conditional on it being unused, so two tries at once open the order once. A wrong code
     * counts a try; the `maxAttempts`-th wrong try spends it.
     */
    async check(shop: string, id: string, codeHash: string, now: Date, maxAttempts: number): Promise<CodeCheck> {
      const row = await db.guestCode.findFirst({ where: { id, shop }, select: { orderId: true, codeHash: true, attempts: true, expiresAt: true, usedAt: true } });
      if (!row) return { outcome: "unknown" };
      if (row.usedAt) return { outcome: "spent" };
      if (row.expiresAt.getTime() <= now.getTime()) return { outcome: "expired" };
      if (row.codeHash !== codeHash) {
        const attempts = row.attempts + 1;
        await db.guestCode.updateMany({ where: { id, shop, usedAt: null }, data: { attempts, ...(attempts >= maxAttempts ? { usedAt: now } : {}) } });
        return { outcome: "wrong" };
      }
      const spent = await db.guestCode.updateMany({ where: { id, shop, usedAt: null }, data: { usedAt: now } });
      return spent.count === 1 ? { outcome: "ok", orderId: row.orderId } : { outcome: "spent" };
    },

  };
}

export type GuestCodeRepository = ReturnType<typeof createGuestCodeRepository>;
