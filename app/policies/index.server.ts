import { policies, shops } from "../repositories/index.server";
import { createPublishedCache } from "./published-cache.server";
import { createPolicyService } from "./service.server";

/** How long a shop's live policy is kept for deciding requests (published-cache.server.ts). */
export const PUBLISHED_POLICY_CACHE_MS = 5_000;

/** The policy use cases bound to the process's database, for routes and jobs. */
export const policyService = createPolicyService({ policies, shops, onLiveChanged: (shop) => publishedPolicies.forget(shop) });

/** Each shop's live policy as the request flow decides with it. */
export const publishedPolicies = createPublishedCache(async (shop) => {
  const { policy, versionId } = await policyService.live(shop);
  return { policy, versionId };
}, PUBLISHED_POLICY_CACHE_MS);

export { PolicyInvalidError, PolicyNotFoundError, decisionSummary, type PublishResult, type ChangedDecision } from "./service.server";

import { createSimulator } from "./simulate.server";

/** "Try a scenario", bound to the process's database. */
export const simulator = createSimulator({ policies, service: policyService });
export { composedOrderSchema, composedToOrder, simulationRequestSchema, type SideBySide } from "./simulate.server";
