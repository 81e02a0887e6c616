import type { Decision } from "../domain";
import { returnFeesOf } from "../domain/return-fees";
import { engineDecisionOf, type RequestRepository } from "../repositories/requests.server";
import type { Admin } from "../shopify/client.server";
import { ShopifyUserErrors } from "../shopify/errors";
import { requestReturn } from "../shopify/returns.server";

/**
 * A shopper's return that Shopify refused (userErrors) or did not answer at submit is not left
 * silently: the request keeps why (`returnError`, shown on the shopper's status page and in the
 * request's record for the desk) and the worker asks Shopify again, waiting longer each time,
 * until the return opens or `RETURN_ATTEMPTS` have been made; then it waits for the merchant.
 * `requestReturn` checks the order's returns after an unanswered call, so a return that Shopify
 * did open is found, not opened twice.
 */
export const RETURN_ATTEMPTS = 8;

/** One minute after the first failure, doubling, at most six hours. */
export function returnRetryDelayMs(attempts: number): number {
  return Math.min(6 * 3_600_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** The words kept for a failure: Shopify's own for a refusal, a plain sentence for an outage. */
export function returnErrorText(error: unknown): string {
  return error instanceof ShopifyUserErrors ? error.message : "Shopify could not be reached to open the return.";
}

/** When to try again after `attempts` failures, or null to stop. */
export function nextReturnAttempt(attempts: number, now: Date): Date | null {
  return attempts >= RETURN_ATTEMPTS ? null : new Date(now.getTime() + returnRetryDelayMs(attempts));
}

export type ReturnRetryDeps = {
  requests: RequestRepository;
  adminFor: (shop: string) => Promise<Admin | null>;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
};

/** Asks Shopify again for every return due; returns how many opened and how many failed again. */
export async function retryShopifyReturns(deps: ReturnRetryDeps, now: Date): Promise<{ opened: number; failed: number }> {
  let opened = 0;
  let failed = 0;
  for (const request of await deps.requests.dueReturnRetries(now)) {
    const attempts = request.returnAttempts + 1;
    let admin: Admin | null;
    try {
      admin = await deps.adminFor(request.shop);
    } catch (error) {
      // The shop's session could not be loaded (database, token refresh): nothing is known about
      // Shopify, so nothing is recorded and no attempt is counted; the next pass asks again.
      deps.log?.warn({ shop: request.shop, requestId: request.id, error: (error as Error).message }, "shop session not loaded; return retry left for the next pass");
      failed++;
      continue;
    }
    if (!admin) {
      // Not installed now: nothing to ask; counted, so it stops after the last attempt.
      await deps.requests.returnNotOpened(request.shop, request.id, "The app is not installed on the shop.", nextReturnAttempt(attempts, now));
      failed++;
      continue;
    }
    try {
      const ret = await requestReturn(
        admin,
        request.orderId,
        request.lines.map((l) => ({ fulfillmentLineItemId: l.fulfillmentLineItemId as string, quantity: l.quantity, reason: l.reason, customerNote: request.customerNote })),
        returnFeesOf((engineDecisionOf(request.decision) as Decision | null)?.refund),
      );
      await deps.requests.linkReturn(request.shop, request.id, ret.id);
      await deps.requests.addEvent(request.shop, request.id, { type: "message", actor: "system", message: `Return request opened in Shopify on attempt ${attempts}.` });
      opened++;
    } catch (error) {
      const message = returnErrorText(error);
      const retryAt = nextReturnAttempt(attempts, now);
      await deps.requests.returnNotOpened(request.shop, request.id, message, retryAt);
      if (!retryAt) await deps.requests.addEvent(request.shop, request.id, { type: "message", actor: "system", message: `Return request still not opened in Shopify after ${attempts} attempts: ${message} Open it from Shopify's admin.` });
      deps.log?.warn({ shop: request.shop, requestId: request.id, attempts, error: (error as Error).message }, "Shopify return request failed again");
      failed++;
    }
  }
  return { opened, failed };
}
