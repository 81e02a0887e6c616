import type { Database } from "../platform/db-client.server";
import { createRequestLifecycle } from "./requests-lifecycle.server";
import { createRequestPrivacy } from "./requests-privacy.server";
import { createRequestReads } from "./requests-reads.server";
import { createRequestSubmission } from "./requests-submit.server";
import { createRequestTimeline } from "./requests-timeline.server";

export { decidedMinorOf, engineDecisionOf, exchangeDifferenceOf } from "./requests-decisions.server";
export {
  REQUEST_STATUSES,
  moneyOverrideSchema,
  requestInputSchema,
  requestLineInputSchema,
  type CustomerRef,
  type MoneyCeiling,
  type MoneyOverrideInput,
  type RequestEventInput,
  type RequestEventRecord,
  type RequestInput,
  type RequestLineRecord,
  type RequestRecord,
  type RequestStatus,
  type RequestSummary,
} from "./requests-model.server";
export { SubmitRaced, type SubmitGuard } from "./requests-submit.server";

/**
 * Aftercare requests and their lines. Every function takes the shop's domain first and reads or
 * changes only that shop's rows (where clauses always carry `shop`, deletes included).
 *
 * @example
 * const requests = createRequestRepository(db);
 * const request = await requests.create("gold.myshopify.com", { orderId, orderName: "#1001", kind: "return", currency: "GBP", lines: [...] });
 */
export function createRequestRepository(db: Database) {
  return {
    ...createRequestSubmission(db),
    ...createRequestTimeline(db),
    ...createRequestReads(db),
    ...createRequestLifecycle(db),
    ...createRequestPrivacy(db),
  };
}

export type RequestRepository = ReturnType<typeof createRequestRepository>;
