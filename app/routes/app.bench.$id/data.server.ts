import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { formatMoneyIn } from "../../domain/money";
import { localToday } from "../../repairs/bench.server";
import { benchContext } from "../../repairs/context.server";
import { depositWords } from "../../repairs/deposits.server";
import { DEPOSIT_REFUND_STEP, depositRefundWords } from "../../repairs/closing.server";
import { operationKey } from "../../jobs/money.server";
import { formFlag, ticketIdSchema } from "../../repairs/forms.server";
import { isOverdue, movesFrom } from "../../repairs/machine";
import { adminLanguageOf } from "../../i18n/admin";
import { adminT } from "../../i18n/i18n.server";
import { entryText } from "../../repairs/entry-words";
import { causesOf, serviceLabelOf, turnaroundDaysOf } from "../../repairs/policy";
import { workLabel } from "../../repairs/ui";

/** A ticket's page: its loader (the ticket as the page shows it) and its moves and handling (the action), beside route.tsx. */

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, repairs, repos, policy, locale } = await benchContext(request);
  const id = ticketIdSchema.safeParse(params.id);
  const ticket = id.success ? await repairs.find(shop.domain, id.data) : null;
  const t = adminT(locale);
  if (!ticket) throw json({ message: t("ticket.notFound") }, { status: 404 });
  const today = localToday(new Date(), shop.timezone);
  // The ticket's moves, and what Shopify confirmed of its operations (a deleted draft, a return order, a deposit refunded: docs/decisions/026).
  const keyed = `aftercare:${ticket.requestId}:`;
  const timeline = (await repos.desk.timeline(shop.domain, ticket.requestId)).filter((e) => (e.type === "repair" && e.data.ticketId === ticket.id) || (e.type === "note" && typeof e.data.key === "string" && e.data.key.startsWith(keyed) && e.actor === "system"));
  const depositRefund = depositRefundWords(await repos.operations.find(shop.domain, operationKey(ticket.requestId, DEPOSIT_REFUND_STEP)), locale);
  const money = (minor: number | null) => (minor === null ? null : formatMoneyIn(minor, ticket.currency, locale));
  const work = { origin: ticket.origin, kind: ticket.kind, service: ticket.service, serviceLabel: serviceLabelOf(policy, ticket.service) };
  return json({
    title: t("ticket.metaTitle", { job: ticket.job, work: workLabel(work, t) }),
    timezone: shop.timezone,
    ticket: {
      id: ticket.id,
      job: ticket.job,
      requestId: ticket.requestId,
      state: ticket.state,
      work,
      item: ticket.itemTitle,
      image: ticket.itemImageUrl,
      customer: ticket.customerName,
      orderName: ticket.orderName,
      dueOn: ticket.dueOn,
      overdue: isOverdue(ticket, today),
      rush: ticket.rush,
      assignee: ticket.assigneeName,
      location: ticket.location,
      intake: ticket.intake ? { ...ticket.intake, declaredValue: money(ticket.intake.declaredValueMinor), at: ticket.intake.at.toISOString(), termsAcceptedAt: ticket.intake.termsAcceptedAt?.toISOString() ?? null } : null,
      assessment: ticket.assessment ? { cause: ticket.assessment.cause, findings: ticket.assessment.findings } : null,
      quote: ticket.quote
        ? {
            amount: money(ticket.quote.amountMinor),
            description: ticket.quote.description,
            lines: ticket.quote.lines.map((l) => ({ title: l.title, quantity: l.quantity, price: money(l.unitMinor) })),
            draftOrderId: ticket.quote.draftOrderId,
            invoiceUrl: ticket.quote.invoiceUrl,
            orderId: ticket.quote.orderId,
            paidAt: ticket.quote.paidAt?.toISOString() ?? null,
            deposit: depositWords(ticket, locale, t),
            depositRefund,
          }
        : null,
    },
    moves: movesFrom(ticket.state),
    causes: causesOf(policy).map((c) => ({ value: c.value, rule: c.rule })),
    turnaroundDays: turnaroundDaysOf(policy, ticket.service),
    // Each entry in the merchant's language where it kept its words, else as written.
    timeline: timeline.map((e) => ({ id: e.id, message: entryText(e, t, adminLanguageOf(locale)), staffName: e.staffName, at: e.at.toISOString() })),
  });
};


export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, bench, locale } = await benchContext(request);
  const id = ticketIdSchema.safeParse(params.id);
  if (!id.success) return json({ ok: false, message: adminT(locale)("ticket.notFound") }, { status: 404 });
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
