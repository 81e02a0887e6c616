import type { OperationRecord, OperationRepository } from "../repositories/operations.server";

/** What the money operations run with (docs/decisions/005-never-pay-twice.md): their repository, clock, limits and test seams, and the key that names an operation. */

/** Test seam: throws at a named point to simulate the worker dying there. */
export type CrashPoint = "before-call" | "after-call" | "after-record";

export type MoneyDeps = {
  operations: OperationRepository;
  now?: () => Date;
  crash?: (point: CrashPoint, operation: OperationRecord) => void;
  /** Sends of one operation after which it is handed to a person (needs_review). */
  maxAttempts?: number;
  /**
   * The reconciler leaves alone rows changed more recently than this: a live worker may be in the
   * middle of sending them (its client gives up within a minute). Default 3 minutes.
   */
  reconcileGraceMs?: number;
  /**
   * How far a store credit's lookup reads the customer's history (newest first, page by page):
   * back to the send less `marginMs` (clock skew between us and Shopify), at most `maxPages` pages
   * of `pageSize`. Defaults: 10 minutes, 20 pages of 50.
   */
  creditLookup?: Partial<CreditLookup>;
};

export type CreditLookup = { marginMs: number; pageSize: number; maxPages: number };

export function creditLookup(deps: MoneyDeps): CreditLookup {
  return { marginMs: 600_000, pageSize: 50, maxPages: 20, ...deps.creditLookup };
}

/**
 * The lookup read its page cap of the customer's history without reaching the send: whether the
 * credit landed cannot be said, so the operation goes to a person rather than being resent.
 */
export class LookupUndecided extends Error {
  override name = "LookupUndecided";
}

export type MoneyOutcome = OperationRecord;

/** The deterministic key: the same request and step always name the same operation. */
export function operationKey(requestId: string, step: string): string {
  return `aftercare:${requestId}:${step}`;
}

/** A quote's invoice: sent for the draft order made under the quote's tag (its draft_order operation). */
export type QuoteInvoicePlan = { tag: string };
