/**
 * The local Shopify stand-in (docs/decisions/004-shopify-stand-in.md). Test and demo code only:
 * nothing under app/ imports it, and it never enters the production bundle.
 */
export { createStandin, shopDefaults, type GraphqlRequest, type GraphqlResult, type ShopInit, type StandinOptions, type QueryCost, type ShopifyGraphqlError } from "./executor";
export { startStandin, type RunningStandin, type StartStandinOptions, type StandinRoute, type RouteContext } from "./server";
export { Faults, type Fault, type FaultTarget } from "./faults";
export { sessionToken, signJwt, verifyJwt, DEFAULT_STAFF, type StaffMember, type SessionTokenClaims } from "./tokens";
export { ShopStore, type StoreEvent } from "./store";
export { payDraftOrder } from "./draft-orders";
export { API_VERSION, adminSchema } from "./schema";
export { appProxySignature, appProxyFromToml, signedAppProxyUrl, type AppProxyConfig } from "./app-proxy";
export { Webhooks, subscriptionsFromToml, webhookHmac, type Delivery, type Subscription, type WebhookOptions } from "./webhooks";
export { payloadFor, compliancePayload, shopPayload } from "./webhook-payloads";
export { APP_BRIDGE_SCRIPT } from "./app-bridge-script";
