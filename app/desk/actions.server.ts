import { randomUUID } from "node:crypto";

import { DateTime } from "luxon";
import { type z } from "zod";

import type { Decision } from "../domain";
import { formatMoneyIn, parseMinorUnits } from "../domain/money";
import { restocksOnProcess, type RestockChoice } from "../domain/vocabulary";
import { execute, operationKey, resolutionOf, type MoneyDeps } from "../jobs/money.server";
import type { DeskEventRecord, DeskRepository } from "../repositories/desk.server";
import { MoneyCeilingError, OperationKeyConflict, type OperationIntent, type OperationRecord, type OperationRepository } from "../repositories/operations.server";
import { engineDecisionOf, exchangeDifferenceOf, type RequestRecord, type RequestRepository, type RequestStatus } from "../repositories/requests.server";
import type { Admin } from "../shopify/client.server";
import { ShopifyNotFoundError, ShopifyOutcomeUnknownError, ShopifyUnavailableError, ShopifyUserErrors, describe } from "../shopify/errors";
import { fetchExchangeFigures, fetchOrderBalance, fetchSuggestedRefund, type InvoicePlan, type ProcessPlan, type RefundPlan, type StoreCreditGrant } from "../shopify/money.server";
import type { Policy } from "../domain/policy/schema";
import { fetchOrderForDecision } from "../shopify/orders.server";
import { approveReturn, cancelReturn, createExchangeReturn, declineReturn, fetchReturn, type ReturnState } from "../shopify/returns.server";
import { findingWords } from "./inspection";
import { NotDecidable, decideAtReceipt, refusalWords } from "./inspection.server";
import { openTicketOnResolve } from "../repairs/open.server";
import type { RepairRepository } from "../repositories/repairs.server";
import { declineSchema, inspectSchema, noteSchema, overrideSchema, quotePriceIssue, quoteSchema, resolveSchema, type ResolveInput } from "./schemas";
import { FROM, MONEY_RESOLUTIONS, RESOLUTION_LABELS, STATUS_LABELS, isAllowed, offersPaidRepair, resolutionsFor, type DeskAction, type Resolution } from "./machine";

/**
 * The merchant's actions on a request. Each one:
 * - checks the state machine against the request as it is now (a stale page cannot act);
 * - moves the status with a compare-and-set, so two staff members acting at once make one change
 *   and the other is told who did what;
 * - talks to Shopify through the gateway, and moves money only through the durable operations
 *   of app/jobs/money.server.ts (a key per request and step, written before the call);
 * - records who did it on the request's timeline.
 */

export type Staff = { id: string; name: string | null };

export type DeskDeps = {
  requests: RequestRepository;
  desk: DeskRepository;
  operations: OperationRepository;
  admin: Admin;
  staff: Staff;
  /** The shop's IANA time zone: store-credit expiry is a local date. */
  timezone: string;
  /** The locale amounts are written in ("en-GB": "£44.10"), see app/desk/context.server.ts. */
  locale: string;
  /** The live policy's `returns.restockOnProcess`: whether processing a return restocks its items. */
  restockOnProcess?: RestockChoice;
  /**
   * The live policy's store-credit expiry (days) per case ("change_of_mind", "faulty",
   * "warranty"): an exchange's difference given as store credit expires as its case's refund
   * rule says. Absent or null: no expiry.
   */
  storeCreditExpiryDays?: Partial<Record<string, number | null>>;
  /**
   * The policy a request was decided with (its published version, else the live policy): an
   * inspection is decided again with it. Absent: inspections cannot be recorded.
   */
  policyOf?: (versionId: string | null) => Promise<Policy>;
  /** The repair bench: when given, a service or warranty claim resolved for the workshop gets its ticket (app/repairs). */
  repairs?: RepairRepository;
  now?: () => Date;
};

/** A refusal may name the form field it is about (`fields.amount`), so the page shows it beside that field. */
export type ActionResult = { ok: true; message: string } | { ok: false; status: number; message: string; fields?: Record<string, string> };

/** What the merchant was shown of a money resolution, for its timeline entry. */
type Shown = { how: string; formatted: string; expiresOn: string | null; shopifyMinor: number | null };

/** An exchange's difference as it will be settled (see settlementOf). */
type Settlement = { settlement: "none" | "refund" | "store_credit" | "charge"; amountMinor: number; currency: string; expiresOn: string | null };

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

/** How long an exchange's set-up claim holds before a crashed holder's claim can be taken over. */
const EXCHANGE_CLAIM_MS = 2 * 60_000;

const ok = (message: string): ActionResult => ({ ok: true, message });
const refuse = (status: number, message: string): ActionResult => ({ ok: false, status, message });


function actorOf(staff: Staff) {
  return { actor: "merchant" as const, staffId: staff.id, staffName: staff.name };
}

/** What a line's shopper chose in exchange, in their words ("Crystal Eternity Band, size J"; "2 × …" for more than one). */
function chosenWords(line: RequestRecord["lines"][number]): string {
  const words = line.exchangeVariantTitle ?? line.exchangeVariantId ?? "item";
  return line.quantity > 1 ? `${line.quantity} × ${words}` : words;
}

function who(event: DeskEventRecord | null): string {
  if (!event) return "";
  const name = event.staffName ?? (event.actor === "shopify" ? "someone in Shopify admin" : event.actor);
  return ` by ${name} at ${DateTime.fromJSDate(event.at).toUTC().toFormat("HH:mm:ss 'UTC'")}`;
}

/** A Shopify failure in the merchant's words, with what to do next. */
export function shopifyProblem(error: unknown): string {
  if (error instanceof ShopifyUserErrors) return `Shopify refused: ${error.userErrors.map((e) => e.message).join("; ")}. Nothing changed.`;
  if (error instanceof ShopifyUnavailableError) return "Shopify is not answering right now (busy or down). Nothing changed: try again in a minute.";
  if (error instanceof ShopifyOutcomeUnknownError) return "Shopify did not confirm the change. It is recorded and will be checked and finished automatically; refresh in a few minutes.";
  if (error instanceof ShopifyNotFoundError) return "Shopify no longer has this order or return. Refresh the page.";
  return `Something went wrong talking to Shopify (${describe(error)}). Nothing changed: try again.`;
}

export class RequestNotFound extends Error {
  override name = "RequestNotFound";
}

/** The engine's refund for the request, in minor units of the currency the shopper paid in. */
export function engineRefund(request: RequestRecord): { amountMinor: number; itemsMinor: number; shippingMinor: number; currency: string; method: string; storeCreditExpiresOn: string | null } | null {
  const decision = engineDecisionOf(request.decision) as Decision | null;
  const refund = decision?.refund;
  if (!refund) return null;
  return {
    amountMinor: parseMinorUnits(refund.total, refund.currency),
    itemsMinor: parseMinorUnits(refund.items ?? refund.total, refund.currency),
    // The delivery the policy refunds (already capped by the engine at what is left to refund).
    shippingMinor: refund.shipping ? parseMinorUnits(refund.shipping, refund.currency) : 0,
    currency: refund.currency,
    method: refund.method,
    storeCreditExpiresOn: refund.storeCreditExpiresOn ?? null,
  };
}

export type MoneyPreview = {
  method: Resolution;
  amountMinor: number;
  currency: string;
  formatted: string;
  to: string;
  how: string;
  expiresOn: string | null;
  /** What the policy makes the store credit's expiry (its period from its starting point); `expiresOn` differs only as a recorded override. */
  policyExpiresOn: string | null;
  /** The engine's figure for the items alone (without shipping): what Shopify's suggestion is compared with. */
  itemsMinor: number;
  itemsFormatted: string;
  /** Shopify's own suggested refund for the same units (Order.suggestedRefund, without shipping), when it gives one. */
  shopifyMinor: number | null;
  shopifyFormatted: string | null;
  warning: string | null;
};

/** What resolving by exchange will do, shown to the merchant before they confirm. */
export type ExchangePreview = {
  method: "exchange";
  /** "1 × Size M". */
  items: string;
  settlement: "none" | "refund" | "store_credit" | "charge";
  /** The difference the shopper was shown, in minor units of the currency they paid in. */
  amountMinor: number;
  currency: string;
  formatted: string;
  /** Who gets the money or the invoice: the shopper's name, and the order's email for an invoice. */
  to: string;
  email: string | null;
  expiresOn: string | null;
  /** The whole outcome in one sentence: "The new item (1 × M) is sent; £20.00 is refunded to the original payment." */
  summary: string;
  /** Shopify's own figure for the same difference (signed: positive the shopper pays), when it can be read. */
  shopifyMinor: number | null;
  shopifyFormatted: string | null;
  warning: string | null;
};

function expiryDate(timezone: string, now: Date, days: number | null): string | null {
  if (days === null) return null;
  return DateTime.fromJSDate(now).setZone(timezone).plus({ days }).toISODate();
}

/** `days` after a local date ("2026-11-20"), as a local date. */
function addLocalDays(localDate: string, days: number): string {
  return DateTime.fromISO(localDate, { zone: "UTC" }).plus({ days }).toISODate() as string;
}

function expiresAtOf(timezone: string, localDate: string | null): string | null {
  if (!localDate) return null;
  return DateTime.fromISO(localDate, { zone: timezone }).endOf("day").toUTC().toISO({ suppressMilliseconds: true });
}

export function createDesk(deps: DeskDeps) {
  const now = deps.now ?? (() => new Date());
  const moneyDeps: MoneyDeps = { operations: deps.operations, now };

  async function load(shop: string, id: string): Promise<RequestRecord> {
    const request = await deps.requests.find(shop, id);
    if (!request) throw new RequestNotFound(`no request ${id}`);
    return request;
  }

  /** The refusal a losing or stale action gets: the request's state now, and who put it there. */
  async function stale(shop: string, request: RequestRecord, action: DeskAction): Promise<ActionResult> {
    const fresh = (await deps.requests.find(shop, request.id)) ?? request;
    const last = await deps.desk.latest(shop, fresh.id, fresh.resolution ? ["resolved"] : ["approved", "declined", "received", "inspected", "resolved", "closed", "cancelled"]);
    const how = fresh.resolution ? (RESOLUTION_LABELS[fresh.resolution as Resolution] ?? fresh.resolution).toLowerCase() : null;
    // A resolution held while its money or exchange goes through Shopify (holdResolution).
    if (how && (fresh.status === "received" || fresh.status === "inspected")) {
      return refuse(409, `Not done: this request is being resolved by ${how} right now (a colleague started it moments ago). Refresh in a moment to see how it ended${action === "resolve" ? "; no money was moved by this click" : ""}.`);
    }
    const label = how ? `resolved (${how})` : STATUS_LABELS[fresh.status].toLowerCase();
    return refuse(409, `Not done: this request is already ${label}${who(last)}. The page now shows it as it is${action === "resolve" ? "; no money was moved by this click" : ""}.`);
  }

  async function simpleMove(shop: string, id: string, action: "receive", to: RequestStatus, message: string, data: Record<string, unknown>): Promise<ActionResult> {
    const request = await load(shop, id);
    if (!isAllowed(request, action)) return stale(shop, request, action);
    if (!(await deps.desk.transition(shop, id, FROM[action], to))) return stale(shop, request, action);
    await deps.desk.record(shop, { requestId: id, type: "received", ...actorOf(deps.staff), message, data, at: now() });
    return ok(message);
  }

  /**
   * A decline once the items arrived: only when the engine, on what the shop found, refused every
   * line (the merchant's message carries the policy's words). The items go back to the shopper:
   * the Shopify return is cancelled, which puts them back as fulfilled to the shopper, and the
   * request's lines are marked to be sent back (by the inspection) for the repair bench's "sent
   * back" step.
   */
  async function declineAfterReceipt(shop: string, request: RequestRecord, reason: string, message: string): Promise<ActionResult> {
    const inspection = await deps.desk.inspectionOf(shop, request.id);
    const decided = inspection ? (inspection.decision as Decision) : null;
    if (!decided) return refuse(409, "Record the inspection first: a request is declined after receipt on the policy's decision about what was found.");
    const accepted = decided.lines.filter((l) => l.eligible);
    if (accepted.length) {
      const titles = accepted.map((l) => request.lines.find((r) => r.lineItemId === l.lineId)?.title || "an item").join(", ");
      return refuse(422, `Not declined: on what was found, the policy still accepts ${titles}. Resolve the request instead; refused items are already marked to be sent back.`);
    }
    if (!(await deps.desk.transition(shop, request.id, ["inspected"], "declined"))) return stale(shop, request, "decline");
    if (request.shopifyReturnId) {
      try {
        // Recorded first: the returns/cancel webhook this causes must not read as the shopper
        // cancelling (the request stays declined).
        await deps.desk.markReturnReplaced(shop, request.shopifyReturnId, request.id, now());
        const state = await fetchReturn(deps.admin, request.shopifyReturnId);
        if (state.status === "OPEN" || state.status === "REQUESTED") await cancelReturn(deps.admin, request.shopifyReturnId);
      } catch (error) {
        await deps.desk.transition(shop, request.id, ["declined"], "inspected");
        await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Decline failed: ${shopifyProblem(error)}`, at: now() });
        return refuse(502, shopifyProblem(error));
      }
    }
    const back = request.lines.filter((l) => l.sendBack).map((l) => l.title || "Item");
    await deps.desk.record(shop, {
      requestId: request.id,
      type: "declined",
      ...actorOf(deps.staff),
      message: `Declined after inspection: ${message}`,
      data: { reason, message, afterReceipt: true, sendBack: request.lines.filter((l) => l.sendBack).map((l) => l.id) },
      at: now(),
    });
    return ok(`Request declined after inspection.${back.length ? ` To send back to the shopper: ${back.join(", ")}.` : ""}`);
  }

  return {
    async approve(shop: string, id: string): Promise<ActionResult> {
      const request = await load(shop, id);
      if (!isAllowed(request, "approve")) return stale(shop, request, "approve");
      if (!(await deps.desk.transition(shop, id, FROM.approve, "approved"))) return stale(shop, request, "approve");
      // What the timeline says is only what the app did: asked Shopify to approve and notify, or nothing.
      let said = "Approved. No Shopify return is linked, so no notification was sent to the shopper.";
      if (request.shopifyReturnId) {
        try {
          await approveReturn(deps.admin, request.shopifyReturnId, { notifyCustomer: true });
          said = "Approved. Shopify's return was approved, with Shopify asked to notify the shopper.";
        } catch (error) {
          // Already approved in Shopify admin: the desk simply follows.
          const state = await fetchReturn(deps.admin, request.shopifyReturnId).catch(() => null);
          said = "Approved. Shopify's return was already approved in Shopify admin, so nothing was sent to Shopify or the shopper.";
          if (!(state && (state.status === "OPEN" || state.status === "CLOSED"))) {
            await deps.desk.transition(shop, id, ["approved"], "requested");
            await deps.desk.record(shop, { requestId: id, type: "failed", ...actorOf(deps.staff), message: `Approval failed: ${shopifyProblem(error)}`, at: now() });
            return refuse(502, shopifyProblem(error));
          }
        }
      }
      await deps.desk.record(shop, { requestId: id, type: "approved", ...actorOf(deps.staff), message: said, data: { shopifyReturnId: request.shopifyReturnId }, at: now() });
      return ok("Request approved.");
    },

    async decline(shop: string, id: string, input: z.input<typeof declineSchema>): Promise<ActionResult> {
      const { reason, message } = declineSchema.parse(input);
      const request = await load(shop, id);
      if (!isAllowed(request, "decline")) return stale(shop, request, "decline");
      if (request.status === "inspected") return declineAfterReceipt(shop, request, reason, message);
      if (!(await deps.desk.transition(shop, id, ["requested"], "declined"))) return stale(shop, request, "decline");
      if (request.shopifyReturnId) {
        try {
          await declineReturn(deps.admin, request.shopifyReturnId, { reason, note: message, notifyCustomer: true });
        } catch (error) {
          await deps.desk.transition(shop, id, ["declined"], "requested");
          await deps.desk.record(shop, { requestId: id, type: "failed", ...actorOf(deps.staff), message: `Decline failed: ${shopifyProblem(error)}`, at: now() });
          return refuse(502, shopifyProblem(error));
        }
      }
      await deps.desk.record(shop, { requestId: id, type: "declined", ...actorOf(deps.staff), message: `Declined (${reason.replace(/_/g, " ").toLowerCase()}): ${message}`, data: { reason, message }, at: now() });
      return ok(request.shopifyReturnId ? "Request declined; Shopify was asked to send the shopper your message." : "Request declined. No Shopify return is linked, so no email was sent: the shopper reads your message on their status page.");
    },

    receive(shop: string, id: string): Promise<ActionResult> {
      return simpleMove(shop, id, "receive", "received", "Item received at the shop.", {});
    },

    /**
     * Records what the shop found on each line (condition and cause, in the policy's vocabulary)
     * and has the engine decide the request again on it. That decision replaces the one made on
     * the shopper's word (kept beside it for the desk): the resolutions offered, the money
     * ceiling and the refund follow it, and the lines it refuses are marked to be sent back.
     */
    async inspect(shop: string, id: string, input: z.input<typeof inspectSchema>): Promise<ActionResult> {
      const { lines: findings, note } = inspectSchema.parse(input);
      const request = await load(shop, id);
      if (!isAllowed(request, "inspect") || request.resolution) return stale(shop, request, "inspect");
      const ids = new Set(request.lines.map((l) => l.id));
      if (findings.length !== ids.size || !findings.every((f) => ids.has(f.lineId)) || new Set(findings.map((f) => f.lineId)).size !== ids.size) {
        return refuse(422, "Record what was found on each item of this request, once each. Nothing changed.");
      }
      if (!deps.policyOf) return refuse(503, "The shop's policy cannot be read here, so the findings cannot be decided. Nothing changed.");
      const policy = await deps.policyOf(request.policyVersionId);
      let order;
      try {
        order = await fetchOrderForDecision(deps.admin, request.orderId, { collections: policy.groups.some((g) => g.match.collections !== undefined), staggeredPromotions: policy.discounts.staggeredRefundLowest.promotions, exceptReturnId: request.shopifyReturnId });
      } catch (error) {
        return refuse(502, shopifyProblem(error));
      }
      let decision: Decision;
      try {
        decision = decideAtReceipt(policy, order, request, findings, await deps.requests.summariesForOrder(shop, request.orderId));
      } catch (error) {
        if (error instanceof NotDecidable) return refuse(422, `The policy cannot decide on these findings (${error.message}). Nothing changed.`);
        throw error;
      }
      const shopperDecision = engineDecisionOf(request.decision);
      const preview = typeof request.decision === "object" && request.decision !== null && "preview" in request.decision ? (request.decision as { preview: unknown }).preview : null;
      const byItem = new Map(decision.lines.map((l) => [l.lineId, l]));
      // The engine says which refused items go back to the shopper (`sendBack`, contract rule 16).
      const sendBack = request.lines.filter((l) => byItem.get(l.lineItemId)?.sendBack === true);
      const recorded = await deps.desk.recordInspection(shop, id, FROM.inspect, {
        findings,
        shopperDecision,
        decision,
        stored: { engine: decision, preview },
        currency: request.currency,
        sendBack: sendBack.map((l) => l.id),
        note,
        staffId: deps.staff.id,
        staffName: deps.staff.name,
        at: now(),
      });
      if (!recorded) return stale(shop, request, "inspect");
      const perLine = request.lines.map((l) => {
        const finding = findings.find((f) => f.lineId === l.id) as (typeof findings)[number];
        const d = byItem.get(l.lineItemId);
        const verdict = !d ? "not decided" : d.eligible ? `accepted (${d.resolutions.join(", ") || "nothing to give"})` : `refused: ${refusalWords(d).join(" ")}`;
        return `${l.title || "Item"}: ${findingWords(finding)}. The policy on this: ${verdict}`;
      });
      const message = `Inspected. ${perLine.join(" ")}${sendBack.length ? ` To send back to the shopper: ${sendBack.map((l) => l.title || "Item").join(", ")}.` : ""}${note ? ` Note: ${note}` : ""}`;
      await deps.desk.record(shop, { requestId: id, type: "inspected", ...actorOf(deps.staff), message, data: { findings, note, sendBack: sendBack.map((l) => l.id) }, at: now() });
      const refused = decision.lines.filter((l) => !l.eligible).length;
      return ok(
        refused === 0
          ? "Inspection recorded: the policy accepts the request on what was found."
          : refused === decision.lines.length
            ? "Inspection recorded: on what was found, the policy refuses the request. Decline it with the policy's words, or quote a repair where the policy offers one."
            : "Inspection recorded: on what was found, the policy refuses part of the request; those items are marked to be sent back.",
      );
    },

    async note(shop: string, id: string, input: z.input<typeof noteSchema>): Promise<ActionResult> {
      const { note } = noteSchema.parse(input);
      await load(shop, id);
      await deps.desk.record(shop, { requestId: id, type: "note", ...actorOf(deps.staff), message: note, at: now() });
      return ok("Note added.");
    },

    async override(shop: string, id: string, input: z.input<typeof overrideSchema>): Promise<ActionResult> {
      const { lineId, decision, note } = overrideSchema.parse(input);
      const request = await load(shop, id);
      if (!isAllowed(request, "override")) return stale(shop, request, "override");
      const line = request.lines.find((l) => l.id === lineId);
      if (!line) return refuse(422, "That line is not part of this request.");
      const verb = decision === "approve" ? "Accepted as a goodwill gesture" : "Refused";
      await deps.desk.record(shop, { requestId: id, type: "override", ...actorOf(deps.staff), message: `${verb}: ${line.title} — ${note}`, data: { lineId, lineItemId: line.lineItemId, decision, note }, at: now() });
      return ok("Override recorded.");
    },

    /**
     * Quotes a paid repair: the shopper sees it on the status page and accepts (Shopify then
     * makes a draft order whose invoice they pay) or declines. One quote is open at a time.
     */
    async quote(shop: string, id: string, input: z.input<typeof quoteSchema>): Promise<ActionResult> {
      const { amount, description } = quoteSchema.parse(input);
      const request = await load(shop, id);
      if (!isAllowed(request, "quote") || request.resolution) return stale(shop, request, "quote");
      if (request.kind === "return" && !offersPaidRepair(engineDecisionOf(request.decision))) return refuse(422, "A return is refunded, credited or exchanged; quotes are for warranty and service work, or where the policy offers a paid repair instead.");
      const priceIssue = quotePriceIssue(amount, request.currency);
      if (priceIssue) return { ok: false, status: 422, message: priceIssue, fields: { amount: priceIssue } };
      const amountMinor = parseMinorUnits(amount, request.currency);
      if (amountMinor <= 0) return { ok: false, status: 422, message: "A quote needs a price above zero.", fields: { amount: "A quote needs a price above zero." } };
      const token = randomUUID();
      const claim = await deps.desk.claim(shop, `quote:${id}`, deps.staff.name ?? `Staff member ${deps.staff.id}`, token, now(), EXCHANGE_CLAIM_MS);
      if (!claim.won) return refuse(409, `Not done by this click: ${claim.holder} is quoting this request right now. Refresh in a moment.`);
      try {
        const quote = await deps.desk.offerQuote(shop, { requestId: id, amountMinor, currency: request.currency, description, staffId: deps.staff.id, staffName: deps.staff.name, at: now() });
        if (!quote) {
          const open = await deps.desk.currentQuote(shop, id);
          return refuse(409, `Not done: a quote of ${open ? formatMoneyIn(open.amountMinor, open.currency, deps.locale) : "this request"} is already ${open?.status === "accepted" ? "accepted" : "waiting for the shopper"}${open?.staffName ? ` (quoted by ${open.staffName})` : ""}.`);
        }
        const formatted = formatMoneyIn(amountMinor, request.currency, deps.locale);
        await deps.desk.record(shop, { requestId: id, type: "quoted", ...actorOf(deps.staff), message: `Quote for ${description}: ${formatted}, shown on the shopper's status page to accept or decline.`, amountMinor, currency: request.currency, data: { quoteId: quote.id, description }, at: now() });
        return ok(`Quote of ${formatted} recorded: the shopper sees it on their status page (no email is sent).`);
      } finally {
        await deps.desk.release(shop, `quote:${id}`, token);
      }
    },

    /**
     * Withdraws a repair quote the shopper has not answered: their status page stops offering
     * it and the timeline says so. An accepted quote stays: the shopper agreed to it, and once
     * Shopify holds its draft order the invoice is theirs to pay.
     */
    async withdrawQuote(shop: string, id: string): Promise<ActionResult> {
      const request = await load(shop, id);
      const quote = await deps.desk.currentQuote(shop, id);
      const refusal = (q: typeof quote): ActionResult => {
        if (q?.status === "accepted") {
          return q.draftOrderId
            ? refuse(409, `The shopper accepted this quote and Shopify holds its draft order ${q.draftOrderId.split("/").pop()} with the invoice they pay, so it cannot be withdrawn. If the work will not be done, delete the draft order in Shopify admin and write to the shopper.`)
            : refuse(409, "The shopper accepted this quote and its Shopify invoice is being prepared, so it cannot be withdrawn. Refresh in a moment.");
        }
        if (q?.status === "declined") return refuse(409, "The shopper already declined this quote: there is nothing to withdraw.");
        if (q?.status === "withdrawn") return refuse(409, "This quote was already withdrawn.");
        return refuse(422, "There is no quote waiting for the shopper on this request.");
      };
      if (!quote || quote.status !== "awaiting") return refusal(quote);
      if (!(await deps.desk.withdrawQuote(shop, quote.id, now()))) return refusal(await deps.desk.currentQuote(shop, id));
      const formatted = formatMoneyIn(quote.amountMinor, quote.currency, deps.locale);
      await deps.desk.record(shop, { requestId: request.id, type: "quote_withdrawn", ...actorOf(deps.staff), message: `Quote withdrawn: ${quote.description}, ${formatted}.`, amountMinor: quote.amountMinor, currency: quote.currency, data: { quoteId: quote.id }, at: now() });
      return ok(`Quote of ${formatted} withdrawn: the shopper no longer sees it.`);
    },

    /** What a money resolution would move, before the merchant confirms it. */
    async preview(shop: string, id: string, input: ResolveInput): Promise<MoneyPreview | ActionResult> {
      const { method, expiresInDays } = resolveSchema.parse(input);
      const request = await load(shop, id);
      return previewOf(request, method, expiresInDays);
    },

    /**
     * What resolving by exchange will do, before the merchant confirms: the items sent, and the
     * difference the shopper was shown — refunded, credited (with its expiry) or invoiced (to the
     * order's email) — beside Shopify's own figure for it, with a warning when they differ.
     */
    async exchangePreview(shop: string, id: string): Promise<ExchangePreview | ActionResult> {
      const request = await load(shop, id);
      const wanted = request.lines.filter((l) => l.exchangeVariantId);
      if (!wanted.length) return refuse(422, "The shopper did not choose anything in exchange on this request.");
      const settlement = settlementOf(request);
      if ("ok" in settlement) return settlement;
      const text = (minor: number) => formatMoneyIn(minor, settlement.currency, deps.locale);
      const items = wanted.map(chosenWords).join(", ");
      const warnings: string[] = [];
      const figures = await fetchExchangeFigures(
        deps.admin,
        request.orderId,
        wanted.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })),
        wanted.map((l) => ({ variantId: l.exchangeVariantId as string, quantity: l.quantity })),
      ).catch(() => null);
      // Signed: positive when the shopper pays.
      const shown = settlement.settlement === "charge" ? settlement.amountMinor : -settlement.amountMinor;
      let shopifyMinor: number | null = null;
      if (!figures) warnings.push("Shopify did not give its prices for these items just now; its figure is checked again before anything moves.");
      else if (figures.currency !== settlement.currency) warnings.push(`Shopify's order is in ${figures.currency} but the difference was shown in ${settlement.currency}.`);
      else if (figures.newMinor === null) warnings.push("Shopify prices the new item in another currency than the shopper paid in; its figure is checked again, in theirs, before anything moves.");
      else {
        shopifyMinor = figures.newMinor - figures.returnedMinor;
        if (Math.abs(shopifyMinor - shown) > wanted.length) {
          const theirs = shopifyMinor > 0 ? `${text(shopifyMinor)} to pay` : shopifyMinor < 0 ? `${text(-shopifyMinor)} back` : "no difference";
          warnings.push(`Shopify's prices give ${theirs}; the shopper was shown ${settlement.settlement === "none" ? "no difference" : settlement.settlement === "charge" ? `${text(settlement.amountMinor)} to pay` : `${text(settlement.amountMinor)} back`}. Check before confirming: Shopify's figure is checked again before anything moves, and a difference holds it for review.`);
        }
      }
      // Shopify sends the invoice to the order's own email: that is the one shown.
      const email = figures ? figures.email : (request.customerEmail ?? null);
      if (settlement.settlement === "charge" && !email) warnings.push("The order has no email address, so Shopify cannot send the invoice: add one to the order in Shopify admin first.");
      const to = request.customerName ?? email ?? "the shopper";
      const formatted = text(settlement.amountMinor);
      const sent = `The new item${wanted.length > 1 || wanted[0].quantity > 1 ? "s" : ""} (${items}) ${wanted.length > 1 || wanted[0].quantity > 1 ? "are" : "is"} sent`;
      const summary =
        settlement.settlement === "refund"
          ? `${sent}; ${formatted} is refunded to ${to}'s original payment.`
          : settlement.settlement === "store_credit"
            ? `${sent}; ${formatted} is credited to ${to} as store credit, ${settlement.expiresOn ? `expiring ${settlement.expiresOn}` : "with no expiry"}.`
            : settlement.settlement === "charge"
              ? `${sent}; an invoice for ${formatted} is sent to ${email ?? "the order's email (none on the order)"} with Shopify's payment link.`
              : `${sent}; no money moves (same value).`;
      return {
        method: "exchange",
        items,
        settlement: settlement.settlement,
        amountMinor: settlement.amountMinor,
        currency: settlement.currency,
        formatted,
        to,
        email,
        expiresOn: settlement.expiresOn,
        summary,
        shopifyMinor,
        shopifyFormatted: shopifyMinor === null ? null : text(Math.abs(shopifyMinor)),
        warning: warnings.length ? warnings.join(" ") : null,
      };
    },

    /**
     * Sends the invoice for an exchange's difference again, after Shopify refused it (the first
     * is sent when the exchange is processed). Once: a sent one is never sent again.
     */
    async invoice(shop: string, id: string): Promise<ActionResult> {
      const request = await load(shop, id);
      const settlement = settlementOf(request);
      if ("ok" in settlement) return settlement;
      if (request.resolution !== "exchange" || settlement.settlement !== "charge") return refuse(422, "Only an exchange the shopper owes a difference on is invoiced, once it is processed.");
      const result = await invoiceOnce(shop, request, settlement);
      return result.ok ? result : refuse(result.status, `Not done: ${result.message}`);
    },

    async resolve(shop: string, id: string, input: ResolveInput): Promise<ActionResult> {
      const { method, expiresInDays, note, parts } = resolveSchema.parse(input);
      const request = await load(shop, id);
      const money = MONEY_RESOLUTIONS.includes(method);
      // A resolution held for this same method (a double click, a colleague's same click, a click
      // after a send Shopify did not confirm) carries on under the same operation key.
      const heldForThis = (money || method === "exchange") && request.resolution === method;
      if (!isAllowed(request, "resolve") || (request.resolution && !heldForThis)) {
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
        if (!(await deps.desk.claimResolution(shop, id, FROM.resolve, method))) return stale(shop, request, "resolve");
        await deps.desk.record(shop, { requestId: id, type: "resolved", ...actorOf(deps.staff), message: `Resolved: ${RESOLUTION_LABELS[method]}${note ? ` — ${note}` : ""}`, data: { method, note }, at: now() });
        if (deps.repairs) await openTicketOnResolve({ ...deps, repairs: deps.repairs, now }, shop, request, method);
        return ok(`Resolved: ${RESOLUTION_LABELS[method].toLowerCase()}.`);
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
      const result = await sendResolution(shop, request, method, step, preview, note);
      if (!result.ok) await deps.operations.releaseResolution(shop, id, method).catch(() => false);
      return result;
    },
  };

  /** Sends a held money resolution through its durable operation and records what happened. */
  async function sendResolution(shop: string, request: RequestRecord, method: Resolution, step: string, preview: MoneyPreview, note: string): Promise<ActionResult> {
    const id = request.id;
    const key = operationKey(id, step);
    let operation: OperationRecord;
    try {
      const intent = await intentOf(shop, request, method, step, preview);
      const { operation: begun } = await deps.operations.begin(shop, intent);
      operation = await execute(deps.admin, moneyDeps, shop, begun);
    } catch (error) {
      if (error instanceof MoneyCeilingError) {
        return refuse(422, `Not sent: it would take this request's refunds and credits past what the policy decided (${error.message}). Nothing was moved.`);
      }
      if (error instanceof OperationKeyConflict) {
        return refuse(409, "Not done: a different resolution for this request was started by someone else moments ago. Refresh to see it; no money was moved by this click.");
      }
      return unconfirmed(shop, request, method, key, preview, error);
    }
    if (operation.status === "failed") {
      await deps.desk.record(shop, { requestId: id, type: "failed", ...actorOf(deps.staff), message: `Shopify refused the ${RESOLUTION_LABELS[method].toLowerCase()}: ${operation.lastError ?? ""}`, data: { key: operation.idempotencyKey }, at: now() });
      return refuse(422, `Not sent: ${operation.lastError ?? "Shopify refused it"}. Nothing was moved; you can correct it and try again.`);
    }
    if (operation.status === "needs_review") return refuse(409, "This payment needs a person to check it in Shopify before anything else is sent. It is listed on the home page.");
    if (operation.status !== "succeeded") {
      return refuse(409, `Not sent by this click: the ${preview.formatted} for this request is being sent right now (another click or a colleague started it). It will not be sent twice; refresh in a moment.`);
    }
    return confirmed(shop, request, operation, method, note, preview);
  }

  /**
   * The send ended without an answer (Shopify's, or the database's after it): what the operation's
   * record says decides what the merchant is told (issue 22 item 26). Sent: the outcome is not
   * confirmed and will be checked; still pending: nothing went out yet, and it will go once;
   * succeeded (the failure came after): recorded now; no record at all: nothing changed.
   */
  async function unconfirmed(shop: string, request: RequestRecord, method: Resolution, key: string, preview: MoneyPreview, error: unknown): Promise<ActionResult> {
    const label = RESOLUTION_LABELS[method].toLowerCase();
    let row: OperationRecord | null | undefined;
    try {
      row = await deps.operations.find(shop, key);
    } catch {
      row = undefined;
    }
    const failure = (message: string) => deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message, data: { key }, at: now() }).catch(() => undefined);
    if (row?.status === "succeeded") return confirmed(shop, request, row, method, "", preview);
    if (row === null) {
      await failure(`${RESOLUTION_LABELS[method]} not sent: ${shopifyProblem(error)}`);
      return refuse(502, `${shopifyProblem(error)} Nothing was sent.`);
    }
    if (row?.status === "pending") {
      await failure(`${RESOLUTION_LABELS[method]} of ${preview.formatted} not sent yet: ${describe(error)}. Recorded; sent once, automatically.`);
      return refuse(502, `Not sent yet: ${describe(error)}. The ${label} of ${preview.formatted} is recorded and will be sent once, automatically, within a few minutes (or click again to send it now). It will never be sent twice.`);
    }
    if (row && row.status !== "sent") return refuse(409, `The ${label} of ${preview.formatted} is ${row.status === "needs_review" ? "waiting for a person to check it in Shopify (it is listed on the home page)" : row.status}. Refresh the page.`);
    await failure(`${RESOLUTION_LABELS[method]} of ${preview.formatted} not confirmed yet: ${describe(error)}. It is checked with Shopify automatically.`);
    return refuse(
      502,
      `The ${label} of ${preview.formatted} may have gone out: it was sent, but ${row ? "Shopify did not confirm it" : "its outcome could not be read back"} (${describe(error)}). The outcome is not confirmed yet: it is checked with Shopify automatically within a few minutes, never sent twice, and the request is resolved as soon as it is confirmed. Do not send it another way meanwhile; refresh in a few minutes.`,
    );
  }

  /**
   * The money went out: the request records it (its resolution, status resolved, the money entry
   * and the "resolved" entry, each once; OperationRepository.settleResolution) and follows its
   * Shopify return when returnProcess closed it.
   */
  async function confirmed(shop: string, request: RequestRecord, operation: OperationRecord, method: Resolution, note: string, shown: Shown): Promise<ActionResult> {
    const settled = await recordMoney(shop, request, operation, method, note, shown);
    if (settled.resolvedOtherwise) {
      const other = (RESOLUTION_LABELS[settled.resolution as Resolution] ?? settled.resolution ?? "").toLowerCase();
      return refuse(409, `${shown.how}: ${shown.formatted} went out, but this request had been resolved by ${other} meanwhile. The money is recorded on its timeline; check with the shopper.`);
    }
    // Another confirmation (a colleague's click on the same operation, or the reconciler) recorded
    // it first: the money went out once, and this click must not say it sent it.
    if (!settled.recorded) return refuse(409, `Not sent by this click: this request is already resolved. ${shown.how}: ${shown.formatted} went out once and is on its timeline; nothing more was sent.`);
    return ok(`${shown.how}: ${shown.formatted} sent.`);
  }

  async function recordMoney(shop: string, request: RequestRecord, operation: OperationRecord, method: Resolution, note: string, shown: Shown) {
    const id = request.id;
    const settled = await deps.operations.settleResolution(shop, {
      requestId: id,
      key: operation.idempotencyKey,
      method,
      amountMinor: operation.amountMinor ?? 0,
      currency: operation.currency ?? request.currency,
      message: `${shown.how}: ${shown.formatted}`,
      resolvedMessage: `Resolved: ${RESOLUTION_LABELS[method]}${note ? ` — ${note}` : ""}`,
      note,
      data: {
        amountMinor: operation.amountMinor,
        currency: operation.currency,
        expiresOn: shown.expiresOn,
        shopifyOrderId: operation.shopifyOrderId,
        shopifyTargetId: operation.shopifyTargetId,
        shopifyResultId: operation.shopifyResultId,
        engineMinor: operation.amountMinor,
        shopifyMinor: shown.shopifyMinor,
      },
      actor: "merchant",
      staffId: deps.staff.id,
      staffName: deps.staff.name,
      at: now(),
    });
    // returnProcess closes a fully processed return: the request follows at once (the
    // returns/close webhook then finds nothing to move).
    if (operation.kind === "return_process" && request.shopifyReturnId) {
      const state = await fetchReturn(deps.admin, request.shopifyReturnId).catch(() => null);
      if (state?.status === "CLOSED") await deps.desk.transition(shop, id, ["resolved"], "closed");
    }
    return settled;
  }

  /**
   * An earlier money resolution of this request that Shopify confirmed (a click whose answer was
   * lost, then the reconciler) while the request does not show it yet: recorded now, and the
   * clicker is told the money already went out. Null when there is none to record.
   */
  async function settleEarlier(shop: string, request: RequestRecord, method: Resolution): Promise<ActionResult | null> {
    const done = (await deps.operations.forRequest(shop, request.id)).find((o) => o.status === "succeeded" && (resolutionOf(o) === "refund" || resolutionOf(o) === "store_credit"));
    if (!done) return null;
    const sentBy = resolutionOf(done) as Resolution;
    const formatted = formatMoneyIn(done.amountMinor ?? 0, done.currency ?? request.currency, deps.locale);
    const how = sentBy === "refund" ? "Refund to the original payment" : "Store credit";
    const settled = await recordMoney(shop, request, done, sentBy, "", { how, formatted, expiresOn: null, shopifyMinor: null });
    if (!settled.recorded) return null; // already on the request: the usual refusal says how it stands
    const recorded = `${how} of ${formatted} already went out for this request (Shopify confirmed it after an earlier click); it is now recorded on the timeline${settled.resolvedOtherwise ? `, although the request had been resolved by ${(RESOLUTION_LABELS[settled.resolution as Resolution] ?? settled.resolution ?? "").toLowerCase()}: check with the shopper` : " and the request is resolved"}.`;
    if (sentBy === method && !settled.resolvedOtherwise) return ok(`${recorded} Nothing more was sent.`);
    return refuse(409, `Not done: ${recorded} No money was moved by this click.`);
  }

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
    if (!(await deps.desk.resolveWithParts(shop, request.id, FROM.resolve, perLine))) return stale(shop, request, "resolve");
    await deps.desk.record(shop, { requestId: request.id, type: "parts_sent", ...actorOf(deps.staff), message: `Parts recorded as sent: ${what}.`, data: { parts, allowed, sentBefore: before }, at: now() });
    await deps.desk.record(shop, { requestId: request.id, type: "resolved", ...actorOf(deps.staff), message: `Resolved: ${RESOLUTION_LABELS.parts} (${what})${note ? ` — ${note}` : ""}`, data: { method: "parts", parts, note }, at: now() });
    return ok(`Resolved: ${what} sent.`);
  }

  /** Resolve a paid repair once the shopper accepted its quote and Shopify holds its draft order. */
  async function quotePaid(shop: string, request: RequestRecord, note: string): Promise<ActionResult> {
    const quote = await deps.desk.currentQuote(shop, request.id);
    if (!quote || quote.status !== "accepted") return refuse(422, quote?.status === "awaiting" ? "The shopper has not answered the quote yet." : "There is no accepted quote on this request.");
    if (!quote.draftOrderId) return refuse(409, "The shopper accepted, but Shopify's draft order for the quote is not made yet. Refresh in a moment.");
    if (!(await deps.desk.claimResolution(shop, request.id, FROM.resolve, "quote"))) return stale(shop, request, "resolve");
    const formatted = formatMoneyIn(quote.amountMinor, quote.currency, deps.locale);
    await deps.desk.record(shop, { requestId: request.id, type: "resolved", ...actorOf(deps.staff), message: `Resolved: ${RESOLUTION_LABELS.quote} — ${quote.description}, ${formatted}${note ? ` — ${note}` : ""}`, data: { method: "quote", quoteId: quote.id, draftOrderId: quote.draftOrderId, note }, at: now() });
    if (deps.repairs) await openTicketOnResolve({ ...deps, repairs: deps.repairs, now }, shop, request, "quote");
    return ok(`Resolved: paid repair of ${formatted}.`);
  }

  /**
   * Resolve by exchange: the Shopify return carries the chosen variants as exchange line items
   * and processing it hands them over (Shopify creates their fulfillment order). No money moves,
   * so only a same-value exchange is processed here: one whose stored preview shows a difference
   * to charge, refund or credit (a policy's exchange rule may allow other items) is refused.
   *
   * A shopper's return was made by returnRequest, which cannot carry exchanges and cannot be
   * given them later: it is cancelled and made again by returnCreate with the same items plus the
   * exchange ones (the request follows the new return). Processing then goes through the durable
   * operations under one key per request, so a double click or a retry processes it once.
   */
  async function exchange(shop: string, request: RequestRecord, note: string): Promise<ActionResult> {
    const wanted = request.lines.filter((l) => l.exchangeVariantId);
    if (!wanted.length) return refuse(422, "The shopper did not choose anything in exchange on this request.");
    const settlement = settlementOf(request);
    if ("ok" in settlement) return settlement;
    if (!request.shopifyReturnId) return refuse(422, "An exchange goes through a Shopify return, and this request has none.");
    // Setting the exchange up (cancel the shopper's return, make the exchange return) happens
    // before there is an operation to key it by: a claim lets one click do it and tells the other.
    const claimKey = `exchange:${request.id}`;
    const token = randomUUID();
    const claim = await deps.desk.claim(shop, claimKey, deps.staff.name ?? `Staff member ${deps.staff.id}`, token, now(), EXCHANGE_CLAIM_MS);
    if (!claim.won) {
      return refuse(409, `Not done by this click: ${claim.holder} is setting up this exchange in Shopify right now. It will be done once; refresh in a moment to see it.`);
    }
    try {
      const fresh = await load(shop, request.id);
      if (!isAllowed(fresh, "resolve") || (fresh.resolution && fresh.resolution !== "exchange")) return stale(shop, fresh, "resolve");
      // Held before the return is touched or anything processed, as a money resolution is: a
      // colleague's refund or repair meanwhile is refused (issue 22 item 1).
      if (!(await deps.operations.holdResolution(shop, fresh.id, "exchange")).held) return stale(shop, fresh, "resolve");
      const result = await exchangeClaimed(shop, fresh, wanted, note, settlement);
      if (!result.ok) await deps.operations.releaseResolution(shop, fresh.id, "exchange").catch(() => false);
      return result;
    } finally {
      await deps.desk.release(shop, claimKey, token);
    }
  }

  async function exchangeClaimed(shop: string, request: RequestRecord, wanted: RequestRecord["lines"], note: string, settlement: Settlement): Promise<ActionResult> {
    // A new attempt only after Shopify refused the previous one (nothing was handed over then).
    const failed = (await deps.operations.forRequest(shop, request.id)).filter((o) => o.step.startsWith("exchange") && o.status === "failed").length;
    const step = failed ? `exchange-${failed + 1}` : "exchange";
    const key = operationKey(request.id, step);
    const existing = await deps.operations.find(shop, key);
    // Processed already: recorded below unless the request already shows it.
    if (existing?.status === "succeeded" && request.resolution !== "exchange") return stale(shop, request, "resolve");
    let state: ReturnState;
    try {
      if (existing) {
        state = await fetchReturn(deps.admin, (existing.input as ProcessPlan).returnId);
      } else {
        const prepared = await exchangeReturnOf(shop, request, wanted);
        if ("ok" in prepared) return prepared;
        state = prepared;
      }
    } catch (error) {
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Exchange not set up: ${shopifyProblem(error)}`, at: now() });
      return refuse(502, shopifyProblem(error));
    }
    const input: ProcessPlan = {
      returnId: state.id,
      orderId: request.orderId,
      currency: request.currency,
      note: `Aftercare ${key}`,
      lines: state.lines.filter((l) => l.quantity > l.processedQuantity).map((l) => ({ returnLineItemId: l.id, quantity: l.quantity - l.processedQuantity })),
      exchangeLines: state.exchangeLines.filter((x) => x.quantity > x.processedQuantity).map((x) => ({ exchangeLineItemId: x.id, quantity: x.quantity - x.processedQuantity })),
      restock: restocksOnProcess(deps.restockOnProcess, request.lines.map((l) => l.reason)),
      // The difference owed to the shopper goes back in the same processing (one refund on the
      // order, in their currency); a difference they owe is invoiced once processing is done.
      toPaymentMinor: settlement.settlement === "refund" ? settlement.amountMinor : 0,
      storeCreditMinor: settlement.settlement === "store_credit" ? settlement.amountMinor : 0,
      storeCreditExpiresAt: settlement.settlement === "store_credit" ? expiresAtOf(deps.timezone, settlement.expiresOn) : null,
      shippingMinor: 0,
      notify: true,
    };
    const moneyOut = input.toPaymentMinor + input.storeCreditMinor;
    let operation: OperationRecord;
    try {
      const { operation: begun } = existing ? { operation: existing } : await deps.operations.begin(shop, { requestId: request.id, step, idempotencyKey: key, kind: "return_process", amountMinor: moneyOut, currency: request.currency, input, shopifyOrderId: request.orderId, shopifyTargetId: state.id });
      operation = await execute(deps.admin, moneyDeps, shop, begun);
    } catch (error) {
      if (error instanceof OperationKeyConflict) return refuse(409, "Not done: a colleague started this exchange moments ago. Refresh to see it.");
      if (error instanceof MoneyCeilingError) return refuse(422, `Not processed: the difference would take this request's refunds and credits past what the policy decided (${error.message}). Nothing was moved.`);
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Exchange not confirmed: ${shopifyProblem(error)}`, data: { key }, at: now() });
      return refuse(502, `${shopifyProblem(error)} The exchange is recorded once and will never be processed twice.`);
    }
    if (operation.status === "failed") {
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Shopify refused the exchange: ${operation.lastError ?? ""}`, data: { key }, at: now() });
      return refuse(422, `Shopify refused the exchange: ${operation.lastError ?? "no reason given"}. Nothing was handed over.`);
    }
    if (operation.status === "needs_review") return refuse(409, `This exchange needs a person to check it in Shopify before anything else is done (${operation.lastError ?? "no reason recorded"}). It is listed on the home page.`);
    if (operation.status !== "succeeded") return refuse(409, "Not done by this click: this exchange is being processed right now (another click or a colleague started it). Refresh in a moment.");
    // The resolution was held for the exchange before it was processed: the status follows.
    await deps.desk.transition(shop, request.id, FROM.resolve, "resolved");
    const after = await fetchReturn(deps.admin, state.id).catch(() => null);
    if (after?.status === "CLOSED") await deps.desk.transition(shop, request.id, ["resolved"], "closed");
    // In the shopper's words ("Crystal Eternity Band, size J"), else Shopify's variant title.
    const chosen = new Map(wanted.map((l) => [l.exchangeVariantId, l.exchangeVariantTitle]));
    const items = state.exchangeLines.map((x) => `${x.quantity > 1 ? `${x.quantity} × ` : ""}${chosen.get(x.variantId) ?? x.variantTitle ?? x.variantId ?? "item"}`).join(", ");
    const formatted = formatMoneyIn(settlement.amountMinor, settlement.currency, deps.locale);
    const money =
      settlement.settlement === "refund"
        ? `${formatted} refunded to the original payment`
        : settlement.settlement === "store_credit"
          ? `${formatted} credited as store credit${settlement.expiresOn ? ` expiring ${settlement.expiresOn}` : " (no expiry)"}`
          : settlement.settlement === "charge"
            ? `the shopper owes ${formatted}, to be invoiced`
            : "no money moved (same value)";
    await deps.desk.record(shop, {
      requestId: request.id,
      type: "exchanged",
      ...actorOf(deps.staff),
      message: `Exchange processed in Shopify: ${items} to send to the shopper; ${money}.`,
      data: { key, shopifyReturnId: state.id, exchangeLineItemIds: state.exchangeLines.map((x) => x.id), settlement: settlement.settlement, amountMinor: settlement.amountMinor, currency: settlement.currency },
      at: now(),
    });
    if (moneyOut > 0) {
      // The audit and the shopper's status page: the difference that went back, as a money entry.
      await deps.desk.record(shop, {
        requestId: request.id,
        type: settlement.settlement === "refund" ? "refunded" : "credited",
        ...actorOf(deps.staff),
        message: `Exchange difference: ${money}`,
        amountMinor: moneyOut,
        currency: settlement.currency,
        data: { key, method: settlement.settlement, amountMinor: moneyOut, currency: settlement.currency, expiresOn: settlement.expiresOn, shopifyOrderId: operation.shopifyOrderId, shopifyTargetId: operation.shopifyTargetId, shopifyResultId: operation.shopifyResultId },
        at: now(),
      });
    }
    await deps.desk.record(shop, { requestId: request.id, type: "resolved", ...actorOf(deps.staff), message: `Resolved: ${RESOLUTION_LABELS.exchange}${note ? ` — ${note}` : ""}`, data: { method: "exchange", note }, at: now() });
    if (settlement.settlement === "charge") {
      const invoiced = await invoiceOnce(shop, request, settlement);
      if (!invoiced.ok) return refuse(invoiced.status, `Exchange processed: ${items} will be sent. But ${invoiced.message}`);
      return ok(`Exchange processed: ${items} will be sent to the shopper. ${invoiced.message}`);
    }
    return ok(`Exchange processed: ${items} will be sent to the shopper${moneyOut > 0 ? `; ${money}` : ""}.`);
  }

  /**
   * The exchange's difference as the shopper was shown and submitted it (the stored preview), in
   * the currency they paid in; a same-value exchange settles "none". Refused when it cannot be
   * settled as shown: another currency, or store credit without a customer account.
   */
  function settlementOf(request: RequestRecord): Settlement | ActionResult {
    const difference = exchangeDifferenceOf(request.decision);
    if (!difference) return { settlement: "none", amountMinor: 0, currency: request.currency, expiresOn: null };
    const { settlement, amount } = difference;
    if (amount.currency !== request.currency) return refuse(422, `The exchange's difference is in ${amount.currency} but the shopper paid in ${request.currency}: it cannot be settled from the desk.`);
    if (settlement === "store_credit" && !request.customerId) return refuse(422, "The difference is owed as store credit, which needs a customer account: this order has none. Refund it instead, or settle it in Shopify admin.");
    let expiresOn: string | null = null;
    if (settlement === "store_credit") {
      const decision = engineDecisionOf(request.decision) as Decision | null;
      const exchanged = decision?.lines?.find((l) => l.eligible && l.resolutions.includes("exchange"));
      const days = exchanged ? (deps.storeCreditExpiryDays?.[exchanged.case] ?? null) : null;
      // Counted from the policy's starting point (the decision's date), not the day it is sent.
      const from = decision?.decidedOn ?? DateTime.fromJSDate(request.createdAt).setZone(deps.timezone).toISODate();
      expiresOn = days !== null && from ? addLocalDays(from, days) : (decision?.refund?.storeCreditExpiresOn ?? null);
    }
    return { settlement, amountMinor: amount.amountMinor, currency: amount.currency, expiresOn };
  }

  /**
   * The invoice for what the shopper owes on an exchange (orderInvoiceSend: Shopify emails the
   * order's invoice with a payment link for its outstanding amount). A durable operation keyed by
   * request and step, so a retry or a second click sends one invoice; a new step only after
   * Shopify refused the previous one (nothing was sent then).
   */
  async function invoiceOnce(shop: string, request: RequestRecord, settlement: Settlement): Promise<ActionResult> {
    const previous = (await deps.operations.forRequest(shop, request.id)).filter((o) => o.kind === "invoice");
    const formatted = formatMoneyIn(settlement.amountMinor, settlement.currency, deps.locale);
    if (previous.some((o) => o.status === "succeeded")) return refuse(409, `Not sent again: the invoice for ${formatted} was already sent to the shopper.`);
    const failed = previous.filter((o) => o.status === "failed").length;
    const step = failed ? `invoice-${failed + 1}` : "invoice";
    const key = operationKey(request.id, step);
    const plan: InvoicePlan = { orderId: request.orderId, currency: settlement.currency, amountMinor: settlement.amountMinor, customMessage: `The difference on your exchange (request ${request.number ?? request.id}): ${formatMoneyIn(settlement.amountMinor, settlement.currency, "en")}.` };
    let operation: OperationRecord;
    try {
      const { operation: begun } = await deps.operations.begin(shop, { requestId: request.id, step, idempotencyKey: key, kind: "invoice", amountMinor: settlement.amountMinor, currency: settlement.currency, input: plan, shopifyOrderId: request.orderId, shopifyTargetId: request.orderId });
      operation = await execute(deps.admin, moneyDeps, shop, begun);
    } catch (error) {
      if (error instanceof OperationKeyConflict || error instanceof MoneyCeilingError) return refuse(409, `the invoice was not sent (${error.message}). Refresh the page.`);
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Invoice for ${formatted} not confirmed: ${shopifyProblem(error)}`, data: { key }, at: now() });
      return refuse(502, `the invoice for ${formatted} was not confirmed: ${shopifyProblem(error)} It is recorded and will never be sent twice.`);
    }
    if (operation.status === "failed") {
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Invoice for ${formatted} not sent: ${operation.lastError ?? "no reason given"}`, data: { key }, at: now() });
      return refuse(422, `the invoice for ${formatted} was not sent: ${operation.lastError ?? "no reason given"}. Send it again from this page once that is put right.`);
    }
    if (operation.status === "needs_review") return refuse(409, `the invoice for ${formatted} needs a person to check it before it is sent (${operation.lastError ?? "no reason recorded"}). It is listed on the home page.`);
    if (operation.status !== "succeeded") return refuse(409, `the invoice for ${formatted} is being sent right now (another click or a colleague started it). It will be sent once; refresh in a moment.`);
    const to = (await fetchOrderEmail(request)) ?? "the order's email";
    // The timeline (shown on the shopper's status page, kept after a redaction) names no email
    // address: Shopify sends the invoice to the order's own, which Shopify holds.
    await deps.desk.record(shop, {
      requestId: request.id,
      type: "invoiced",
      ...actorOf(deps.staff),
      message: `Invoice for ${formatted} sent to the order's email address: the shopper pays the exchange's difference through Shopify's payment link.`,
      amountMinor: settlement.amountMinor,
      currency: settlement.currency,
      data: { key, shopifyOrderId: request.orderId },
      at: now(),
    });
    return ok(`An invoice for ${formatted} was sent to ${to}.`);
  }

  async function fetchOrderEmail(request: RequestRecord): Promise<string | null> {
    const balance = await fetchOrderBalance(deps.admin, request.orderId).catch(() => null);
    return balance?.email ?? request.customerEmail ?? null;
  }

  /** The request's Shopify return with its exchange line items, made once (see exchange()). */
  async function exchangeReturnOf(shop: string, request: RequestRecord, wanted: RequestRecord["lines"]): Promise<ReturnState | ActionResult> {
    const state = await fetchReturn(deps.admin, request.shopifyReturnId as string);
    if (state.exchangeLines.length) return state;
    if (state.lines.some((l) => l.processedQuantity > 0)) return refuse(422, "Part of this return was already processed in Shopify, so it can no longer become an exchange. Refund or credit it instead.");
    if (state.status === "REQUESTED" || state.status === "OPEN") {
      // Recorded first: the returns/cancel webhook this causes must not cancel the request.
      await deps.desk.markReturnReplaced(shop, state.id, request.id, now());
      await cancelReturn(deps.admin, state.id);
    }
    else if (state.status !== "CANCELED") return refuse(409, `The Shopify return is ${state.status.toLowerCase()}, so it cannot become an exchange.`);
    const reasonOf = new Map(request.lines.map((l) => [l.lineItemId, l.reason]));
    const returned = state.lines.map((l) => ({ fulfillmentLineItemId: l.fulfillmentLineItemId as string, quantity: l.quantity, reason: reasonOf.get(l.lineItemId ?? "") ?? "other" }));
    let made;
    try {
      made = await createExchangeReturn(deps.admin, request.orderId, returned, wanted.map((l) => ({ variantId: l.exchangeVariantId as string, quantity: l.quantity })));
    } catch (error) {
      if (!(error instanceof ShopifyUserErrors)) throw error;
      // Shopify refused the exchange (the variant sold out, say): the items stay returned on a
      // plain return, so the request can still be refunded or credited.
      const kept = await createExchangeReturn(deps.admin, request.orderId, returned, []);
      await deps.requests.linkReturn(shop, request.id, kept.id);
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Exchange refused by Shopify: ${error.userErrors.map((e) => e.message).join("; ")}. The items stay on a Shopify return.`, data: { from: state.id, to: kept.id }, at: now() });
      return refuse(422, `Shopify refused the exchange: ${error.userErrors.map((e) => e.message).join("; ")}. The returned items stay on a Shopify return: refund or credit them instead, or ask the shopper for another choice.`);
    }
    await deps.requests.linkReturn(shop, request.id, made.id);
    await deps.desk.record(shop, {
      requestId: request.id,
      type: "note",
      ...actorOf(deps.staff),
      message: `Shopify return ${state.name} replaced by an exchange return carrying ${wanted.map(chosenWords).join(", ")}.`,
      data: { from: state.id, to: made.id },
      at: now(),
    });
    return fetchReturn(deps.admin, made.id);
  }

  /**
   * The store credit's expiry as the policy sets it (issue 22 item 21): the refund rule's period
   * (`storeCreditExpiryDays` of the request's case, e.g. the Gulf boutique's "valid for 90 days
   * from the date of the return") counted from its starting point, the decision's local date — the
   * day the return was asked for (policy schema: "days after the decision's local date") — never
   * from the day the desk sends it. Without the live policy's days, the decision's own date.
   */
  function policyCreditExpiry(request: RequestRecord): string | null {
    const decision = engineDecisionOf(request.decision) as Decision | null;
    const moneyCase = decision?.lines?.find((l) => l.eligible && (l.resolutions.includes("store_credit") || l.resolutions.includes("refund")))?.case ?? (request.kind === "warranty" ? "warranty" : undefined);
    const days = moneyCase && deps.storeCreditExpiryDays && moneyCase in deps.storeCreditExpiryDays ? (deps.storeCreditExpiryDays[moneyCase] ?? null) : undefined;
    if (days === undefined) return decision?.refund?.storeCreditExpiresOn ?? null;
    if (days === null) return null;
    const from = decision?.decidedOn ?? DateTime.fromJSDate(request.createdAt).setZone(deps.timezone).toISODate();
    return from ? addLocalDays(from, days) : null;
  }

  async function previewOf(request: RequestRecord, method: Resolution, expiresInDays: number | null): Promise<MoneyPreview | ActionResult> {
    const figure = engineRefund(request);
    if (!figure) return refuse(422, "The engine has no refund figure for this request, so no money can be moved from the desk.");
    if (figure.currency !== request.currency) return refuse(422, `The engine's figure is in ${figure.currency} but the shopper paid in ${request.currency}: nothing can be moved.`);
    if (figure.amountMinor <= 0) return refuse(422, "The engine's figure is zero: there is nothing to refund.");
    if (method === "store_credit" && !request.customerId) return refuse(422, "Store credit needs a customer account: this order has none.");
    const text = (minor: number) => formatMoneyIn(minor, figure.currency, deps.locale);
    const warnings: string[] = [];
    // Shopify's suggested refund for the same units: a difference above one minor unit per line
    // is shown (the money job holds such a refund for review anyway).
    let shopifyMinor: number | null = null;
    const suggested = await fetchSuggestedRefund(deps.admin, request.orderId, request.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity }))).catch(() => null);
    if (!suggested) warnings.push("Shopify did not give its suggested refund for these items just now; check the order in Shopify admin before sending.");
    else if (suggested.currency !== figure.currency) warnings.push(`Shopify's suggestion is in ${suggested.currency} but the shopper paid in ${figure.currency}.`);
    else {
      shopifyMinor = suggested.lines.reduce((sum, l) => sum + l.subtotalMinor, 0);
      if (Math.abs(shopifyMinor - figure.itemsMinor) > request.lines.length) {
        warnings.push(`Shopify suggests ${text(shopifyMinor)} for these items; the policy gives ${text(figure.itemsMinor)}. Check which is right before sending.`);
      }
    }
    if (request.shopifyReturnId) {
      // Anything already refunded on the return means money moved outside the desk.
      const state = await fetchReturn(deps.admin, request.shopifyReturnId).catch(() => null);
      const refunded = state ? state.refunds.reduce((sum, r) => sum + parseMinorUnits(r.amount, r.currency), 0) : 0;
      if (refunded > 0) warnings.push(`Shopify already shows ${text(refunded)} refunded on this return. Check before sending more.`);
    }
    const formatted = text(figure.amountMinor);
    // The policy's expiry (its period from its starting point), unless the merchant overrides it.
    const policyExpiresOn = method === "store_credit" ? policyCreditExpiry(request) : null;
    const expiresOn = method !== "store_credit" ? null : expiresInDays === null ? policyExpiresOn : expiryDate(deps.timezone, now(), expiresInDays);
    if (method === "store_credit" && expiresOn !== policyExpiresOn) warnings.push(`The policy's store credit ${policyExpiresOn ? `expires on ${policyExpiresOn}` : "never expires"}; this credit ${expiresOn ? `expires on ${expiresOn}` : "never expires"} instead, recorded as an override with your note.`);
    const to = request.customerName ?? request.customerEmail ?? "the shopper";
    const how = method === "refund" ? "Refund to the original payment" : `Store credit${expiresOn ? ` expiring ${expiresOn}` : " (no expiry)"}`;
    const warning = warnings.length ? warnings.join(" ") : null;
    return {
      method,
      amountMinor: figure.amountMinor,
      currency: figure.currency,
      formatted,
      to,
      how,
      expiresOn,
      policyExpiresOn,
      itemsMinor: figure.itemsMinor,
      itemsFormatted: text(figure.itemsMinor),
      shopifyMinor,
      shopifyFormatted: shopifyMinor === null ? null : text(shopifyMinor),
      warning,
    };
  }

  async function intentOf(shop: string, request: RequestRecord, method: Resolution, step: string, preview: MoneyPreview): Promise<OperationIntent> {
    const key = operationKey(request.id, step);
    const toPaymentMinor = method === "refund" ? preview.amountMinor : 0;
    const storeCreditMinor = method === "store_credit" ? preview.amountMinor : 0;
    const storeCreditExpiresAt = method === "store_credit" ? expiresAtOf(deps.timezone, preview.expiresOn) : null;
    // The decided delivery goes on the refund's shipping (Shopify then records delivery refunded,
    // so a later return does not refund it again), and the items are compared with Shopify's
    // figure for the items alone (issue 22 item 3).
    const figure = engineRefund(request);
    const shippingMinor = Math.min(figure?.shippingMinor ?? 0, preview.amountMinor);
    const itemsMinor = preview.itemsMinor;
    if (request.shopifyReturnId) {
      const state = await fetchReturn(deps.admin, request.shopifyReturnId);
      const input: ProcessPlan = {
        returnId: state.id,
        orderId: request.orderId,
        currency: preview.currency,
        note: `Aftercare ${key}`,
        lines: state.lines.map((l) => ({ returnLineItemId: l.id, quantity: l.quantity })),
        restock: restocksOnProcess(deps.restockOnProcess, request.lines.map((l) => l.reason)),
        toPaymentMinor,
        storeCreditMinor,
        storeCreditExpiresAt,
        shippingMinor,
        itemsMinor,
        notify: true,
      };
      return { requestId: request.id, step, idempotencyKey: key, kind: "return_process", amountMinor: preview.amountMinor, currency: preview.currency, input, shopifyOrderId: request.orderId, shopifyTargetId: state.id };
    }
    if (method === "store_credit") {
      const grant: StoreCreditGrant = { customerId: request.customerId as string, amountMinor: preview.amountMinor, currency: preview.currency, expiresAt: storeCreditExpiresAt, notify: true };
      return { requestId: request.id, step, idempotencyKey: key, kind: "store_credit", amountMinor: preview.amountMinor, currency: preview.currency, input: grant, shopifyOrderId: null, shopifyTargetId: grant.customerId };
    }
    const plan: RefundPlan = {
      orderId: request.orderId,
      currency: preview.currency,
      note: `Aftercare ${key}`,
      lines: request.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity, restock: false })),
      toPaymentMinor,
      storeCreditMinor: 0,
      storeCreditExpiresAt: null,
      shippingMinor,
      itemsMinor,
      notify: true,
    };
    void shop;
    return { requestId: request.id, step, idempotencyKey: key, kind: "refund", amountMinor: preview.amountMinor, currency: preview.currency, input: plan, shopifyOrderId: request.orderId, shopifyTargetId: null };
  }
}

export type Desk = ReturnType<typeof createDesk>;
