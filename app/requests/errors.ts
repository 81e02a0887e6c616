/**
 * Why the request flow said no, in a form every transport can map: `not_found` (404, also for an
 * order of someone else), `invalid` (400/422 with messages per field), `not_eligible` and
 * `requirements_missing` (422, with the merchant's words), `conflict` (409: another request for
 * the same item was stored while this one was being sent), `rate_limited` (429), `unavailable`
 * (503: the shop has no policy or Shopify could not be reached).
 */
export type RequestFlowErrorCode = "not_found" | "invalid" | "not_eligible" | "requirements_missing" | "conflict" | "rate_limited" | "unavailable";

export class RequestFlowError extends Error {
  override name = "RequestFlowError";
  constructor(
    readonly code: RequestFlowErrorCode,
    message: string,
    /** Messages by field path ("lines.0.quantity"), for forms. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return { not_found: 404, invalid: 400, not_eligible: 422, requirements_missing: 422, conflict: 409, rate_limited: 429, unavailable: 503 }[this.code];
  }
}
