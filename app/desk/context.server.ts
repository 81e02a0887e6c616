import type { Session } from "@shopify/shopify-api";

import { shopLocale } from "../domain/money";
import { policySchema, type Policy } from "../domain/policy/schema";
import { adminLocale } from "../i18n/i18n.server";
import { logger } from "../platform/logger.server";
import { publishedPolicies } from "../policies/index.server";
import { env } from "../platform/env.server";
import { shopifyNotifiesFor } from "../messaging/senders.server";
import { desk, operations, policies, repairs, requests, shops } from "../repositories/index.server";
import { notifications } from "../repositories/outbox.server";
import { flowStore } from "../repositories/flow-store.server";
import { authenticate, onlineSessionFor, sessionStorage } from "../shopify.server";
import { parcels } from "../parcels/index.server";
import type { AdminGraphql } from "../shopify/client.server";
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
  // The staff member and the merchant's restock setting (from the live policy, parsed once per
  // version: absent, never restock) are independent reads, asked together.
  const [staff, { policy }] = await Promise.all([
    resolveStaff(
      { shop: session.shop, userId: sessionToken?.sub ? String(sessionToken.sub) : null, session, sessionToken: sessionTokenOf(request) },
      staffLookup,
      new Date(),
      (error) => logger.warn({ shop: session.shop, error: String(error) }, "staff member's name not available from Shopify"),
    ),
    publishedPolicies.get(shop.domain),
  ]);
  const repos = { requests, desk, operations };
  const locale = localeOf(request, shop.country);
  return {
    shop,
    locale,
    staff,
    repos,
    /** The merchant's Admin API client (the bench's quotes send draft orders through it). */
    admin: admin.graphql,
    desk: createDesk({ ...repos, admin: admin.graphql, staff, timezone: shop.timezone, locale, restockOnProcess: policy.returns.restockOnProcess, storeCreditExpiryDays: storeCreditExpiryDaysOf(policy), policyOf: (versionId) => policyOf(shop.domain, versionId, policy), parcel: parcelHooks(admin.graphql, shop.domain), shopifyNotifies: shopifyNotifiesFor(notifications, shop.domain, Boolean(env.SMTP_URL)), repairs, holds: flowStore }),
  };
}

/**
 * What a desk page's loader needs: the merchant authenticated, the shop, the money locale and the
 * repositories. The staff member's name and the live policy are for acting (deskContext); a page
 * that only reads does not wait for them.
 */
export async function deskReader(request: Request) {
  const { session } = await authenticate.admin(request);
  const shop = (await shops.find(session.shop)) ?? (await shops.recordInstall(session.shop));
  return { shop, locale: localeOf(request, shop.country), repos: { requests, desk, operations } };
}

/**
 * The policy a request was decided with: its published version when it names one that still
 * parses, else the live policy (an inspection is decided again with it).
 */
async function policyOf(shop: string, versionId: string | null, live: Policy): Promise<Policy> {
  if (!versionId) return live;
  const version = await policies.byId(shop, versionId);
  const parsed = version ? policySchema.safeParse(JSON.parse(version.documentJson)) : null;
  return parsed?.success ? parsed.data : live;
}

/** Each case's store-credit expiry in days (its refund rule's), for an exchange's difference given as credit. */
function storeCreditExpiryDaysOf(policy: Policy): Record<string, number | null> {
  const days = (rules: Policy["warranty"]) => (rules.enabled ? (rules.refund?.storeCreditExpiryDays ?? null) : null);
  return { change_of_mind: days(policy.returns.changeOfMind), faulty: days(policy.returns.faulty), warranty: days(policy.warranty) };
}

/**
 * The locale the desk shows money and words in: the admin's language (Shopify's `locale` parameter
 * on an embedded load, else the one the app layout kept from it, else the browser's
 * Accept-Language) with the shop's country as the region ("en" + GB → "en-GB": "£44.10").
 */
export function localeOf(request: Request, country: string): string {
  return shopLocale(adminLocale(request), country);
}

/** The parcel module's hooks into the desk: the postage repaid with the money, the reverse delivery on approval. */
function parcelHooks(admin: AdminGraphql, shop: string) {
  return {
    postageMinor: (request: Parameters<typeof parcels.repaidNow>[2]) => parcels.repaidNow(admin, shop, request),
    attach: (s: string, requestId: string) => parcels.attach(admin, s, requestId),
    evidence: (s: string, requestId: string) => parcels.view(s, requestId),
  };
}
