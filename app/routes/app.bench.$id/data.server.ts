import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { formatMoneyIn } from "../../domain/money";
import { CAUSE_NAMES } from "../../domain/policy/words";
import type { Cause } from "../../domain/vocabulary";
import { localToday } from "../../repairs/bench.server";
import { benchContext } from "../../repairs/context.server";
import { depositWords } from "../../repairs/deposits.server";
import { DEPOSIT_REFUND_STEP, depositRefundWords } from "../../repairs/closing.server";
import { operationKey } from "../../jobs/money.server";
import { formFlag, ticketIdSchema } from "../../repairs/forms.server";
import { isOverdue, movesFrom } from "../../repairs/machine";
import { causesOf, turnaroundDaysOf } from "../../repairs/policy";

/** A ticket's page: its loader (the ticket as the page shows it) and its moves and handling (the action), beside route.tsx. */

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, repairs, repos, policy, locale } = await benchContext(request);
  const id = ticketIdSchema.safeParse(params.id);
  const ticket = id.success ? await repairs.find(shop.domain, id.data) : null;
  if (!ticket) throw json({ message: "There is no such repair ticket in this shop." }, { status: 404 });
  const today = localToday(new Date(), shop.timezone);
  // The ticket's moves, and what Shopify confirmed of its operations (a deleted draft, a return order, a deposit refunded: docs/decisions/026).
  const keyed = `aftercare:${ticket.requestId}:`;
  const timeline = (await repos.desk.timeline(shop.domain, ticket.requestId)).filter((e) => (e.type === "repair" && e.data.ticketId === ticket.id) || (e.type === "note" && typeof e.data.key === "string" && e.data.key.startsWith(keyed) && e.actor === "system"));
  const depositRefund = depositRefundWords(await repos.operations.find(shop.domain, operationKey(ticket.requestId, DEPOSIT_REFUND_STEP)), locale);
  const money = (minor: number | null) => (minor === null ? null : formatMoneyIn(minor, ticket.currency, locale));
  return json({
    timezone: shop.timezone,
    ticket: {
      id: ticket.id,
      job: ticket.job,
      requestId: ticket.requestId,
      state: ticket.state,
      work: ticket.work,
      item: ticket.itemTitle,
      image: ticket.itemImageUrl,
      customer: ticket.customerName ?? "Guest",
      orderName: ticket.orderName,
      dueOn: ticket.dueOn,
      overdue: isOverdue(ticket, today),
      rush: ticket.rush,
      assignee: ticket.assigneeName,
      location: ticket.location,
      intake: ticket.intake ? { ...ticket.intake, declaredValue: money(ticket.intake.declaredValueMinor), at: ticket.intake.at.toISOString(), termsAcceptedAt: ticket.intake.termsAcceptedAt?.toISOString() ?? null } : null,
      assessment: ticket.assessment ? { cause: ticket.assessment.cause ? CAUSE_NAMES[ticket.assessment.cause as Cause] ?? ticket.assessment.cause : null, findings: ticket.assessment.findings } : null,
      quote: ticket.quote
        ? {
            amount: money(ticket.quote.amountMinor),
            description: ticket.quote.description,
            lines: ticket.quote.lines.map((l) => ({ title: l.title, quantity: l.quantity, price: money(l.unitMinor) })),
            draftOrderId: ticket.quote.draftOrderId,
            invoiceUrl: ticket.quote.invoiceUrl,
            orderId: ticket.quote.orderId,
            paidAt: ticket.quote.paidAt?.toISOString() ?? null,
            deposit: depositWords(ticket, locale),
            depositRefund,
          }
        : null,
    },
    moves: movesFrom(ticket.state),
    causes: causesOf(policy).map((c) => ({ value: c.value, label: c.rule ? `${c.label} — ${c.rule}` : c.label })),
    turnaroundDays: turnaroundDaysOf(policy, ticket.service),
    timeline: timeline.map((e) => ({ id: e.id, message: e.message, staffName: e.staffName, at: e.at.toISOString() })),
  });
};


export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, bench } = await benchContext(request);
  const id = ticketIdSchema.safeParse(params.id);
  if (!id.success) return json({ ok: false, message: "There is no such repair ticket in this shop." }, { status: 404 });
  const form = Object.fromEntries(await request.formData());
  const { intent, ...rest } = form;
  const result =
    intent === "move"
      ? await bench.move(shop.domain, id.data, { ...rest, termsAccepted: formFlag.parse(rest.termsAccepted), rush: formFlag.parse(rest.rush), turnaroundDays: rest.turnaroundDays === "" || rest.turnaroundDays === undefined ? null : rest.turnaroundDays })
      : intent === "rush"
        ? await bench.handle(shop.domain, id.data, { intent: "rush", rush: formFlag.parse(rest.rush) })
        : await bench.handle(shop.domain, id.data, { intent, ...rest } as never);
  return json(result, { status: result.ok ? 200 : result.status });
};
