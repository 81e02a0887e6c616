import {
  GraphqlQueryError,
  HttpInternalError,
  HttpMaxRetriesError,
  HttpRequestError,
  HttpResponseError,
  HttpThrottlingError,
} from "@shopify/shopify-api";

import type { AdminOperations } from "@shopify/admin-api-client";

import { shopifyMetrics } from "./telemetry.server";
import { describe, ShopifyOutcomeUnknownError, ShopifyRequestError, ShopifyUnavailableError, ShopifyUserErrors, type UserError } from "./errors";

/**
 * The Admin GraphQL function the library hands out (`admin.graphql` from `authenticate.admin`,
 * `unauthenticated.admin` or a webhook's `admin`): it sends one request and answers a Response
 * whose JSON is `{ data, extensions }`, and throws the library's errors otherwise.
 */
export type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

/** How hard the gateway tries before giving up; tests pass small delays and a fake clock. */
export type RetryPolicy = {
  /** First backoff delay; doubles each attempt up to `maxDelayMs`, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The whole call, waits included, gives up after this long with ShopifyUnavailableError. */
  maxElapsedMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxElapsedMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  random: Math.random,
};

export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

/** A client with its policy and what Shopify last said about the shop's cost bucket. */
export type AdminClient = {
  graphql: AdminGraphql;
  policy: RetryPolicy;
  throttle: { status: ThrottleStatus; at: number } | null;
  /** Requested and actual cost of each call, newest last (the tests measure documents with it). */
  costs: { operation: string; requested: number; actual: number | null }[];
};

/** What gateway functions accept first: the library's `graphql` function, or a configured client. */
export type Admin = AdminGraphql | AdminClient;

const clients = new WeakMap<AdminGraphql, AdminClient>();

export function adminClient(graphql: AdminGraphql, policy: Partial<RetryPolicy> = {}): AdminClient {
  return { graphql, policy: { ...DEFAULT_RETRY_POLICY, ...policy }, throttle: null, costs: [] };
}

/** One client per library function, so the throttle state follows the shop across calls. */
export function asClient(admin: Admin): AdminClient {
  if (typeof admin !== "function") return admin;
  let client = clients.get(admin);
  if (!client) {
    client = adminClient(admin);
    clients.set(admin, client);
  }
  return client;
}

type Cost = { requestedQueryCost?: number; actualQueryCost?: number | null; throttleStatus?: ThrottleStatus };
type Body = { data?: unknown; errors?: unknown; extensions?: { cost?: Cost } };

/** Why an attempt failed, and whether Shopify may have applied it. */
type Failure =
  | { kind: "throttled"; waitMs: number; error: unknown } // not executed: always safe to resend
  | { kind: "transient"; error: unknown } // 5xx or network: may have been executed
  | { kind: "fatal"; error: ShopifyRequestError };

export type SendOptions = {
  /**
   * For a mutation without `@idempotent`: reads Shopify's state after an ambiguous failure and
   * returns the mutation's effect if it is already visible, or null. It only recognises: whatever
   * it finds, such a mutation is never sent again here (its effect may not show yet: a timed-out
   * call can still be running). Without an effect, ShopifyOutcomeUnknownError is thrown and the
   * caller's record stays unfinished for the reconciler (docs/decisions/005).
   */
  verify?: () => Promise<unknown>;
  /**
   * Shopify itself refuses a second run of this mutation once the first has landed (a return's
   * status change; a return, bounded by the quantities still returnable), so when `verify` does not
   * see the effect it may be sent again. Never for money or for anything Shopify would make twice
   * (storeCreditAccountCredit, returnProcess, draftOrderCreate).
   */
  repeatable?: boolean;
};

/**
 * Sends one typed operation. Waits when the shop's bucket is low or Shopify answers THROTTLED,
 * retries 5xx and network failures with capped exponential backoff and full jitter, and gives up
 * after `maxElapsedMs`. A mutation is resent after an ambiguous failure only when its document
 * carries `@idempotent(key:)` (Shopify then returns the first call's result) or is `repeatable`
 * and its `verify` does not see it; any other mutation answers the effect its `verify` already
 * sees, or throws ShopifyOutcomeUnknownError.
 */
export async function send<Q extends keyof AdminOperations & string>(
  admin: Admin,
  query: Q,
  variables: AdminOperations[Q]["variables"],
  options: SendOptions = {},
): Promise<AdminOperations[Q]["return"]> {
  const client = asClient(admin);
  const { policy } = client;
  const operation = operationName(query);
  const isMutation = /^\s*(#graphql\s*)?mutation\b/.test(query);
  const idempotent = /@idempotent\s*\(/.test(query);
  const started = policy.now();
  let attempt = 0;
  for (;;) {
    attempt += 1;
    await waitForBucket(client);
    let failure: Failure;
    try {
      const response = await client.graphql(query, { variables: variables as Record<string, unknown> });
      const body = (await response.json()) as Body;
      remember(client, operation, body.extensions?.cost);
      if (body.errors) {
        failure = classifyGraphqlErrors(operation, body.errors, body.extensions?.cost);
        count(operation, failure, "graphql");
        if (failure.kind === "fatal") throw failure.error;
      } else {
        return body.data as AdminOperations[Q]["return"];
      }
    } catch (error) {
      if (error instanceof ShopifyRequestError || error instanceof Response) throw error;
      failure = classify(client, operation, error);
      count(operation, failure, via(error));
      if (failure.kind === "fatal") throw failure.error;
    }

    if (failure.kind === "transient" && isMutation && !idempotent) {
      // Never resent after an unknown outcome: "not visible yet" is not "did not happen".
      const effect = options.verify ? await options.verify() : null;
      if (effect !== null && effect !== undefined) return effect as AdminOperations[Q]["return"];
      if (!options.repeatable) throw new ShopifyOutcomeUnknownError(operation, failure.error);
    }
    const wait = failure.kind === "throttled" ? failure.waitMs : backoff(policy, attempt);
    if (policy.now() - started + wait > policy.maxElapsedMs) throw new ShopifyUnavailableError(operation, attempt, failure.error);
    await policy.sleep(wait);
  }
}

/**
 * Shopify's answer to an `@idempotent` key whose first request is still running
 * (IDEMPOTENCY_CONCURRENT_REQUEST: "This request is currently in progress, please try again.").
 * refundCreate's UserError has no code field, so the message is matched too.
 */
export function isRequestInFlight(error: { message: string; code?: string | null }): boolean {
  return error.code === "IDEMPOTENCY_CONCURRENT_REQUEST" || /request is currently in progress/i.test(error.message);
}

/**
 * Throws ShopifyUserErrors when a payload's `userErrors` is not empty. "Already in flight" is not
 * a refusal: the first request may yet succeed, so it throws ShopifyOutcomeUnknownError and the
 * caller reconciles (looks at Shopify's state) instead of recording a failure.
 */
export function assertNoUserErrors(operation: string, payload: { userErrors: { field?: string[] | null; message: string; code?: string | null }[] } | null | undefined): void {
  if (!payload) throw new ShopifyRequestError(operation, "the mutation returned no payload");
  if (payload.userErrors.length) {
    const errors: UserError[] = payload.userErrors.map((e) => ({ field: e.field ?? null, message: e.message, code: e.code ?? null }));
    if (errors.some(isRequestInFlight)) throw new ShopifyOutcomeUnknownError(operation, new ShopifyUserErrors(operation, errors));
    throw new ShopifyUserErrors(operation, errors);
  }
}

export function operationName(query: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "anonymous";
}

function backoff(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(policy.random() * ceiling);
}

function remember(client: AdminClient, operation: string, cost: Cost | undefined) {
  if (!cost) return;
  if (cost.throttleStatus) client.throttle = { status: cost.throttleStatus, at: client.policy.now() };
  client.costs.push({ operation, requested: cost.requestedQueryCost ?? 0, actual: cost.actualQueryCost ?? null });
  if (client.costs.length > 100) client.costs.shift();
}

/** Before sending: if the bucket was nearly empty, wait until it has refilled enough. */
async function waitForBucket(client: AdminClient) {
  if (!client.throttle) return;
  const { status, at } = client.throttle;
  const needed = Math.min(status.maximumAvailable / 10, 100);
  const elapsed = (client.policy.now() - at) / 1000;
  const available = status.currentlyAvailable + elapsed * status.restoreRate;
  if (available >= needed || status.restoreRate <= 0) return;
  await client.policy.sleep(Math.ceil(((needed - available) / status.restoreRate) * 1000));
}

function classifyGraphqlErrors(operation: string, errors: unknown, cost: Cost | undefined): Failure {
  const list = Array.isArray(errors) ? (errors as { message?: string; extensions?: { code?: string } }[]) : [];
  if (list.some((e) => e.extensions?.code === "THROTTLED")) return { kind: "throttled", waitMs: throttleWait(cost), error: new Error("THROTTLED") };
  if (list.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR")) return { kind: "transient", error: new Error(list[0]?.message ?? "internal error") };
  return { kind: "fatal", error: new ShopifyRequestError(operation, list.map((e) => e.message).join("; ") || "GraphQL errors") };
}

/** Time until the bucket holds the query's requested cost again. */
function throttleWait(cost: Cost | undefined): number {
  const status = cost?.throttleStatus;
  if (!status || status.restoreRate <= 0) return 1_000;
  const missing = Math.max(0, (cost?.requestedQueryCost ?? 0) - status.currentlyAvailable);
  return Math.max(50, Math.ceil((missing / status.restoreRate) * 1000));
}

/** The library's error classes, by class (or by name, should two copies of the library meet). */
function libraryErrorName(error: unknown): string {
  const classes = [
    [GraphqlQueryError, "GraphqlQueryError"],
    [HttpThrottlingError, "HttpThrottlingError"],
    [HttpInternalError, "HttpInternalError"],
    [HttpMaxRetriesError, "HttpMaxRetriesError"],
    [HttpRequestError, "HttpRequestError"],
    [HttpResponseError, "HttpResponseError"],
  ] as const;
  for (const [type, name] of classes) if (error instanceof type) return name;
  return (error as { constructor?: { name?: string } })?.constructor?.name ?? "";
}

/** Where a failed call's error came from, for the metrics. */
function via(error: unknown): "graphql" | "http" | "network" {
  const name = libraryErrorName(error);
  if (name === "GraphqlQueryError") return "graphql";
  if (name.startsWith("Http") && name !== "HttpRequestError") return "http";
  return "network";
}

/** Each failed attempt counted once: as throttling, or as an error. */
function count(operation: string, failure: Failure, source: "graphql" | "http" | "network"): void {
  if (failure.kind === "throttled") shopifyMetrics.throttled.inc({ operation, via: source });
  else shopifyMetrics.errors.inc({ operation, via: source });
}

function classify(client: AdminClient, operation: string, error: unknown): Failure {
  const e = error as { body?: Body; response?: { code?: number; retryAfter?: number } };
  const name = libraryErrorName(error);
  if (name === "GraphqlQueryError" && e.body) {
    remember(client, operation, e.body.extensions?.cost);
    const graphQLErrors = (e.body.errors as { graphQLErrors?: unknown } | undefined)?.graphQLErrors ?? e.body.errors;
    return classifyGraphqlErrors(operation, graphQLErrors, e.body.extensions?.cost);
  }
  if (name === "HttpThrottlingError") return { kind: "throttled", waitMs: Math.max(50, (e.response?.retryAfter ?? 1) * 1000), error };
  if (name === "HttpInternalError" || name === "HttpRequestError" || name === "HttpMaxRetriesError") return { kind: "transient", error };
  if (name === "HttpResponseError") {
    const code = e.response?.code ?? 0;
    // A 200 whose body broke off mid-way is a dropped connection, not a refusal.
    if (code === 200 || code === 0) return { kind: "transient", error };
    return { kind: "fatal", error: new ShopifyRequestError(operation, describe(error)) };
  }
  if (error instanceof TypeError || (error instanceof Error && /fetch failed|ECONNRESET|socket|network|aborted/i.test(error.message))) {
    return { kind: "transient", error };
  }
  return { kind: "fatal", error: new ShopifyRequestError(operation, describe(error)) };
}
