import type { Decision } from "../../domain";
import { closeReturnOnce, operationKey } from "../../jobs/money.server";
import { engineDecisionOf, type RequestRecord } from "../../repositories/requests.server";
import { openTicketOnResolve } from "../../repairs/open.server";
import { partsOrderSource, postReplacementOrder } from "./parts-order.server";
import { resolveSchema, type ResolveInput } from "../schemas";
import { FROM, MONEY_RESOLUTIONS, RESOLUTION_LABELS, isAllowed, resolutionsFor, type Resolution } from "../machine";
import { fetchReturn } from "../../shopify/returns.server";
import { actorOf, ok, refuse, shopifyProblem, type ActionResult, type DeskCore } from "./core.server";
import type { exchangeActions } from "./exchange.server";
import type { exchangeLines } from "./exchange-lines.server";
import type { moneyPreviews } from "./money-preview.server";
import type { partsActions } from "./parts.server";
import type { quoteActions } from "./quote.server";
import type { refundTimingActions } from "./refund-timing.server";
import type { settleMoney } from "./settle.server";

/** A resolution as the policy offers it, in a sentence ("does not offer store credit"). */
const OFFER_WORDS: Record<Resolution, string> = {
  refund: "a refund",
  store_credit: "store credit",
  exchange: "an exchange",
  repair: "a repair",
  replacement: "a replacement",
  parts: "parts",
  service: "the service",
  quote: "a paid repair",
};

/** The capabilities a resolution hands over to, by method. */
export type Resolvers = {
  previewOf: ReturnType<typeof moneyPreviews>["previewOf"];
  sendResolution: ReturnType<typeof settleMoney>["sendResolution"];
  settleEarlier: ReturnType<typeof settleMoney>["settleEarlier"];
  exchange: ReturnType<typeof exchangeActions>["exchange"];
  partsSent: ReturnType<typeof partsActions>["partsSent"];
  quotePaid: ReturnType<typeof quoteActions>["quotePaid"];
  dropBeforeMoney: ReturnType<typeof exchangeLines>["dropBeforeMoney"];
  moneyRefusal: ReturnType<typeof refundTimingActions>["moneyRefusal"];
};

/**
 * Resolving a request: what the policy's decision offers is checked, then the resolution goes to
 * its capability (money, exchange, parts, a paid repair) or is recorded as it is.
 */
export function resolveActions(core: DeskCore, { previewOf, sendResolution, settleEarlier, exchange, partsSent, quotePaid, dropBeforeMoney, moneyRefusal }: Resolvers) {
  const { deps, now, load, stale } = core;

  /**
   * What the policy's decision (on what was found once inspected, else on the shopper's word)
   * offers for this request, in its order; a goodwill override on a refused request keeps the
   * kind's usual list (see resolutionsFor).
   */
  async function offeredResolutions(shop: string, request: RequestRecord, acceptedQuote: boolean): Promise<Resolution[]> {
    const decision = engineDecisionOf(request.decision) as Decision | null;
    const plain = resolutionsFor(request.kind, decision, { acceptedQuote });
    if (!decision || decision.lines.some((l) => l.eligible)) return plain;
    const goodwill = (await deps.desk.timeline(shop, request.id)).some((e) => e.type === "override" && e.data.decision === "approve");
    return goodwill ? resolutionsFor(request.kind, decision, { acceptedQuote, goodwill }) : plain;
  }

  /**
   * A request resolved without money (a repair, a replacement, parts) closes its open Shopify
   * return, keyed like money (decision 022): the order shows the return done. A close Shopify did
   * not confirm stays recorded and is finished by the reconciler; the resolution stands.
   */
  async function closeShopifyReturn(shop: string, request: RequestRecord): Promise<string> {
    if (!request.shopifyReturnId) return "";
    try {
      const state = await fetchReturn(deps.admin, request.shopifyReturnId);
      if (state.status !== "OPEN") return "";
      const done = await closeReturnOnce(deps.admin, core.moneyDeps, shop, request.id, request.orderId, request.shopifyReturnId);
      if (done.status === "succeeded") {
        await deps.desk.record(shop, { requestId: request.id, type: "note", ...actorOf(deps.staff), message: `Shopify return ${state.name} closed.`, data: { key: done.idempotencyKey, shopifyReturnId: state.id }, at: now() });
        return ` Shopify's return ${state.name} is closed.`;
      }
      return ` Shopify's return ${state.name} is not closed yet (${done.lastError ?? done.status}); it is checked automatically.`;
    } catch (error) {
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Shopify return not closed yet: ${shopifyProblem(error)}`, at: now() }).catch(() => undefined);
      return " Shopify's return is not closed yet: it is checked and closed automatically.";
    }
  }

  return {
    async resolve(shop: string, id: string, input: ResolveInput): Promise<ActionResult> {
      const { method, expiresInDays, note, parts } = resolveSchema.parse(input);
      const request = await load(shop, id);
      const money = MONEY_RESOLUTIONS.includes(method);
      // A resolution held for this same method (a double click, a colleague's same click, a click
      // after a send Shopify did not confirm) carries on under the same operation key.
      const heldForThis = (money || method === "exchange") && request.resolution === method;
      // The policy's moment for money (docs/decisions/025): before it, a clear refusal and nothing
      // changes; on evidence of sending it may come before receipt, while the request is approved.
      const refusal = money ? await moneyRefusal(shop, request) : null;
      if (refusal) return refusal;
      const beforeReceipt = money && request.status === "approved";
      if ((!isAllowed(request, "resolve") && !beforeReceipt) || (request.resolution && !heldForThis)) {
        // Money an earlier click sent may have been confirmed since without the request recording it.
        const earlier = money ? await settleEarlier(shop, request, method) : null;
        return earlier ?? stale(shop, request, "resolve");
      }
      // What the policy's decision offers, once the request is known to be open to resolving.
      const offered = await offeredResolutions(shop, request, method === "quote");
      if (!offered.includes(method)) return refuse(422, `The policy's decision does not offer ${OFFER_WORDS[method]} for this request${offered.length ? `; it offers ${offered.map((m) => OFFER_WORDS[m]).join(", ")}` : ""}. Nothing changed.`);

      if (method === "exchange") return exchange(shop, request, note);

      if (method === "parts") return partsSent(shop, request, parts, note);
      if (method === "quote") return quotePaid(shop, request, note);

      if (!MONEY_RESOLUTIONS.includes(method)) {
        // A replacement piece is posted as a zero-price order (decision 024): where to, read before anything is recorded.
        const source = method === "replacement" ? await partsOrderSource(core, request) : null;
        if (source && "ok" in source) return source;
        if (!(await deps.desk.claimResolution(shop, id, FROM.resolve, method))) return stale(shop, request, "resolve");
        await deps.desk.record(shop, { requestId: id, type: "resolved", ...actorOf(deps.staff), message: `Resolved: ${RESOLUTION_LABELS[method]}${note ? ` — ${note}` : ""}`, data: { method, note }, at: now() });
        if (deps.repairs) await openTicketOnResolve({ ...deps, repairs: deps.repairs, now }, shop, request, method);
        const closed = await closeShopifyReturn(shop, request);
        const posted = source ? await postReplacementOrder(core, shop, request, source) : "";
        return ok(`Resolved: ${RESOLUTION_LABELS[method].toLowerCase()}.${closed}${posted}`);
      }

      const preview = await previewOf(request, method, expiresInDays);
      if ("ok" in preview) return preview;
      const earlier = await settleEarlier(shop, request, method);
      if (earlier) return earlier;
      const expiryOverridden = method === "store_credit" && preview.expiresOn !== preview.policyExpiresOn;
      if (expiryOverridden && !note) {
        return refuse(422, `The policy's store credit ${preview.policyExpiresOn ? `expires on ${preview.policyExpiresOn}` : "never expires"}. To give it another expiry, write a note saying why: it is recorded as an override. Nothing was sent.`);
      }
      // One key per request and attempt: a double click or a retry finds the same operation; a new
      // attempt is only made after Shopify refused the previous one (nothing moved then).
      const failed = (await deps.operations.forRequest(shop, id)).filter((o) => /^resolve(-\d+)?$/.test(o.step) && o.status === "failed").length;
      const step = failed ? `resolve-${failed + 1}` : "resolve";
      // The resolution is held before anything is sent (issue 22 item 1): a colleague resolving the
      // request another way meanwhile is refused, and a send is never made for a request resolved
      // another way. Given back when nothing moved; kept while the money may have moved.
      const hold = await deps.operations.holdResolution(shop, id, method);
      if (!hold.held) return stale(shop, request, "resolve");
      if (expiryOverridden) {
        const show = (date: string | null) => (date ? `expiring ${date}` : "with no expiry");
        await deps.desk.record(shop, { requestId: id, type: "override", ...actorOf(deps.staff), message: `Store credit ${show(preview.expiresOn)} instead of the policy's ${show(preview.policyExpiresOn)} — ${note}`, data: { storeCreditExpiresOn: preview.expiresOn, policyExpiresOn: preview.policyExpiresOn, note, key: operationKey(id, step) }, at: now() });
      }
      // Exchange items still on the Shopify return come off it before money moves (issue 26).
      const result = (await dropBeforeMoney(shop, request)) ?? (await sendResolution(shop, request, method, step, preview, note));
      if (!result.ok) await deps.operations.releaseResolution(shop, id, method).catch(() => false);
      return result;
    },
  };
}
