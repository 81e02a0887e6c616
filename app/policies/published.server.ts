import type { PolicyDocument } from "./types";
import { policyService } from "./index.server";

/**
 * The live policy of a shop, and the id of the version it comes from (null before the shop
 * has published one: the preset or document it chose at install decides until then). Every
 * module that decides requests reads the policy through this function, and records `versionId`
 * beside what it decided.
 */
export async function getPublishedPolicy(shopDomain: string): Promise<{ policy: PolicyDocument; versionId: string | null }> {
  const { policy, versionId } = await policyService.live(shopDomain);
  return { policy, versionId };
}
