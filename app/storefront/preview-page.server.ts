import type { Preview } from "../schemas/requests";
import { formatDate, localiseErrors } from "./i18n";
import { esc, query, hidden, shell, errorSummary, theirs, html, comma, amount, serviceNameHtml, serviceTermsHtml, exchangeLabel, journeyHtml, type PageContext } from "./page-kit.server";

/** The answer before submitting: the engine's decision per item, the money and the journey. */
export function renderPreview(ctx: PageContext, preview: Preview, input: { draftJson: string; idempotencyKey: string; action: string; back: string; errors: Record<string, string> }): string {
  const { t } = ctx;
  const lines = preview.lines
    .map((l) => {
      // The engine's reasons in the shopper's words; its codes stay on the element for machines.
      const why = l.blockers.map((b) => t(`blocker_${b}`)).join(comma(ctx));
      const hint = !l.eligible && preview.kind === "warranty" && l.blockers.includes("not_applicable") ? `<p>${esc(t("warrantyIsForFaults"))}</p>` : "";
      const verdict = l.eligible ? `<p class="ac__ok"><strong>${esc(t("eligible"))}</strong></p>` : `<p class="ac__no" data-blockers="${esc(l.blockers.join(" "))}"><strong>${esc(t("refused"))}</strong> <span class="ac__muted">(${esc(why)})</span></p>${hint}`;
      const ended = !l.eligible && l.ended ? `<li>${esc(t(preview.kind === "return" ? "returnsEnded" : "endedOn", { date: formatDate(l.ended, ctx.intl) }))}</li>` : "";
      const words = ended + (l.eligible ? l.applied : l.refusals).map((w) => `<li>${theirs(ctx, w)}</li>`).join("");
      const exchange = l.exchange ? `<p>${esc(t("exchangeFor", { title: exchangeLabel(ctx, l.exchange) }))}</p>` : "";
      const parts = l.eligible && typeof l.partsLeft === "number" ? `<p>${esc(t("partsLeft", { n: l.partsLeft }))}</p>` : "";
      const allowance = l.eligible && typeof l.allowanceLeft === "number" ? `<p>${esc(t("allowanceLeft", { n: l.allowanceLeft }))}</p>` : "";
      return `<li class="ac__card"><h3>${theirs(ctx, l.title)} × ${l.quantity}</h3>${verdict}${exchange}${parts}${allowance}<ul>${words}</ul></li>`;
    })
    .join("");
  const r = preview.refund;
  const refund = r
    ? `<section aria-labelledby="ac-breakdown"><h2 id="ac-breakdown">${esc(t("breakdown"))}</h2><table><caption class="ac__muted">${esc(t(`method_${r.method}`))}</caption><tbody>
<tr><th scope="row">${esc(t("itemsTotal"))}</th><td class="ac__num">${amount(ctx, r.items)}</td></tr>
<tr><th scope="row">${esc(t("discounts"))}</th><td class="ac__num">${amount(ctx, { ...r.discounts, amountMinor: -r.discounts.amountMinor })}</td></tr>
<tr><th scope="row">${esc(t("shipping"))}</th><td class="ac__num">${amount(ctx, r.shipping)}</td></tr>
<tr><th scope="row">${esc(t("fees"))}</th><td class="ac__num">${amount(ctx, r.fees)}</td></tr>
<tr><th scope="row">${esc(t("total"))}</th><td class="ac__num"><strong>${amount(ctx, r.total)}</strong></td></tr>
</tbody></table>${r.storeCreditExpiresOn ? `<p>${esc(t("creditExpires", { date: formatDate(r.storeCreditExpiresOn, ctx.intl) }))}</p>` : ""}<ul>${r.explanation.map((e) => `<li>${theirs(ctx, e)}</li>`).join("")}</ul></section>`
    : "";
  const x = preview.exchange;
  const settlement = x
    ? `<section aria-labelledby="ac-exchange"><h2 id="ac-exchange">${esc(t("exchangeSettlement"))}</h2><p><strong>${html(ctx, `settlement_${x.settlement}`, { amount: amount(ctx, x.amount) })}</strong></p>${x.text ? `<p class="ac__muted">${theirs(ctx, x.text)}</p>` : ""}</section>`
    : "";
  const resolutions = preview.resolutions.length ? `<p><strong>${esc(t("resolutions"))}:</strong> ${esc(preview.resolutions.map((x) => t(`resolution_${x}`)).join(comma(ctx)))}</p>` : "";
  const shipping = preview.lines.some((l) => l.eligible) ? `<p>${esc(t(`returnShipping_${preview.returnShipping}`))}</p>` : "";
  const journey = preview.lines.some((l) => l.eligible) ? journeyHtml(ctx, preview.journey) : "";
  const missing = preview.requirements.filter((q) => !q.met);
  const requirements = missing.length ? `<section aria-labelledby="ac-req"><h2 id="ac-req">${esc(t("requirements"))}</h2><ul>${missing.map((q) => `<li>${theirs(ctx, q.text)}</li>`).join("")}</ul></section>` : "";
  const notes = preview.notes.length ? `<ul class="ac__muted">${preview.notes.map((n) => `<li>${theirs(ctx, n)}</li>`).join("")}</ul>` : "";
  // A service: what it is called, costs and takes, as the merchant set it.
  const terms = preview.serviceTerms;
  const service = terms ? `<section aria-labelledby="ac-service"><h2 id="ac-service">${serviceNameHtml(ctx, terms.service, [terms])}</h2><p>${html(ctx, "servicePrice", { price: serviceTermsHtml(ctx, terms)[0] })}</p>${terms.turnaround ? `<p>${html(ctx, "turnaroundLine", { text: theirs(ctx, terms.turnaround) })}</p>` : ""}</section>` : "";
  const actions = preview.canSubmit
    ? `<form method="post" action="${esc(input.action + query(ctx))}">${hidden(ctx)}<input type="hidden" name="intent" value="submit"><input type="hidden" name="draft" value="${esc(input.draftJson)}"><input type="hidden" name="idempotencyKey" value="${esc(input.idempotencyKey)}"><button class="ac__button" type="submit">${esc(t("submit"))}</button> <a class="ac__button ac__button--secondary" href="${esc(input.back)}">${esc(t("change"))}</a></form>`
    : `<div role="status"><p><strong>${esc(t("cannotSubmit"))}</strong></p></div><p><a class="ac__button ac__button--secondary" href="${esc(input.back)}">${esc(t("change"))}</a></p>`;
  return shell(ctx, `<h1>${esc(t("answer"))}</h1><p class="ac__muted">${esc(t("order", { name: preview.orderName }))}</p>${errorSummary(ctx, localiseErrors(ctx.locale, input.errors))}<section aria-labelledby="ac-lines"><h2 id="ac-lines">${esc(t("items"))}</h2><ul class="ac__items">${lines}</ul></section>${service}${refund}${settlement}${resolutions}${shipping}${journey}${requirements}${notes}${actions}`);
}
