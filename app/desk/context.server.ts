import type { Session } from "@shopify/shopify-api";

import { logger } from "../logger.server";
import { policyService } from "../policies/index.server";
import { desk, operations, requests, shops } from "../repositories/index.server";
import { authenticate, onlineSessionFor, sessionStorage } from "../shopify.server";
import { createDesk } from "./actions.server";
import { resolveStaff, sessionTokenOf, type StaffLookup } from "./staff.server";

/** Staff names: the online session kept in the session storage, else one asked of Shopify once. */
const staffLookup: StaffLookup = {
  stored: (shop, userId) => sessionStorage.loadSession(`${shop}_${userId}`),
  exchange: onlineSessionFor,
  store: (session: Session) => sessionStorage.storeSession(session),
};

/**
 * What every desk route starts with: the merchant authenticated (a forged or unsigned request
 * never gets past this), the shop, the staff member from the session token (named, see
 * app/desk/staff.server.ts), and the desk's use-case module bound to them.
 */
export async function deskContext(request: Request) {
  const { admin, session, sessionToken } = await authenticate.admin(request);
  const shop = (await shops.find(session.shop)) ?? (await shops.recordInstall(session.shop));
  const staff = await resolveStaff(
    { shop: session.shop, userId: sessionToken?.sub ? String(sessionToken.sub) : null, session, sessionToken: sessionTokenOf(request) },
    staffLookup,
    new Date(),
    (error) => logger.warn({ shop: session.shop, error: String(error) }, "staff member's name not available from Shopify"),
  );
  const repos = { requests, desk, operations };
  // The merchant's restock setting, from the live policy (absent: never restock).
  const { policy } = await policyService.live(shop.domain);
  return {
    shop,
    staff,
    repos,
    desk: createDesk({ ...repos, admin: admin.graphql, staff, timezone: shop.timezone, restockOnProcess: policy.returns.restockOnProcess }),
  };
}
