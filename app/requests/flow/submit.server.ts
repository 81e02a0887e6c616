import { itemWithVariant } from "../../domain/item-label";
import { parseMinorUnits } from "../../domain/money";
import { returnFeesOf } from "../../domain/return-fees";
import { SubmitRaced, type RequestRecord } from "../../repositories/requests.server";
import { submitInputSchema, type Submitted } from "../../schemas/requests";
import { shopperMessage } from "../../schemas/messages";
import { fetchReturnableLines, requestReturn } from "../../shopify/returns.server";
import { RequestFlowError } from "../errors";
import { nextReturnAttempt, returnErrorText } from "../return-retry.server";
import type { drafting, Draft } from "./draft.server";
import type { orderReader } from "./order.server";
import { requirePhotos } from "./photos.server";
import { invalid, type FlowContext, type FlowCore } from "./shared.server";

/**
 * Submit: the request decided again on the order as Shopify has it now, stored once per
 * idempotency key, and its items' Shopify return requested.
 */
export function submitting(core: FlowCore, { load }: Pick<ReturnType<typeof orderReader>, "load">, { draft }: Pick<ReturnType<typeof drafting>, "draft">) {
  const { deps, clock, statusLink } = core;

  function submitted(shop: string, request: RequestRecord, created: boolean): Submitted {
    const link = statusLink(shop, request.id);
    return {
      requestId: request.id,
      number: request.number ?? 0,
      created,
      status: request.status,
      statusToken: link.token,
      statusExpiresAt: link.expiresAt.toISOString(),
      shopifyReturnId: request.shopifyReturnId,
    };
  }

  /** The request a submit key already made, as a repeated submit answers it (if the viewer may see its order). */
  async function firstWithKey(ctx: FlowContext, key: string): Promise<Submitted | null> {
    const already = await deps.requests.findBySubmitKey(ctx.shop, key);
    if (!already) return null;
    await load(ctx, already.orderId);
    return submitted(ctx.shop, already, false);
  }

  /**
   * A submit whose key made nothing yet. Another submit for the same item (a second tab, a second
   * call with its own key) may store its request between this one's decision and its write: the
   * repository then refuses to store (SubmitRaced) and this decides again on what is stored now,
   * where that request shows as open on the item, answered 409 in the shopper's words.
   */
  async function submitNew(ctx: FlowContext, data: ReturnType<typeof submitInputSchema.parse>, key: string): Promise<Submitted> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await submitOnce(ctx, data, key);
      } catch (error) {
        if (error instanceof SubmitRaced && attempt < 3) continue;
        if (error instanceof SubmitRaced) throw new RequestFlowError("conflict", error.number !== null ? shopperMessage("openRequest", { number: error.number }) : shopperMessage("openRequestNoNumber"));
        throw error;
      }
    }
  }

  /** Decided again on the order as Shopify has it now, stored, sent. */
  async function submitOnce(ctx: FlowContext, data: ReturnType<typeof submitInputSchema.parse>, key: string): Promise<Submitted> {
    // What is stored and sent to Shopify is decided on the order as Shopify has it now.
    let drafted: Draft;
    try {
      drafted = await draft(ctx, data, { fresh: true });
    } catch (error) {
      // A line another request now holds open (stored since the preview, or by a send racing this
      // one) is a conflict with that request (409), not a mistake in the form.
      const fields = error instanceof RequestFlowError && error.code === "invalid" ? error.fields : {};
      const open = Object.values(fields).find((m) => m.startsWith(shopperMessage("openRequestNoNumber").slice(0, -1)));
      if (open) throw new RequestFlowError("conflict", open, fields);
      throw error;
    }
    const { input, loaded, decision, preview } = drafted;
    if (!preview.lines.every((l) => l.eligible)) {
      throw new RequestFlowError("not_eligible", preview.lines.flatMap((l) => l.refusals).join(" ") || "This request is not covered by the shop's policy.");
    }
    const missing = preview.requirements.filter((r) => !r.met);
    if (missing.length) {
      const fields = Object.fromEntries(missing.map((r) => [r.requirement === "photos" ? "photos" : "liabilityAccepted", r.text]));
      throw new RequestFlowError("requirements_missing", missing.map((r) => r.text).join(" "), fields);
    }
    await requirePhotos(deps.photos, ctx.shop, input.photos);

    const travels = input.kind !== "service";
    const fulfillment = new Map<string, string>();
    if (travels) {
      const returnable = await fetchReturnableLines(ctx.admin, input.orderId);
      const fields: Record<string, string> = {};
      input.lines.forEach((c, i) => {
        const options = returnable.filter((r) => r.lineItemId === c.lineId && r.quantity >= c.quantity);
        if (options.length === 0) fields[`lines.${i}.lineId`] = shopperMessage("notDelivered");
        else fulfillment.set(c.lineId, options[0].fulfillmentLineItemId);
      });
      if (Object.keys(fields).length) throw new RequestFlowError("invalid", Object.values(fields).join(" "), fields);
    }

    // Each piece with its variant ("Crystal Eternity Band, size L"), as the desk and the status page show it.
    const titles = new Map(loaded.shopper.lines.map((l) => [l.id, itemWithVariant(l.title, l.variant)]));
    const variants = new Map([...loaded.shopper.lines.flatMap((l) => l.siblings), ...loaded.snapshot.products.flatMap((p) => p.variants)].map((v) => [v.id, v]));
    const customer = loaded.order.customer;
    const { request, created } = await deps.requests.submit(
      ctx.shop,
      key,
      {
        orderId: loaded.order.orderId,
        orderName: loaded.order.orderName,
        customerId: customer?.id ?? null,
        customerEmail: customer?.email ?? null,
        customerName: customer?.name ?? null,
        customerNote: input.note,
        kind: input.kind,
        service: input.service,
        currency: loaded.order.currency,
        decision: { engine: decision, preview },
        // The shopper's wish; how it is resolved is the merchant's to record (the desk's `resolution`).
        preferredResolution: preview.lines.some((l) => l.exchange) ? "exchange" : (input.preferredResolution ?? preview.resolutions[0] ?? null),
        policyVersionId: loaded.versionId,
        channel: ctx.viewer.type === "staff" ? "staff" : "shopper",
        locale: data.locale ?? null,
        lines: input.lines.map((c) => {
          const exchange = preview.lines.find((l) => l.lineId === c.lineId)?.exchange ?? null;
          return {
            lineItemId: c.lineId,
            fulfillmentLineItemId: fulfillment.get(c.lineId) ?? null,
            title: titles.get(c.lineId) ?? "",
            quantity: c.quantity,
            reason: c.reason,
            cause: c.cause,
            // Only what the shopper was asked: a form that showed no checklist records none.
            condition: { ...c.condition },
            notes: null,
            photos: input.photos,
            exchangeVariantId: exchange?.variantId ?? null,
            exchangeVariantTitle: exchange ? itemWithVariant(exchange.productTitle, variants.get(exchange.variantId) ?? { title: exchange.title }) : null,
          };
        }),
      },
      { type: "requested", actor: ctx.viewer.type === "staff" ? "merchant" : "shopper", message: input.note },
      {
        seen: loaded.stored.map((r) => r.id),
        // Shopify's figure for what the order still holds caps the request's money (store credit has no other backstop).
        refundableMinor: loaded.shopper.currency === loaded.order.currency ? loaded.shopper.refundableMinor : null,
        extraMinor: decision.refund?.bonus ? parseMinorUnits(decision.refund.bonus, loaded.order.currency) : 0,
      },
    );
    if (!created) return submitted(ctx.shop, request, false);

    let linked = request;
    if (travels) {
      try {
        const ret = await requestReturn(
          ctx.admin,
          request.orderId,
          request.lines.map((l) => ({ fulfillmentLineItemId: l.fulfillmentLineItemId as string, quantity: l.quantity, reason: l.reason, customerNote: input.note })),
          // The policy's restocking and label fees go on the return itself, so Shopify's order shows them.
          returnFeesOf(decision.refund),
        );
        await deps.requests.linkReturn(ctx.shop, request.id, ret.id);
        linked = { ...request, shopifyReturnId: ret.id };
      } catch (error) {
        // The request is stored and the merchant sees it; Shopify's refusal goes on its timeline,
        // the request keeps it (the shopper's status page shows it) and the worker tries again.
        const message = returnErrorText(error);
        await deps.requests.returnNotOpened(ctx.shop, request.id, message, nextReturnAttempt(1, clock()));
        linked = { ...request, returnError: message };
        await deps.requests.addEvent(ctx.shop, request.id, { type: "message", actor: "system", message: `Return request not opened in Shopify: ${message}` });
        deps.log?.warn({ shop: ctx.shop, requestId: request.id, error: (error as Error).message }, "Shopify return request failed");
      }
    }
    return submitted(ctx.shop, linked, true);
  }

  return {
    /**
     * Stores the request with its decision and policy version. The client's idempotency key makes
     * a double submit return the first request. Items that travel back become a Shopify return
     * request; services stay in the app.
     */
    async submit(ctx: FlowContext, raw: unknown): Promise<Submitted> {
      const parsed = submitInputSchema.safeParse(raw);
      if (!parsed.success) throw invalid(parsed.error);
      const key = parsed.data.idempotencyKey;
      const first = await firstWithKey(ctx, key);
      if (first) return first;
      try {
        return await submitNew(ctx, parsed.data, key);
      } catch (error) {
        // Two sends at once (a double click, two tabs): the one that loses the race finds its items
        // already asked about, or no longer returnable in Shopify, because the other's request is
        // stored and its return opened. It answers with that request, not with the refusal.
        if (error instanceof RequestFlowError) {
          const winner = await firstWithKey(ctx, key);
          if (winner) return winner;
        }
        throw error;
      }
    },
  };
}
