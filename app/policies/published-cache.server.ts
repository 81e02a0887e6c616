import type { PolicyDocument } from "./types";

export type Published = { policy: PolicyDocument; versionId: string | null };

/**
 * Each shop's live policy, parsed once and kept for a few seconds: every storefront order page
 * and preview decides with it, and reading and parsing the document each time cost more than
 * deciding. The same object is handed out while it is kept, so the engine's matchers compiled
 * for it (app/domain/engine/match.ts) are reused too. Publishing in this process forgets the
 * shop's entry at once; another process picks a new version up within `ttlMs`.
 * See docs/decisions/012-eligibility-speed.md.
 */
export function createPublishedCache(load: (shop: string) => Promise<Published>, ttlMs: number, now: () => number = Date.now) {
  // The pending read is kept too, so many requests at once on an expired entry read it once.
  const entries = new Map<string, { at: number; value: Promise<Published> }>();
  return {
    get(shop: string): Promise<Published> {
      const entry = entries.get(shop);
      if (entry && now() - entry.at < ttlMs) return entry.value;
      const value = load(shop);
      const fresh = { at: now(), value };
      entries.set(shop, fresh);
      // A failed read is not kept: the next request tries again.
      value.catch(() => {
        if (entries.get(shop) === fresh) entries.delete(shop);
      });
      return value;
    },
    forget(shop: string): void {
      entries.delete(shop);
    },
  };
}
