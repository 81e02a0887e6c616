import { isPresetName, policySchema, presetPolicy, type Policy } from "../domain";
import { logger } from "../logger.server";
import { shops } from "../repositories/index.server";

/** The policy document type the engine decides with. */
export type PolicyDocument = Policy;

export class NoPublishedPolicyError extends Error {
  override name = "NoPublishedPolicyError";
  constructor(readonly shop: string) {
    super(`${shop} has not published an after-sales policy`);
  }
}

/**
 * The policy shoppers are decided by: the shop's stored document, else the preset it chose.
 * `versionId` names the published version that decided a request (null until policies are
 * versioned: the policy editor's branch owns this file and replaces it with its versioned store).
 * Throws NoPublishedPolicyError for a shop without a policy.
 */
export async function getPublishedPolicy(shopDomain: string): Promise<{ policy: PolicyDocument; versionId: string | null }> {
  const row = await shops.find(shopDomain);
  if (!row) throw new NoPublishedPolicyError(shopDomain);
  const stored = await shops.policyJson(shopDomain);
  if (stored) {
    let json: unknown = null;
    try {
      json = JSON.parse(stored);
    } catch {
      json = null;
    }
    const parsed = policySchema.safeParse(json);
    if (parsed.success) return { policy: parsed.data, versionId: null };
    logger.error({ shop: shopDomain, issues: parsed.error.issues.slice(0, 3) }, "stored policy does not parse; using the preset");
  }
  if (row.policyPreset && isPresetName(row.policyPreset)) return { policy: presetPolicy(row.policyPreset), versionId: null };
  throw new NoPublishedPolicyError(shopDomain);
}
