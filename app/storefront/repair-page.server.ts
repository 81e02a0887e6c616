import type { ShopperRepairStep, ShopperRepairView } from "../repairs/shopper-view";
import { formatDate, formatInstant } from "./i18n";
import { amount, esc, html, theirs, type PageContext } from "./page-kit.server";

/**
 * The repair ticket's section of the status page (issue 25, the shopper's side): the job number
 * and promised date, the steps reached with their dates and the step it is at, then the ones to
 * come; the assessment's outcome and cause in the policy's words (the bench's own findings stay
 * internal); the quote's lines and total with the pay button that opens the draft order's invoice
 * (Shopify's checkout); and where the piece is once the work is done. Dates in the shop's zone.
 */
export function renderRepair(ctx: PageContext, view: ShopperRepairView, input: { timezone: string; shopName: string | null; shipments?: readonly ShipmentView[] }): string {
  const { t } = ctx;
  const when = (at: Date) => `<time datetime="${esc(at.toISOString())}">${esc(formatInstant(at.toISOString(), ctx.intl, input.timezone))}</time>`;
  const stepName = (step: ShopperRepairStep) => esc(t(`repairStep_${step}`));
  const reached = view.reached.map((r) => {
    const now = r.step === view.current;
    return `<li${now ? ' aria-current="step" class="ac__now"' : ""} data-aftercare-repair-step="${esc(r.step)}"><strong>${stepName(r.step)}</strong> · ${when(r.at)}${now ? ` · <span class="ac__ok">${esc(t("repairNow"))}</span>` : ""}</li>`;
  });
  // A ticket opened before its first move was recorded still shows where it is.
  if (!view.reached.some((r) => r.step === view.current)) reached.push(`<li aria-current="step" class="ac__now" data-aftercare-repair-step="${esc(view.current)}"><strong>${stepName(view.current)}</strong> · <span class="ac__ok">${esc(t("repairNow"))}</span></li>`);
  const upcoming = view.upcoming.map((s) => `<li class="ac__muted" data-aftercare-repair-step="${esc(s)}">${stepName(s)} · ${esc(t("repairToCome"))}</li>`);
  const promised = view.dueOn && view.current !== "returned" && view.state !== "cancelled" ? `<p data-aftercare-repair-due><strong>${esc(t("repairPromised", { date: formatDate(view.dueOn, ctx.intl) }))}</strong></p>` : "";
  const steps = `<h3 id="ac-repair-steps">${esc(t("repairStepsTitle"))}</h3><ol class="ac__steps" aria-labelledby="ac-repair-steps">${[...reached, ...upcoming].join("")}</ol>`;
  const a = view.assessment;
  // The job number as written on the envelope, kept whole and left to right inside an Arabic sentence.
  const job = `<bdi dir="ltr" class="ac__amount">${esc(view.job)}</bdi>`;
  const assessment = a
    ? `<div class="ac__card" data-aftercare-repair-assessment="${esc(a.outcome)}"><h3>${esc(t("repairAssessment"))}</h3><p>${esc(t(`repairOutcome_${a.outcome}`))}</p>${a.cause ? `<p>${esc(t("repairCause", { cause: t(`cause_${a.cause}`) }))}</p>` : ""}${
        a.policyWords ? `<p>${esc(t("repairPolicySays"))}</p><blockquote>${theirs(ctx, a.policyWords)}</blockquote>` : ""
      }</div>`
    : "";
  return `<section aria-labelledby="ac-repair" data-aftercare-repair="${esc(view.job)}"><h2 id="ac-repair">${html(ctx, "repairTitle", { job })}</h2><p class="ac__muted">${html(ctx, "repairIntro", { job })}</p><p>${html(ctx, "repairItem", { item: theirs(ctx, view.itemTitle) })}</p>${promised}${whereNow(ctx, view, input)}${renderShipments(ctx, input.shipments ?? [])}${steps}${assessment}${quoteHtml(ctx, view)}</section>`;
}

/** The work is done: ready for collection at the shop, or sent back or collected, with when. */
function whereNow(ctx: PageContext, view: ShopperRepairView, { timezone, shopName }: { timezone: string; shopName: string | null }): string {
  const { t } = ctx;
  if (view.state === "ready") return `<div role="status" class="ac__card" data-aftercare-repair-ready><p><strong>${shopName ? html(ctx, "repairReadyAt", { place: theirs(ctx, shopName) }) : esc(t("repairReady"))}</strong></p></div>`;
  if (!view.returned) return "";
  const date = formatInstant(view.returned.at.toISOString(), ctx.intl, timezone);
  return `<p data-aftercare-repair-returned="${view.returned.how}"><strong>${esc(t(view.returned.how === "sent_back" ? "repairSentBack" : "repairCollected", { date }))}</strong></p>`;
}

/** The quote: its lines and total, and the pay button while it waits to be paid. */
function quoteHtml(ctx: PageContext, view: ShopperRepairView): string {
  const q = view.quote;
  if (!q) return "";
  const { t } = ctx;
  const money = (minor: number) => amount(ctx, { amountMinor: minor, currency: q.currency });
  const rows = q.lines.map((l) => `<tr><td>${theirs(ctx, l.title)}</td><td class="ac__num">${l.quantity}</td><td class="ac__num">${money(l.unitMinor * l.quantity)}</td></tr>`).join("");
  const table = `<table data-aftercare-repair-quote><thead><tr><th scope="col">${esc(t("repairQuoteWork"))}</th><th scope="col" class="ac__num">${esc(t("repairQuoteQuantity"))}</th><th scope="col" class="ac__num">${esc(t("repairQuotePrice"))}</th></tr></thead><tbody>${rows}</tbody><tfoot><tr><th scope="row" colspan="2">${esc(t("repairQuoteTotal"))}</th><td class="ac__num"><strong>${money(q.totalMinor)}</strong></td></tr></tfoot></table>`;
  let action: string;
  if (q.paid) action = `<p class="ac__ok" data-aftercare-repair-paid><strong>${esc(t("repairPaid"))}</strong></p>`;
  else if (view.state === "quote_declined" || view.state === "quote_expired" || view.state === "cancelled" || view.returned) action = `<p>${esc(t("repairQuoteClosed"))}</p>`;
  else if (q.deposit && q.balance) action = depositHtml(ctx, view, q.deposit, q.balance, money);
  else if (q.invoiceUrl) action = `<p><a class="ac__button" href="${esc(q.invoiceUrl)}" data-aftercare-repair-pay>${html(ctx, "repairPay", { amount: money(q.totalMinor) })}</a></p><p class="ac__muted">${esc(t("repairPayHelp"))}</p>`;
  else action = `<p role="status">${esc(t("repairInvoicePending"))}</p>`;
  return `<div class="ac__card"><h3>${esc(t("repairQuoteTitle"))}</h3><p>${theirs(ctx, q.description)}</p>${table}${action}</div>`;
}

type Quote = NonNullable<ShopperRepairView["quote"]>;

/** A quote with a deposit: the deposit's pay button first; once it is paid, the balance's when the piece is ready. */
function depositHtml(ctx: PageContext, view: ShopperRepairView, deposit: NonNullable<Quote["deposit"]>, balance: NonNullable<Quote["balance"]>, money: (minor: number) => string): string {
  const { t } = ctx;
  const q = view.quote as Quote;
  if (!deposit.paid) {
    const pay = q.invoiceUrl ? `<p><a class="ac__button" href="${esc(q.invoiceUrl)}" data-aftercare-repair-pay>${html(ctx, "repairPayDeposit", { amount: money(deposit.amountMinor) })}</a></p>` : `<p role="status">${esc(t("repairInvoicePending"))}</p>`;
    return `${pay}<p class="ac__muted">${html(ctx, "repairDepositLater", { amount: money(balance.amountMinor) })}</p>`;
  }
  const paid = `<p class="ac__ok" data-aftercare-repair-deposit-paid>${html(ctx, "repairDepositPaid", { amount: money(deposit.amountMinor) })}</p>`;
  if (view.state !== "ready") return `${paid}<p class="ac__muted">${html(ctx, "repairDepositLater", { amount: money(balance.amountMinor) })}</p>`;
  const pay = balance.invoiceUrl ? `<p><a class="ac__button" href="${esc(balance.invoiceUrl)}" data-aftercare-repair-pay>${html(ctx, "repairPayBalance", { amount: money(balance.amountMinor) })}</a></p>` : `<p role="status">${esc(t("repairInvoicePending"))}</p>`;
  return `${paid}${pay}<p class="ac__muted">${esc(t("repairBalanceHelp"))}</p>`;
}

/** An order Aftercare made to post something to the shopper, as Shopify shows it (app/shopify/shipments.server.ts). */
export type ShipmentView = { what: "parts" | "replacement" | "return"; name: string; lines: { title: string; quantity: number }[]; fulfillment: string; delivered: boolean; tracking: { company: string | null; number: string | null; url: string | null }[] };

/**
 * What went out to the shopper through Shopify for this request (docs/decisions/024, 026): each
 * order's name, what is in it, at no charge, and where it is — being prepared, posted (with the
 * carrier's tracking, linked when Shopify has a URL) or delivered. Empty without any.
 */
export function renderShipments(ctx: PageContext, shipments: readonly ShipmentView[]): string {
  if (!shipments.length) return "";
  const { t } = ctx;
  const items = shipments.map((s) => {
    const order = `<bdi dir="ltr" class="ac__amount">${esc(s.name)}</bdi>`;
    const lines = s.lines.map((l) => `<li>${theirs(ctx, l.title)}${l.quantity > 1 ? ` × ${l.quantity}` : ""}</li>`).join("");
    const where = s.delivered ? t("repairShipmentDelivered") : s.fulfillment === "UNFULFILLED" || s.fulfillment === "SCHEDULED" || s.fulfillment === "ON_HOLD" ? t("repairShipmentPreparing") : t("repairShipmentPosted");
    const tracking = s.tracking
      .filter((k) => k.number)
      .map((k) => {
        const number = `<bdi dir="ltr">${esc(k.number as string)}</bdi>`;
        const words = k.company ? html(ctx, "repairTrackingBy", { company: esc(k.company), number }) : html(ctx, "repairTracking", { number });
        return /^https:\/\//.test(k.url ?? "") ? `<a href="${esc(k.url as string)}" rel="noopener noreferrer" data-aftercare-tracking>${words}</a>` : `<span data-aftercare-tracking>${words}</span>`;
      })
      .join(" · ");
    return `<li data-aftercare-shipment="${esc(s.what)}"><strong>${html(ctx, `repairShipment_${s.what}`, { order })}</strong><ul>${lines}</ul><p>${esc(t("repairShipmentFree"))} <span data-aftercare-shipment-status>${esc(where)}</span>${tracking ? ` ${tracking}` : ""}</p></li>`;
  });
  return `<div class="ac__card" data-aftercare-shipments><h3 id="ac-shipments">${esc(t("repairShipmentsTitle"))}</h3><ul aria-labelledby="ac-shipments">${items.join("")}</ul></div>`;
}
