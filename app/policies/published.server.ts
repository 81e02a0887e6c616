import type { PolicyDocument } from "./types";
import { publishedPolicies } from "./index.server";

/**
 * The live policy of a shop, and the id of the version it comes from (null before the shop
 * has published one: the preset or document it chose at install decides until then). Every
 * module that decides requests reads the policy through this function, and records `versionId`
 * beside what it decided. Parsed once per live version (published-cache.server.ts); the
 * policy editor reads `policyService.live` directly.
 */
export async function getPublishedPolicy(shopDomain: string): Promise<{ policy: PolicyDocument; versionId: string | null }> {
  return publishedPolicies.get(shopDomain);
}
