import { randomUUID } from "node:crypto";

import type { Decision } from "../../domain";
import { engineDecisionOf, type RequestRecord } from "../../repositories/requests.server";
import { FROM, RESOLUTION_LABELS } from "../machine";
import { partsOrderSource, postPartsOrder } from "./parts-order.server";
import { EXCHANGE_CLAIM_MS, actorOf, ok, refuse, type ActionResult, type DeskCore } from "./core.server";

/** Parts sent instead of the piece coming back, held to what is left of the policy's parts allowance. */
export function partsActions(core: DeskCore) {
  const { deps, now, stale } = core;

  async function partsSentClaimed(shop: string, request: RequestRecord, parts: number, note: string): Promise<ActionResult> {
    const decision = engineDecisionOf(request.decision) as Decision | null;
    const decided = new Map((decision?.lines ?? []).map((l) => [l.lineId, l]));
    // Each line's whole allowance (a decision made before allowances were recorded holds it in maxParts).
    const quotas = request.lines.flatMap((line) => {
      const d = decided.get(line.lineItemId);
      if (!d || d.maxParts === null) return [];
      return [{ line, total: d.partsAllowance?.total ?? d.maxParts }];
    });
    let perLine: { lineId: string; parts: number }[];
    let what: string;
    let allowed: number | null = null;
    let before = 0;
    if (!quotas.length) {
      perLine = request.lines.length ? [{ lineId: request.lines[0].id, parts }] : [];
      what = `${parts} part${parts === 1 ? "" : "s"}`;
    } else {
      const elsewhere = await deps.desk.partsSentElsewhere(shop, request.orderId, quotas.map((q) => q.line.lineItemId), request.id);
      const left = quotas.map((q) => ({ ...q, sent: elsewhere.get(q.line.lineItemId) ?? 0 })).map((q) => ({ ...q, left: Math.max(0, q.total - q.sent) }));
      allowed = left.reduce((sum, q) => sum + q.total, 0);
      before = left.reduce((sum, q) => sum + q.sent, 0);
      const remaining = left.reduce((sum, q) => sum + q.left, 0);
      const plural = (n: number) => `${n} part${n === 1 ? "" : "s"}`;
      if (parts > remaining) {
        if (before === 0) return refuse(422, `The policy allows at most ${plural(allowed)} for this item; ${parts} is more. Nothing was recorded.`);
        if (remaining === 0) return refuse(422, `The policy allows ${plural(allowed)} for this item and ${before} ${before === 1 ? "was" : "were"} already sent on its earlier requests: none is left. Nothing was recorded.`);
        return refuse(422, `The policy allows ${plural(allowed)} for this item; ${before} ${before === 1 ? "was" : "were"} already sent on its earlier requests, so ${remaining} ${remaining === 1 ? "is" : "are"} left and ${parts} is more. Nothing was recorded.`);
      }
      // Fill each line's allowance in turn.
      let toPlace = parts;
      perLine = [];
      for (const q of left) {
        const here = Math.min(q.left, toPlace);
        if (here > 0) perLine.push({ lineId: q.line.id, parts: here });
        toPlace -= here;
      }
      what = `${plural(parts)} of the ${allowed} the policy allows${before ? ` (${before} sent before, ${remaining - parts} left)` : ""}`;
    }
    const source = await partsOrderSource(core, request);
    if ("ok" in source) return source;
    if (!(await deps.desk.resolveWithParts(shop, request.id, FROM.resolve, perLine))) return stale(shop, request, "resolve");
    await deps.desk.record(shop, { requestId: request.id, type: "parts_sent", ...actorOf(deps.staff), message: `Parts recorded as sent: ${what}.`, data: { parts, allowed, sentBefore: before }, at: now() });
    await deps.desk.record(shop, { requestId: request.id, type: "resolved", ...actorOf(deps.staff), message: `Resolved: ${RESOLUTION_LABELS.parts} (${what})${note ? ` — ${note}` : ""}`, data: { method: "parts", parts, note }, at: now() });
    const posted = await postPartsOrder(core, shop, request, source, perLine);
    return ok(`Resolved: ${what} sent.${posted}`);
  }

  /**
   * Parts sent (crystals, stones, a clasp) instead of the piece coming back. The number sent is
   * held to what is left of the item's parts allowance (the engine's parts quota, LineDecision
   * partsAllowance / maxParts) after the parts already sent for the same order line by the order's
   * other requests, warranty claims included, counted now rather than when the request was
   * decided. The count is stored on the request's lines, so the engine takes it off the allowance
   * when the shopper asks again (app/requests builds that history from stored requests). A claim
   * on the order makes two resolutions at once count each other's parts.
   */
  async function partsSent(shop: string, request: RequestRecord, parts: number | null, note: string): Promise<ActionResult> {
    if (!parts) return refuse(422, "Say how many parts were sent.");
    const claimKey = `parts:${request.orderId}`;
    const token = randomUUID();
    const claim = await deps.desk.claim(shop, claimKey, deps.staff.name ?? `Staff member ${deps.staff.id}`, token, now(), EXCHANGE_CLAIM_MS);
    if (!claim.won) return refuse(409, `Not done by this click: ${claim.holder} is recording parts sent for this order right now. Refresh in a moment and try again.`);
    try {
      return await partsSentClaimed(shop, request, parts, note);
    } finally {
      await deps.desk.release(shop, claimKey, token);
    }
  }

  return {
    partsSent,
  };
}
