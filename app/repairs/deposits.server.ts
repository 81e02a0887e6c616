import { MoneyError, formatMoneyIn, parseMinorUnits } from "../domain/money";
import type { Policy } from "../domain/policy/schema";
import type { Translate } from "../i18n/admin";
import { adminT } from "../i18n/i18n.server";
import type { MoveOperation, RepairRepository, RepairTicketRecord } from "../repositories/repairs.server";
import type { Admin } from "../shopify/client.server";
import { balanceTicketOfTag, findRepairDraft, repairBalanceTag, repairQuoteTag } from "../shopify/draft-orders.server";
import { attachDraft, draftOperations, type DraftSteps, type QuoteRequest } from "./quotes.server";

/**
 * A quote with a deposit (docs/decisions/023): the service's policy asks for a share or an amount
 * before the work starts.
 * - The `quote` move records the deposit's draft order (under the ticket's own tag, so everything
 *   that follows a quote's draft order follows it: attaching, orders/create, acceptance) and its
 *   invoice, under steps of their own. The ticket is accepted when the deposit is paid.
 * - The `finish` move (the piece is ready) records the balance's draft order, the quote total less
 *   the deposit, under its own tag (`aftercare-repair-balance-<ticket id>`), and its invoice.
 * - The balance is paid when Shopify shows its draft completed into an order (orders/create, read
 *   back); until then the piece is not handed back (`balanceDue`), though the ticket can be cancelled.
 * Amounts are integers in minor units of the ticket's currency (the shopper's).
 */

export const DEPOSIT_STEP = "repair-deposit";
export const DEPOSIT_INVOICE_STEP = "repair-deposit-invoice";
export const BALANCE_STEP = "repair-balance";
export const BALANCE_INVOICE_STEP = "repair-balance-invoice";

export const DEPOSIT_STEPS: DraftSteps = { draft: DEPOSIT_STEP, invoice: DEPOSIT_INVOICE_STEP, attach: attachDraft };
export const BALANCE_STEPS: DraftSteps = { draft: BALANCE_STEP, invoice: BALANCE_INVOICE_STEP, attach: attachBalance };

/**
 * The deposit the service's policy asks on a quote of `totalMinor`: a share rounded down to a minor
 * unit, or the fixed amount read in the quote's currency. Null when the policy asks none, or when
 * it would be nothing or the whole quote (then the quote is paid at once, as without a deposit).
 */
export function depositOf(policy: Policy | null, service: string | null, totalMinor: number, currency: string): number | null {
  const rule = service ? policy?.services.find((s) => s.service === service)?.deposit : undefined;
  if (!rule) return null;
  let deposit: number;
  if (rule.kind === "share") deposit = Math.floor((totalMinor * rule.percent) / 100);
  else {
    try {
      deposit = parseMinorUnits(rule.amount, currency);
    } catch (error) {
      if (error instanceof MoneyError) return null; // "10.50" in a currency without minor units: no deposit can be asked in it
      throw error;
    }
  }
  return deposit > 0 && deposit < totalMinor ? deposit : null;
}

/** The deposit's draft order (one line) and its invoice, recorded with the quote move. */
export function depositOperations(ticket: Pick<RepairTicketRecord, "id" | "job" | "requestId" | "currency">, request: QuoteRequest, description: string, depositMinor: number): MoveOperation[] {
  return draftOperations(ticket, request, [{ title: `Deposit: ${description}`, quantity: 1, unitMinor: depositMinor }], repairQuoteTag(ticket.id), DEPOSIT_STEPS);
}

/** The balance's draft order (one line: the quote less its deposit) and its invoice, recorded with the finish move; none without a deposit. */
export function balanceOperations(ticket: RepairTicketRecord, locale: string): MoveOperation[] {
  const balance = ticket.quote?.balance;
  if (!ticket.quote || !balance || balance.amountMinor <= 0) return [];
  const paid = formatMoneyIn(ticket.quote.depositMinor ?? 0, ticket.currency, locale);
  const request: QuoteRequest = { customerId: ticket.customerId, customerEmail: ticket.customerEmail, orderName: ticket.orderName };
  return draftOperations(ticket, request, [{ title: `Balance: ${ticket.quote.description} (less the ${paid} deposit)`, quantity: 1, unitMinor: balance.amountMinor }], repairBalanceTag(ticket.id), BALANCE_STEPS);
}

/** Keeps the balance's draft order found under its tag on the ticket; returns its checkout URL. */
export async function attachBalance(admin: Admin, repairs: RepairRepository, shop: string, ticketId: string): Promise<string | null> {
  const draft = await findRepairDraft(admin, repairBalanceTag(ticketId));
  if (!draft) return null;
  await repairs.attachBalance(shop, ticketId, { draftOrderId: draft.id, invoiceUrl: draft.invoiceUrl });
  return draft.invoiceUrl;
}

/** Why the piece cannot be handed back yet: its balance is unpaid (null when nothing is owed). */
export function balanceDue(ticket: RepairTicketRecord, locale: string, t: Translate = adminT("en")): string | null {
  const balance = ticket.quote?.balance;
  if (!balance || balance.paidAt || balance.amountMinor <= 0) return null;
  const amount = formatMoneyIn(balance.amountMinor, ticket.currency, locale);
  return t(balance.draftOrderId ? "ticket.error.balanceDue" : "ticket.error.balanceDueSending", { job: ticket.job, amount });
}

/**
 * orders/create: each tag naming a ticket's balance is read back from Shopify, and a balance whose
 * draft order is COMPLETED into an order is recorded as paid, once. Returns the tickets recorded,
 * and the job numbers whose balance Shopify does not show paid yet (the job tries again).
 */
export async function followPaidBalances(admin: Admin, repairs: RepairRepository, shop: string, tags: readonly string[], now: Date): Promise<{ paid: string[]; waiting: string[] }> {
  const paid: string[] = [];
  const waiting: string[] = [];
  for (const ticketId of new Set(tags.map(balanceTicketOfTag).filter((id): id is string => id !== null))) {
    const ticket = await repairs.find(shop, ticketId);
    if (!ticket?.quote?.balance || ticket.quote.balance.paidAt) continue;
    const draft = await findRepairDraft(admin, repairBalanceTag(ticketId));
    if (!draft || draft.status !== "COMPLETED" || !draft.order) {
      waiting.push(ticket.job);
      continue;
    }
    await repairs.attachBalance(shop, ticketId, { draftOrderId: draft.id, invoiceUrl: draft.invoiceUrl });
    const next = ticket.state === "ready" ? "The piece can be handed back." : `The ticket is ${ticket.state.replace(/_/g, " ")}: the team decides what follows.`;
    const recorded = await repairs.balancePaid(shop, ticketId, { orderId: draft.order.id, at: now }, { staffId: null, staffName: null, actor: "shopify", message: `${ticket.job} balance paid: draft order ${draft.name} completed into order ${draft.order.name}. ${next}`, data: { payment: "balance", draftOrderId: draft.id, orderId: draft.order.id, words: [{ key: "ticket.entry.balancePaid", values: { job: ticket.job, draft: draft.name, order: draft.order.name } }, ticket.state === "ready" ? { key: "ticket.entry.canHandBack" } : { key: "ticket.entry.teamDecides", values: { state: { key: `bench.state.${ticket.state}` } } }] }, at: now });
    if (recorded) paid.push(ticketId);
  }
  return { paid, waiting };
}

/**
 * What the desk shows of a deposit and its balance ("£65.25 paid", "£152.25 due: invoiced, not paid
 * yet"), in the admin's language (`ticket.deposit.*`, `ticket.balance.*`); null without a deposit.
 */
export function depositWords(ticket: RepairTicketRecord, locale: string, t: Translate = adminT("en")): { deposit: string; balance: string } | null {
  const quote = ticket.quote;
  if (!quote?.depositMinor || !quote.balance) return null;
  const money = (minor: number) => formatMoneyIn(minor, ticket.currency, locale);
  const deposit = quote.orderId ? "paid" : quote.draftOrderId ? "invoiced" : "invoicing";
  const { balance } = quote;
  const owed = balance.paidAt ? "paid" : balance.draftOrderId ? "invoiced" : ticket.state === "ready" ? "invoicing" : "later";
  return { deposit: t(`ticket.deposit.${deposit}`, { amount: money(quote.depositMinor) }), balance: t(`ticket.balance.${owed}`, { amount: money(balance.amountMinor) }) };
}
