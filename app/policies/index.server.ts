import { policies, shops } from "../repositories/index.server";
import { createPublishedCache } from "./published-cache.server";
import { createPolicyService } from "./service.server";

/** The policy use cases bound to the process's database, for routes and jobs. */
export const policyService = createPolicyService({ policies, shops, onLiveChanged: (shop) => publishedPolicies.forget(shop) });

/** Each shop's live policy as the request flow decides with it: parsed once per live version. */
export const publishedPolicies = createPublishedCache(
  async (shop) => {
    const { policy, versionId } = await policyService.live(shop);
    return { policy, versionId };
  },
  (shop) => policies.liveStamp(shop),
);

export { PolicyInvalidError, PolicyNotFoundError, decisionSummary, type PublishResult, type ChangedDecision } from "./service.server";

import { createSimulator } from "./simulate.server";

/** "Try a scenario", bound to the process's database. */
export const simulator = createSimulator({ policies, service: policyService });
export { composedOrderSchema, composedToOrder, simulationFormSchema, simulationPayloadSchema, simulationRequestSchema, type SideBySide } from "./simulate.server";
