import type { Database } from "../platform/db-client.server";
import { decidedMinorOf } from "./requests-decisions.server";
import { toDbMinor } from "./minor-units.server";
import { moneyOverrideSchema, statusesBefore, type MoneyOverrideInput, type RequestStatus } from "./requests-model.server";

/**
 * What moves a request on: its decision and money override, its Shopify return (linked, or not
 * opened yet), its status (forward only), and the order's changes that Shopify's webhooks report.
 */
export function createRequestLifecycle(db: Database) {
  return {
    /** Records the engine's decision; its refund total becomes the request's money ceiling. */
    async recordDecision(shop: string, id: string, decision: unknown, resolution: string | null): Promise<boolean> {
      const request = await db.aftercareRequest.findFirst({ where: { shop, id }, select: { currency: true } });
      if (!request) return false;
      const moneyDecidedMinor = toDbMinor(decidedMinorOf(decision, request.currency));
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, id }, data: { decisionJson: JSON.stringify(decision), resolution, moneyDecidedMinor } });
      return count === 1;
    },

    /**
     * The merchant allows `minor` more than the engine decided (a goodwill gesture, a
     * correction), recorded with who and why; replaces an earlier override. The ceiling then is
     * decided + override.
     */
    async recordMoneyOverride(shop: string, id: string, input: MoneyOverrideInput, at: Date): Promise<boolean> {
      const data = moneyOverrideSchema.parse(input);
      const { count } = await db.aftercareRequest.updateMany({
        where: { shop, id },
        data: { moneyOverrideMinor: toDbMinor(data.minor), moneyOverrideReason: data.reason, moneyOverrideBy: data.by, moneyOverrideAt: at, moneyVersion: { increment: 1 } },
      });
      return count === 1;
    },

    async linkReturn(shop: string, id: string, shopifyReturnId: string): Promise<boolean> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, id }, data: { shopifyReturnId, returnError: null, returnRetryAt: null } });
      return count === 1;
    },

    /** Shopify did not open the request's return: the reason, one more attempt counted, and when to try again (null: give up). */
    async returnNotOpened(shop: string, id: string, error: string, retryAt: Date | null): Promise<boolean> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, id, shopifyReturnId: null }, data: { returnError: error.slice(0, 500), returnAttempts: { increment: 1 }, returnRetryAt: retryAt } });
      return count === 1;
    },

    /** Moves a request forward (never back); false when it is unknown or already further on. */
    async advance(shop: string, id: string, to: RequestStatus): Promise<boolean> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, id, status: { in: statusesBefore(to) } }, data: { status: to } });
      return count === 1;
    },

    /** True when the desk cancelled this Shopify return to make it again (its webhooks are not the request's). */
    async isReplacedReturn(shop: string, shopifyReturnId: string): Promise<boolean> {
      return (await db.replacedReturn.count({ where: { shop, returnId: shopifyReturnId } })) > 0;
    },

    /** returns/* webhooks: the request behind a Shopify return follows what the merchant did there. */
    async advanceByReturn(shop: string, shopifyReturnId: string, to: RequestStatus): Promise<number> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, shopifyReturnId, status: { in: statusesBefore(to) } }, data: { status: to } });
      return count;
    },

    /** orders/cancelled: requests still open on a cancelled order are cancelled too. */
    async cancelOpenForOrder(shop: string, orderId: string): Promise<number> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, orderId, status: { in: ["requested", "approved"] } }, data: { status: "cancelled" } });
      return count;
    },

    async renameOrder(shop: string, orderId: string, orderName: string): Promise<number> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, orderId, NOT: { orderName } }, data: { orderName } });
      return count;
    },

    async recordDelivery(shop: string, orderId: string, deliveredAt: Date): Promise<number> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, orderId }, data: { deliveredAt } });
      return count;
    },
  };
}
