import { fallbackName } from "./staff.server";
import { DateTime } from "luxon";

import type { Decision } from "../domain";
import { formatMoneyIn, parseMinorUnits } from "../domain/money";
import type { JobQueue } from "../jobs/queue.server";
import type { DeskRepository } from "../repositories/desk.server";
import { requestReference } from "../repositories/desk.server";
import type { OperationRepository } from "../repositories/operations.server";
import { engineDecisionOf, exchangeDifferenceOf, type RequestRecord, type RequestRepository, type RequestStatus } from "../repositories/requests.server";
import { adminLanguageOf, type Translate } from "../i18n/admin";
import { adminT } from "../i18n/i18n.server";
import { entryText } from "../repairs/entry-words";
import { translator } from "../storefront/i18n";
import { entryWords } from "./entry-words";
import { conditionOf } from "./inspection";
import { refusalWords } from "./inspection.server";
import { allowedActions, offersPaidRepair, resolutionsFor, unavailableReason, type Resolution } from "./machine";
import { resolutionLabel, statusLabel } from "./labels";

/** What the desk's pages read: plain data the routes hand to the browser as it is. */

export type ViewDeps = {
  requests: RequestRepository;
  desk: DeskRepository;
  operations: OperationRepository;
  /** The job queue's dead letters (jobs that used all their attempts), shown with a retry. */
  queue?: Pick<JobQueue, "deadLetters">;
};

/** What a job was doing, in the merchant's words (`home.jobs.*`; English unless a translate function is given). */
export function failedJobLabel(kind: string, topic: string | null, t: Translate = adminT("en")): string {
  if (kind === "webhook" && topic) return t("home.jobs.webhook", { topic });
  return ["reconcile", "money", "notify", "flow"].includes(kind) ? t(`home.jobs.${kind}`) : kind;
}

const WAITING: RequestStatus[] = ["requested", "approved", "received", "inspected"];

/** The home's figures, with its words and dates in the language of `locale` (the admin's). */
export async function homeView(deps: ViewDeps, shop: string, timezone: string, now: Date, locale: string) {
  const t = adminT(locale);
  const local = DateTime.fromJSDate(now).setZone(timezone).setLocale(adminLanguageOf(locale));
  const monthStart = local.startOf("month");
  const monthEnd = monthStart.plus({ months: 1 });
  const from = monthStart.toJSDate();
  const to = monthEnd.toJSDate();
  const weeks = 8;
  const firstWeek = local.startOf("week").minus({ weeks: weeks - 1 });
  // Independent reads: asked together, so the page waits for the slowest, not for their sum.
  const [counts, oldest, resolved, money, created, needsReview, deadLetters] = await Promise.all([
    deps.desk.countsByStatus(shop),
    deps.desk.oldestIn(shop, WAITING),
    deps.desk.resolvedBetween(shop, from, to),
    deps.desk.eventsBetween(shop, ["refunded", "credited", "override"], from, to),
    deps.desk.createdSince(shop, firstWeek.toJSDate()),
    deps.desk.paymentsToCheck(shop),
    deps.queue ? deps.queue.deadLetters(shop, 20) : [],
  ]);
  const sums = new Map<string, { refundMinor: number; creditMinor: number }>();
  let overrides = 0;
  for (const event of money) {
    if (event.type === "override") {
      overrides += 1;
      continue;
    }
    if (event.amountMinor === null || !event.currency) continue;
    const entry = sums.get(event.currency) ?? { refundMinor: 0, creditMinor: 0 };
    if (event.type === "refunded") entry.refundMinor += event.amountMinor;
    if (event.type === "credited") entry.creditMinor += event.amountMinor;
    sums.set(event.currency, entry);
  }
  const fmt = (minor: number, currency: string) => formatMoneyIn(minor, currency, locale);
  const perWeek = Array.from({ length: weeks }, (_, i) => ({ week: firstWeek.plus({ weeks: i }).toFormat("d LLL"), return: 0, warranty: 0, service: 0 }));
  for (const r of created) {
    const i = Math.floor(DateTime.fromJSDate(r.createdAt).setZone(timezone).diff(firstWeek, "weeks").weeks);
    const bucket = perWeek[i];
    if (bucket && (r.kind === "return" || r.kind === "warranty" || r.kind === "service")) bucket[r.kind] += 1;
  }
  const month = monthStart.toFormat("LLLL yyyy");
  return {
    // A heading: capitalised as one in every language ("décembre 2026" → "Décembre 2026").
    month: month.charAt(0).toLocaleUpperCase(locale) + month.slice(1),
    counts,
    actionNow: (["requested", "approved", "received", "inspected"] as const).map((status) => ({ label: t(`home.actionNow.${status}`), count: counts[status], status })),
    paymentsToCheck: needsReview,
    failedJobs: deadLetters.map((d) => ({ id: d.id, label: failedJobLabel(d.kind, d.topic, t), error: d.lastError, attempts: d.attempts, failedAt: d.failedAt.toISOString() })),
    oldest: oldest ? { id: oldest.id, reference: requestReference(oldest), orderName: oldest.orderName, customerName: oldest.customerName, status: statusLabel(oldest.status, t), createdAt: oldest.createdAt.toISOString(), waitingDays: Math.floor(local.diff(DateTime.fromJSDate(oldest.createdAt), "days").days) } : null,
    figures: {
      returns: resolved.filter((r) => r.kind === "return").length,
      refunds: [...sums.entries()].filter(([, s]) => s.refundMinor > 0).map(([c, s]) => fmt(s.refundMinor, c)),
      credit: [...sums.entries()].filter(([, s]) => s.creditMinor > 0).map(([c, s]) => fmt(s.creditMinor, c)),
      exchanges: resolved.filter((r) => r.resolution === "exchange").length,
      services: resolved.filter((r) => r.kind === "service" || r.resolution === "repair" || r.resolution === "parts").length,
      overrides,
    },
    perWeek,
  };
}

export async function detailView(deps: ViewDeps, shop: string, request: RequestRecord, locale: string) {
  const [timeline, operations, history, quote, inspection] = await Promise.all([
    deps.desk.timeline(shop, request.id),
    deps.operations.forRequest(shop, request.id),
    request.customerId ? deps.desk.customerRequests(shop, request.customerId, request.id) : [],
    deps.desk.currentQuote(shop, request.id),
    deps.desk.inspectionOf(shop, request.id),
  ]);
  const decision = engineDecisionOf(request.decision) as Decision | null;
  const overrides = timeline.filter((e) => e.type === "override");
  const goodwill = overrides.some((e) => e.data.decision === "approve");
  const resolutions = resolutionsFor(request.kind, decision, { acceptedQuote: quote?.status === "accepted", goodwill });
  const t = adminT(locale);
  return {
    request: {
      id: request.id,
      reference: requestReference(request),
      orderId: request.orderId,
      orderName: request.orderName,
      customerName: request.customerName,
      customerEmail: request.customerEmail,
      customerNote: request.customerNote,
      kind: request.kind,
      service: request.service,
      status: request.status,
      statusLabel: statusLabel(request.status, t),
      resolution: request.resolution,
      preferredResolution: request.preferredResolution,
      currency: request.currency,
      shopifyReturnId: request.shopifyReturnId,
      shopifyReturnUrl: request.shopifyReturnId ? `shopify://admin/orders/${legacyId(request.orderId)}/returns/${legacyId(request.shopifyReturnId)}` : null,
      shopifyReturn: shopifyReturnState(request),
      createdAt: request.createdAt.toISOString(),
      refund: decision?.refund ? { method: decision.refund.method, total: decision.refund.total, currency: decision.refund.currency, formatted: formatMoneyIn(parseMinorUnits(decision.refund.total, decision.refund.currency), decision.refund.currency, locale), explanation: decision.refund.explanation.map((e) => e.text) } : null,
      lines: request.lines.map((line) => {
        const engine = decision?.lines.find((d) => d.lineId === line.lineItemId) ?? null;
        const override = [...overrides].reverse().find((e) => e.data.lineId === line.id) ?? null;
        return {
          id: line.id,
          title: line.title,
          quantity: line.quantity,
          reason: line.reason,
          cause: line.cause,
          condition: conditionAnswers(line.condition, locale),
          notes: line.notes,
          photos: line.photos,
          exchangeFor: line.exchangeVariantTitle ?? null,
          eligible: engine ? engine.eligible : null,
          explanation: engine ? engine.explanation.map((e) => ({ outcome: e.outcome, text: e.text })) : [],
          override: override ? { decision: String(override.data.decision), note: String(override.data.note), by: override.staffName ?? override.actor } : null,
        };
      }),
    },
    actions: allowedActions(request),
    resolutions,
    /** Resolutions the policy offers that cannot be done from the desk for this request, with why. */
    unavailable: Object.fromEntries(resolutions.flatMap((m) => (unavailableReason(m, request, t) ? [[m, unavailableReason(m, request, t) as string]] : []))) as Partial<Record<Resolution, string>>,
    /** Whether a paid repair may be quoted: warranty and service work, or a refusal the policy quotes instead. */
    quoteOffered: request.kind !== "return" || offersPaidRepair(decision),
    inspection: inspectionView(request, inspection, decision, locale),
    /** What the inspection form starts from: each line as the shopper declared it. */
    inspectForm: request.lines.map((l) => ({ id: l.id, title: l.title, condition: conditionOf(l.condition), cause: l.cause })),
    timeline: timeline.map((e) => ({
      id: e.id,
      type: e.type,
      internal: e.internal,
      // The desk's entries from their details, a repair ticket's from the words it kept (docs/decisions/028), in the admin's language.
      message: entryWords(e, t, locale, adminLanguageOf(locale)) ?? (e.message ? entryText(e, t, adminLanguageOf(locale)) : describeEvent(e.type, e.actor, t)),
      by: e.staffName ?? (e.staffId ? fallbackName(e.staffId) : null) ?? (e.actor === "shopify" ? "Shopify admin" : e.actor === "shopper" ? (request.customerName ?? t("request.described.shopper")) : e.actor === "system" ? "Aftercare" : e.actor),
      at: e.at.toISOString(),
    })),
    money: operations.map((o) => ({
      key: o.idempotencyKey,
      kind: o.kind,
      status: o.status,
      amount: o.amountMinor !== null && o.currency ? formatMoneyIn(o.amountMinor, o.currency, locale) : null,
      shopifyResultId: o.shopifyResultId,
      staff: timeline.find((e) => e.data.key === o.idempotencyKey && (e.type === "refunded" || e.type === "credited" || e.type === "invoiced"))?.staffName ?? null,
      at: (o.completedAt ?? o.createdAt).toISOString(),
    })),
    invoice: invoiceState(request, operations, locale),
    quote: quote ? { status: quote.status, amount: formatMoneyIn(quote.amountMinor, quote.currency, locale), description: quote.description, by: quote.staffName, invoiceUrl: quote.invoiceUrl, draftOrderId: quote.draftOrderId } : null,
    history: history.map((h) => ({ id: h.id, reference: requestReference(h), orderName: h.orderName, kind: h.kind, status: statusLabel(h.status, t), createdAt: h.createdAt.toISOString() })),
  };
}

type Verdict = { eligible: boolean; resolutions: string[]; refusals: string[]; applied: string[] };

function verdictOf(line: Decision["lines"][number] | undefined, t: Translate): Verdict | null {
  if (!line) return null;
  return {
    eligible: line.eligible,
    resolutions: line.resolutions.map((r) => resolutionLabel(r, t)),
    refusals: refusalWords(line),
    applied: [...new Set(line.explanation.filter((e) => e.outcome !== "blocked").map((e) => e.text))],
  };
}

function refundWords(decision: Decision | null, locale: string, t: Translate): string | null {
  const refund = decision?.refund;
  if (!refund) return null;
  return `${formatMoneyIn(parseMinorUnits(refund.total, refund.currency), refund.currency, locale)} ${refund.method === "store_credit" ? t("request.inspection.inCredit") : t("request.lines.original")}`;
}

/**
 * The two decisions side by side, once an inspection is recorded: the engine's on the shopper's
 * word and on what the shop found, per line, with the items to send back, any paid repair the
 * policy quotes instead, and the policy's words a decline after receipt starts from.
 */
export function inspectionView(request: RequestRecord, inspection: Awaited<ReturnType<DeskRepository["inspectionOf"]>>, decision: Decision | null, locale: string) {
  if (!inspection) return null;
  const t = adminT(locale);
  const before = engineDecisionOf(inspection.shopperDecision) as Decision | null;
  const after = (inspection.decision as Decision | null) ?? decision;
  const findings = inspection.findings as { lineId: string; condition: Record<string, boolean>; cause: string | null }[];
  const lines = request.lines.map((line) => {
    const shopper = verdictOf(before?.lines.find((d) => d.lineId === line.lineItemId), t);
    const found = after?.lines.find((d) => d.lineId === line.lineItemId);
    const alternative = (found as { alternative?: { resolution: string; charge: string } | null } | undefined)?.alternative ?? null;
    const finding = findings.find((f) => f.lineId === line.id) ?? null;
    return { id: line.id, title: line.title, finding: finding ? { condition: conditionOf(finding.condition), cause: finding.cause } : null, shopper, inspected: verdictOf(found, t), sendBack: line.sendBack, alternative };
  });
  const refusals = [...new Set(lines.flatMap((l) => l.inspected?.refusals ?? []))];
  return {
    at: inspection.createdAt.toISOString(),
    by: inspection.staffName ?? (inspection.staffId ? fallbackName(inspection.staffId) : null),
    note: inspection.note,
    lines,
    refund: { shopper: refundWords(before, locale, t), inspected: refundWords(after, locale, t) },
    changed: lines.some((l) => l.shopper?.eligible !== l.inspected?.eligible),
    refusedAll: lines.length > 0 && lines.every((l) => l.inspected && !l.inspected.eligible),
    declineWords: refusals.join(" "),
  };
}

const legacyId = (gid: string) => gid.split("/").pop() ?? gid;

/** The storefront form's checklist, in the words the shopper's form has in the admin's language (English unless French). */
const CONDITION_QUESTIONS = new Set(["used", "worn", "tagsAttached", "originalPackaging", "packagingOpened"]);

/** Each question the shopper was asked about the piece's condition, with their answer (the page words it); none when the form asked none. */
export function conditionAnswers(condition: Record<string, boolean>, locale = "en"): { question: string; answer: "Yes" | "No" }[] {
  const shopperWords = translator(adminLanguageOf(locale));
  return Object.entries(condition)
    .filter(([key]) => CONDITION_QUESTIONS.has(key))
    .map(([key, value]) => ({ question: shopperWords(key), answer: value ? "Yes" : "No" }));
}

/**
 * The invoice for what the shopper owes on a processed exchange: `sent`, `sending` (an attempt
 * is out or recorded), `review` (held for a person, with why), or `unsent` (refused by Shopify, or
 * never started) — the desk then offers to send it again. Null when nothing is owed.
 */
export type InvoiceState = { state: "sent" | "sending" | "review" | "unsent"; amount: string; reason: string | null };

export function invoiceState(request: RequestRecord, operations: Awaited<ReturnType<OperationRepository["forRequest"]>>, locale: string): InvoiceState | null {
  const difference = exchangeDifferenceOf(request.decision);
  if (request.resolution !== "exchange" || difference?.settlement !== "charge") return null;
  const amount = formatMoneyIn(difference.amount.amountMinor, difference.amount.currency, locale);
  const invoices = operations.filter((o) => o.kind === "invoice");
  const last = invoices[invoices.length - 1];
  if (invoices.some((o) => o.status === "succeeded")) return { state: "sent", amount, reason: null };
  if (!last) return { state: "unsent", amount, reason: "The exchange was processed but its invoice was never started." };
  if (last.status === "needs_review") return { state: "review", amount, reason: last.lastError };
  if (last.status === "failed") return { state: "unsent", amount, reason: last.lastError };
  return { state: "sending", amount, reason: null };
}

export type ShopifyReturnState = { state: "retrying" | "stopped"; reason: string; attempts: number; retryAt: string | null };

/**
 * A request whose return Shopify refused or did not answer at submit: the reason kept, the
 * attempts made, and when the worker tries again ("retrying") or that it gave up ("stopped",
 * the merchant opens it in Shopify admin or declines). Null once the return is open, or when the
 * request has left "requested" (the worker only retries requested ones).
 */
export function shopifyReturnState(r: Pick<RequestRecord, "shopifyReturnId" | "returnError" | "returnAttempts" | "returnRetryAt" | "status">): ShopifyReturnState | null {
  if (r.shopifyReturnId || !r.returnError || r.status !== "requested") return null;
  return { state: r.returnRetryAt ? "retrying" : "stopped", reason: r.returnError, attempts: r.returnAttempts, retryAt: r.returnRetryAt ? r.returnRetryAt.toISOString() : null };
}

/** Words for an entry that carries none (the request module's own, a returns/* webhook's). */
function describeEvent(type: string, actor: string, t: Translate): string {
  // A returns/* webhook that moved the request: Shopify reports it, done outside Aftercare.
  const where = actor === "shopify" ? t("request.described.where") : "";
  if (actor === "shopify" && type === "closed") return t("request.described.shopifyClosed");
  if (actor === "shopify" && type === "refunded") return t("request.described.shopifyRefunded");
  switch (type) {
    case "requested":
    case "approved":
    case "declined":
    case "received":
    case "closed":
    case "cancelled":
    case "resolved":
      return t(`request.described.${type}`, { where });
    default:
      return `${type.replace(/_/g, " ")}${where}.`;
  }
}
