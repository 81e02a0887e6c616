import type { PolicyDocument } from "./types";

export type Published = { policy: PolicyDocument; versionId: string | null };

/**
 * Each shop's live policy, parsed once and reused while it stays the live one: every storefront
 * order page and preview decides with it, and reading and parsing the document each time cost
 * more than deciding. Each request reads the live policy's stamp (`stamp`: the newest published
 * version's id, one indexed query, see PolicyRepository.liveStamp) and gets the parsed policy
 * kept for that stamp, so a version published by any process, or a policy changed in the database
 * behind the app, decides the very next request. The same object is handed out while the stamp
 * holds, so the engine's matchers compiled for it (app/domain/engine/match.ts) are reused too.
 * See docs/decisions/012-eligibility-speed.md.
 */
export function createPublishedCache(load: (shop: string) => Promise<Published>, stamp: (shop: string) => Promise<string>) {
  // The pending read is kept too, so many requests at once on a new stamp read it once.
  const entries = new Map<string, { stamp: string; value: Promise<Published> }>();
  // A stamp read in flight answers the requests that arrive while it runs (under load many
  // arrive at once): they see what the database held a moment before they arrived, never older.
  const checking = new Map<string, Promise<string>>();
  function stampOf(shop: string): Promise<string> {
    let pending = checking.get(shop);
    if (!pending) {
      pending = stamp(shop).finally(() => checking.delete(shop));
      checking.set(shop, pending);
    }
    return pending;
  }
  return {
    async get(shop: string): Promise<Published> {
      const current = await stampOf(shop);
      const entry = entries.get(shop);
      if (entry && entry.stamp === current) return entry.value;
      const value = load(shop);
      const fresh = { stamp: current, value };
      entries.set(shop, fresh);
      // A failed read is not kept: the next request tries again.
      value.catch(() => {
        if (entries.get(shop) === fresh) entries.delete(shop);
      });
      return value;
    },
    /** Drops the shop's parsed policy (publishing in this process does, before the next request). */
    forget(shop: string): void {
      entries.delete(shop);
    },
  };
}
