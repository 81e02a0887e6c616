import { localDate, type LocalDate } from "../../domain/calendar";
import { addressFor } from "../../domain/policy/address";
import { refundTimingOf } from "../../domain/refund-timing";
import type { ServiceKind } from "../../domain/vocabulary";
import { statusInputSchema, journeySchema, type Journey, type StatusView } from "../../schemas/requests";
import { RequestFlowError } from "../errors";
import { shopperStep } from "../shopper-steps";
import { verifyToken } from "../tokens.server";
import { invalid, type FlowContext, type FlowCore } from "./shared.server";

/** The journey the shopper was shown before submitting, from the stored `{ engine, preview }` (null before previews carried it). */
function journeyStored(stored: unknown): Journey | null {
  const preview = typeof stored === "object" && stored !== null && "preview" in stored ? (stored as { preview: unknown }).preview : null;
  const journey = typeof preview === "object" && preview !== null && "journey" in preview ? journeySchema.safeParse((preview as { journey: unknown }).journey) : null;
  return journey?.success ? journey.data : null;
}

/** Status: a request's steps so far, for whoever holds its status link or may see its order. */
export function statusReader(core: FlowCore) {
  const { deps, clock } = core;

  /** Where an approved request's piece goes (the published policy's address for its kind); none for a piece brought to the shop. */
  async function sendToOf(shop: string, request: { kind: "return" | "warranty" | "service"; service: string | null }): Promise<StatusView["sendTo"]> {
    const policy = (await deps.policies(shop).catch(() => null))?.policy;
    if (!policy) return null;
    if (request.kind === "service" && policy.services.find((s) => s.service === request.service)?.transport === "in_store") return null;
    const address = addressFor(policy, request.kind);
    return address ? { name: address.name, lines: address.lines, country: address.country, text: address.text } : null;
  }

  /** When the money goes, while a return's money waits (docs/decisions/025); a claim usually ends in a repair, not money. */
  async function refundTimingFor(shop: string, request: { kind: string; status: string; resolution: string | null }): Promise<StatusView["refundTiming"]> {
    if (request.kind !== "return" || request.resolution || !["requested", "approved", "received", "inspected"].includes(request.status)) return null;
    const policy = (await deps.policies(shop).catch(() => null))?.policy;
    if (!policy) return null;
    const rule = refundTimingOf(policy);
    return { when: rule.when, text: rule.text };
  }

  return {
    /** A request's status and its steps so far, for whoever holds its status link or may see its order. */
    async status(ctx: FlowContext, raw: unknown): Promise<StatusView> {
      const parsed = statusInputSchema.safeParse(raw);
      if (!parsed.success) throw invalid(parsed.error);
      const gone = new RequestFlowError("not_found", "This status link is not valid or has expired. Look your order up again to see its requests.");
      let requestId: string;
      if ("token" in parsed.data) {
        const subject = verifyToken(deps.secret, "status", ctx.shop, parsed.data.token, clock());
        if (!subject) throw gone;
        requestId = subject;
      } else {
        requestId = parsed.data.requestId;
      }
      const request = await deps.requests.find(ctx.shop, requestId);
      if (!request) throw gone;
      if (!("token" in parsed.data)) {
        const v = ctx.viewer;
        const allowed =
          v.type === "staff" ||
          (v.type === "customer" && request.customerId === v.customerId) ||
          (v.type === "guest" && verifyToken(deps.secret, "guest", ctx.shop, v.grant, clock()) === request.orderId);
        if (!allowed) throw gone;
      }
      const events = await deps.requests.events(ctx.shop, request.id);
      const sendTo = request.status === "approved" ? await sendToOf(ctx.shop, request) : null;
      return {
        requestId: request.id,
        number: request.number,
        orderName: request.orderName,
        kind: request.kind,
        service: request.service as ServiceKind | null,
        status: request.status,
        createdAt: request.createdAt.toISOString(),
        lines: request.lines.map((l) => ({ title: l.title, quantity: l.quantity, exchangeVariantTitle: l.exchangeVariantTitle })),
        journey: journeyStored(request.decision),
        sendTo,
        refundTiming: await refundTimingFor(ctx.shop, request),
        shopifyReturn: request.kind === "service" ? "none" : request.shopifyReturnId ? "open" : request.returnRetryAt ? "pending" : request.returnError ? "stalled" : "pending",
        steps: events
          .filter((e) => e.actor !== "system")
          .map((e) => {
            const said = shopperStep(e);
            return {
              type: e.type,
              actor: e.actor,
              at: e.at.toISOString(),
              message: said.legacy ? e.message : null,
              words: said.words,
              note: said.note,
              amount: e.amountMinor !== null && e.currency ? { amountMinor: e.amountMinor, currency: e.currency } : null,
            };
          }),
      };
    },

    /** The local date in the shop's zone (for "returnable until" wording). */
    today(timezone: string): LocalDate {
      return localDate(clock().toISOString(), timezone);
    },
  };
}
