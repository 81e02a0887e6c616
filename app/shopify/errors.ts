/**
 * What the gateway throws. Callers (routes, webhook jobs, the reconciler) branch on the class:
 * a refusal is final and changed nothing; unavailability is transient; an unknown outcome must
 * never be resent blindly.
 */

/** One of Shopify's `userErrors`: the mutation was refused and nothing changed. */
export type UserError = { field: string[] | null; message: string; code: string | null };

export class ShopifyUserErrors extends Error {
  override name = "ShopifyUserErrors";
  constructor(
    readonly operation: string,
    readonly userErrors: UserError[],
  ) {
    super(`${operation} refused: ${userErrors.map((e) => `${e.field?.join(".") ?? "(input)"}: ${e.message}`).join("; ")}`);
  }

  /** True when any error carries one of these codes (e.g. "INVALID_STATE"). */
  has(...codes: string[]): boolean {
    return this.userErrors.some((e) => e.code !== null && codes.includes(e.code));
  }
}

/** Shopify kept failing (throttled, 5xx, network) for longer than the call's time budget. */
export class ShopifyUnavailableError extends Error {
  override name = "ShopifyUnavailableError";
  constructor(
    readonly operation: string,
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`${operation}: Shopify did not answer successfully after ${attempts} attempt(s): ${describe(lastError)}`);
  }
}

/**
 * A write without an idempotency safeguard failed in a way that does not say whether Shopify
 * applied it (5xx, dropped connection). The gateway does not resend it; the caller must inspect
 * Shopify's state first (docs/decisions/005-never-pay-twice.md).
 */
export class ShopifyOutcomeUnknownError extends Error {
  override name = "ShopifyOutcomeUnknownError";
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(`${operation}: the outcome is unknown (${describe(cause)}); not resent`);
  }
}

/** Shopify rejected the request itself (bad query, missing scope, 4xx): a bug, not retried. */
export class ShopifyRequestError extends Error {
  override name = "ShopifyRequestError";
  constructor(
    readonly operation: string,
    message: string,
  ) {
    super(`${operation}: ${message}`);
  }
}

/** Something Aftercare expected in Shopify's answer was not there (an order that does not exist). */
export class ShopifyNotFoundError extends Error {
  override name = "ShopifyNotFoundError";
  constructor(
    readonly operation: string,
    readonly id: string,
  ) {
    super(`${operation}: ${id} was not found`);
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split("\n")[0]}`;
  return String(error);
}
