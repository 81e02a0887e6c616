import type { LocalDate } from "../../domain/calendar";
import type { Policy, WindowRule } from "../../domain/policy/schema";
import type { RequestRepository, RequestSummary } from "../../repositories/requests.server";
import type { Entitlement, Viewer } from "../../schemas/requests";
import { adminClient, type Admin, type AdminClient } from "../../shopify/client.server";
import { ShopifyUnavailableError } from "../../shopify/errors";
import type { DecisionOrder } from "../../shopify/order-mapping";
import type { ExchangeProduct, ShopperOrder } from "../../shopify/shopper.server";
import { RequestFlowError } from "../errors";
import { signToken } from "../tokens.server";

/**
 * What every step of the request flow shares: its dependencies and the context it is called in,
 * the order as read from Shopify, the shopper-facing read budget and the form refusal. The steps
 * (read the order, decide, submit, photos, status) are wired by createRequestFlow
 * (app/requests/flow.server.ts).
 */
export type FlowContext = { shop: string; viewer: Viewer; admin: Admin };

export type PublishedPolicy = { policy: Policy; versionId: string | null };

export type RateLimit = {
  /** Counts one attempt under `key`; false when the key has used up its attempts. */
  consume(key: string): Promise<boolean>;
};

export type PhotoKeys = {
  /**
   * True when `key` names a photo this shop's shopper uploaded and it is still stored; with
   * `use`, only when it was uploaded by that viewer for that order.
   */
  exists(shop: string, key: string, use?: { viewer: Viewer; orderId: string }): Promise<boolean>;
};

export type RequestFlowDeps = {
  requests: RequestRepository;
  policies: (shop: string) => Promise<PublishedPolicy>;
  /** The app's secret: signs guest grants and status links. */
  secret: string;
  photos: PhotoKeys;
  /** Guest lookups per order number (a transport adds its own per-IP limit). */
  orderLookups: RateLimit;
  now?: () => Date;
  log?: { warn(obj: object, msg: string): void };
  /**
   * How long an order read from Shopify answers the order page and previews again (0: never).
   * Submitting always reads the order afresh. See docs/decisions/012-eligibility-speed.md.
   */
  orderCacheSeconds?: number;
};

export const GUEST_GRANT_HOURS = 4;
export const STATUS_LINK_DAYS = 90;
export const OPEN_STATUSES = new Set(["requested", "approved", "received", "inspected"]);
export const SPENT_STATUSES = new Set(["declined", "cancelled"]);
/** For "what may this item still get": an item as it arrived, with its receipt. */
export const AS_NEW = { used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false };

export const NOT_FOUND = "We could not find that order. Check the order number and the email address or phone number used for it.";

/** An order as Shopify gave it, with the entitlements already decided on it (see `entitlements`). */
export type Snapshot = {
  shopper: ShopperOrder;
  order: DecisionOrder;
  /** The shop's products, read only when the policy lets an exchange be for another item. */
  products: ExchangeProduct[];
  fetchedAt: number;
  /** Entitlements per policy object, then per day and stored-requests fingerprint. */
  decided: WeakMap<Policy, Map<string, Map<string, Entitlement[]>>>;
};

export type Loaded = {
  shopper: ShopperOrder;
  order: DecisionOrder;
  policy: Policy;
  versionId: string | null;
  stored: RequestSummary[];
  now: Date;
  lastDays: Map<WindowRule, LocalDate | null>;
  snapshot: Snapshot;
};

/**
 * How long the process's request flow keeps an order read from Shopify for its order page and
 * previews; submitting reads it again (docs/decisions/012-eligibility-speed.md).
 */
export const ORDER_CACHE_SECONDS = 30;
export const ORDER_CACHE_ENTRIES = 500;
export const DECIDED_PER_SNAPSHOT = 8;

/**
 * How long a shopper's page waits for Shopify's reads, retries included: the gateway's default
 * (a minute) outlasts the app proxy and the shopper, who then saw a bare 500.
 */
export const SHOPPER_READ_BUDGET_MS = 8_000;

/** `admin` with the shopper-facing budget (never a longer one than it had). */
export function shopperFacing(admin: Admin): AdminClient {
  const client = typeof admin === "function" ? adminClient(admin) : admin;
  return { ...client, policy: { ...client.policy, maxElapsedMs: Math.min(client.policy.maxElapsedMs, SHOPPER_READ_BUDGET_MS) } };
}

/** Reads for a shopper's page: Shopify not answering within the budget is a message, not a 500. */
export async function shopperRead<T>(admin: Admin, read: (admin: AdminClient) => Promise<T>): Promise<T> {
  try {
    return await read(shopperFacing(admin));
  } catch (error) {
    if (error instanceof ShopifyUnavailableError) throw new RequestFlowError("unavailable", "Shopify is not answering right now. Please try again in a few minutes.");
    throw error;
  }
}

export function invalid(error: { issues: { path: PropertyKey[]; message: string }[] }): RequestFlowError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "form";
    fields[path] ??= issue.message;
  }
  return new RequestFlowError("invalid", Object.values(fields).join(" "), fields);
}

/** The flow's dependencies, its clock, and the status link every step that answers with a request signs. */
export type FlowCore = {
  deps: RequestFlowDeps;
  clock: () => Date;
  statusLink(shop: string, requestId: string): { token: string; expiresAt: Date };
};

export function flowCore(deps: RequestFlowDeps): FlowCore {
  const clock = deps.now ?? (() => new Date());

  function statusLink(shop: string, requestId: string): { token: string; expiresAt: Date } {
    const expiresAt = new Date(clock().getTime() + STATUS_LINK_DAYS * 86_400_000);
    return { token: signToken(deps.secret, "status", shop, requestId, expiresAt), expiresAt };
  }

  return { deps, clock, statusLink };
}
