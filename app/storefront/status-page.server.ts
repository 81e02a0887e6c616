import type { StatusView, Submitted } from "../schemas/requests";
import { formatDate, formatInstant } from "./i18n";
import { esc, query, hidden, shell, theirs, isolated, html, money, amount, sendToHtml, journeyHtml, type PageContext } from "./page-kit.server";

// The confirmation and the status page: the request's steps, its quote, where to send it.

/** A paid repair quote on the status page: its price, and accept/decline while it waits. */
export type StatusQuote = {
  quote: { amountMinor: number; currency: string; description: string; status: string; invoiceUrl: string | null };
  /** Where the answer is posted (the status page with its token). */
  action: string;
  token: string;
  notice: "failed" | "already" | null;
};

function renderQuote(ctx: PageContext, q: StatusQuote): string {
  const { t } = ctx;
  const price = money(ctx, q.quote);
  const notice = q.notice ? `<div role="alert"><p>${esc(t(q.notice === "failed" ? "quoteAnswerFailed" : "quoteAlreadyAnswered"))}</p></div>` : "";
  const intro = `<p>${html(ctx, "quoteIntro", { amount: amount(ctx, q.quote), description: theirs(ctx, q.quote.description) })}</p>`;
  const form = (answer: string, label: string, secondary: boolean) =>
    `<form method="post" action="${esc(q.action + query(ctx, { token: q.token }))}" style="display:inline">${hidden(ctx)}<input type="hidden" name="answer" value="${answer}"><button class="ac__button${secondary ? " ac__button--secondary" : ""}" type="submit">${esc(label)}</button></form>`;
  let body: string;
  if (q.quote.status === "awaiting") body = `${intro}<p>${form("accept", t("quoteAccept", { amount: isolated(price) }), false)} ${form("decline", t("quoteDecline"), true)}</p>`;
  else if (q.quote.status === "accepted" && q.quote.invoiceUrl) body = `${intro}<p>${esc(t("quoteAcceptedPay"))} <a class="ac__button" href="${esc(q.quote.invoiceUrl)}" data-aftercare-invoice>${esc(t("quotePayLink", { amount: isolated(price) }))}</a></p>`;
  else if (q.quote.status === "accepted") body = `${intro}<p>${esc(t("quoteInvoicePending"))}</p><p>${form("accept", t("quoteAccept", { amount: isolated(price) }), false)}</p>`;
  else body = `${intro}<p>${esc(t("quoteDeclinedNote"))}</p>`;
  return `<section aria-labelledby="ac-quote"><h2 id="ac-quote">${esc(t("quoteTitle"))}</h2>${notice}${body}</section>`;
}

/** When the shopper's money comes back, in their language, with the policy's own words beneath. */
function refundTimingHtml(ctx: PageContext, timing: StatusView["refundTiming"]): string {
  if (!timing) return "";
  const { t } = ctx;
  return `<section aria-labelledby="ac-refund-timing" data-aftercare-refund-timing="${esc(timing.when)}"><h2 id="ac-refund-timing">${esc(t("refundTiming"))}</h2><p>${esc(t(`refundTiming_${timing.when}`))}</p><p class="ac__muted">${theirs(ctx, timing.text)}</p></section>`;
}

/**
 * What a step says beyond its kind, in the shopper's language: the app's sentences from the
 * catalogue, then the words a person wrote, as written (the shopper's own in their language, the
 * merchant's marked as the merchant's). An entry from before its details were kept shows its
 * stored sentence, as it always did.
 */
function stepWordsHtml(ctx: PageContext, step: StatusView["steps"][number]): string {
  const { t } = ctx;
  const value = (key: string, v: string | number) => (key === "date" ? formatDate(String(v), ctx.intl) : key === "method" ? t(`resolution_${v}`) : typeof v === "number" ? new Intl.NumberFormat(ctx.intl).format(v) : v);
  const words = (step.words ?? []).map((w) => {
    const params = Object.fromEntries(Object.entries(w.params).map(([k, v]) => [k === "method" ? "resolution" : k, value(k, v)]));
    return `<p>${esc(t(`timeline_${w.key}`, params))}</p>`;
  });
  const note = step.note ? `<p>${step.actor === "shopper" ? `<bdi dir="auto">${esc(step.note)}</bdi>` : theirs(ctx, step.note)}</p>` : "";
  const legacy = step.message ? `<p>${theirs(ctx, step.message)}</p>` : "";
  return words.join("") + note + legacy;
}

/**
 * `parcel`: the parcel's section (app/parcels/page.server.ts), after where to send it; `slipToken`:
 * the signed link the return slip is printed under; `repair`: the repair ticket's section
 * (./repair-page.server.ts), after the items.
 */
export function renderStatus(ctx: PageContext, status: StatusView, confirmation: Submitted | null, timezone: string, quote: StatusQuote | null = null, slipToken: string | null = null, parcel = "", repair = ""): string {
  const { t } = ctx;
  const number = status.number ?? "";
  const head = confirmation
    ? `<h1>${esc(t("confirmation", { number }))}</h1><div role="status"><p>${esc(t("confirmationIntro", { date: formatInstant(confirmation.statusExpiresAt, ctx.intl, timezone) }))}</p></div><p><a href="${esc(`${ctx.base}/status${query(ctx, { token: confirmation.statusToken })}`)}" data-aftercare-status-link>${esc(t("statusLink"))}</a></p>`
    : `<h1>${esc(t("status", { number }))}</h1>`;
  const lines = status.lines.map((l) => `<li>${theirs(ctx, l.title)} × ${l.quantity}${l.exchangeVariantTitle ? ` → ${theirs(ctx, l.exchangeVariantTitle)}` : ""}</li>`).join("");
  const steps = status.steps
    .map((s) => `<li><strong>${esc(t(`step_${s.type}`))}</strong> · <time datetime="${esc(s.at)}">${esc(formatInstant(s.at, ctx.intl, timezone))}</time>${s.amount ? ` · ${amount(ctx, s.amount)}` : ""}${stepWordsHtml(ctx, s)}</li>`)
    .join("");
  const pending = status.shopifyReturn === "pending" || status.shopifyReturn === "stalled" ? `<div role="status"><p>${esc(t(`shopifyReturn_${status.shopifyReturn}`))}</p></div>` : "";
  return shell(ctx, `${head}<p class="ac__muted">${esc(t("order", { name: status.orderName }))} · ${esc(t(`status_${status.status}`))}</p>${pending}<ul>${lines}</ul>${repair}${journeyHtml(ctx, status.journey)}${refundTimingHtml(ctx, status.refundTiming)}${sendToHtml(ctx, status.sendTo, slipToken ? `${ctx.base}/status/slip${query(ctx, { token: slipToken })}` : null)}${parcel}${quote ? renderQuote(ctx, quote) : ""}<h2>${esc(t("steps"))}</h2><ol class="ac__steps">${steps}</ol><p><a href="${esc(`${ctx.base}${query(ctx)}`)}">${esc(t("backToStart"))}</a></p>`);
}
