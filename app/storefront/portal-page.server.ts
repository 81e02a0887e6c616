import type { CustomerOrderSummary } from "../shopify/shopper.server";
import { localiseErrors } from "./i18n";
import { esc, query, hidden, shell, errorSummary, theirs, comma, type PageContext } from "./page-kit.server";

/** The portal: the signed-in shopper's orders, the guest lookup and the policy. */
export function renderPortal(
  ctx: PageContext,
  input: { loggedIn: boolean; orders: CustomerOrderSummary[]; errors: Record<string, string>; values: { orderNumber?: string; contact?: string }; policyHtml: string; guestLookup?: boolean; signInHtml?: string },
): string {
  const { t } = ctx;
  const orders = input.loggedIn
    ? `<section aria-labelledby="ac-orders"><h2 id="ac-orders">${esc(t("yourOrders"))}</h2>${
        input.orders.length
          ? `<ul>${input.orders
              .map((o) => `<li><a href="${esc(`${ctx.base}/orders/${o.id.split("/").pop()}${query(ctx)}`)}">${esc(t("openOrder", { name: o.name }))}</a> <span class="ac__muted">${o.titles.map((title) => theirs(ctx, title)).join(comma(ctx))}</span></li>`)
              .join("")}</ul>`
          : `<p>${esc(t("noOrders"))}</p>`
      }</section>`
    : "";
  const err = localiseErrors(ctx.locale, input.errors);
  const field = (name: "orderNumber" | "contact", type: string, autocomplete: string, hint?: string) => {
    const id = `ac-${name}`;
    const described = [hint ? `${id}-hint` : "", err[name] ? `${id}-error` : ""].filter(Boolean).join(" ");
    return `<div class="ac__field"><label for="${id}">${esc(t(name))}</label>${hint ? `<p class="ac__muted" id="${id}-hint">${esc(hint)}</p>` : ""}${
      err[name] ? `<p class="ac__error" id="${id}-error">${esc(err[name])}</p>` : ""
    }<input id="${id}" name="${name}" type="${type}" autocomplete="${autocomplete}" required value="${esc(input.values[name] ?? "")}"${described ? ` aria-describedby="${described}"` : ""}${err[name] ? ' aria-invalid="true"' : ""}></div>`;
  };
  const lookup = `<section aria-labelledby="ac-find"><h2 id="ac-find">${esc(t("findOrder"))}</h2><p>${esc(t("findOrderIntro"))}</p>
${errorSummary(ctx, err, { orderNumber: "ac-orderNumber", contact: "ac-contact" })}
<form method="post" action="${esc(`${ctx.base}/lookup`)}" novalidate>${hidden(ctx)}
${field("orderNumber", "text", "off", t("orderNumberHint"))}
${field("contact", "text", "email")}
<button class="ac__button" type="submit">${esc(t("find"))}</button></form></section>`;
  // The lookup is offered only where the merchant turned it on (docs/decisions/021-signin.md).
  return shell(ctx, `<h1>${esc(t("title"))}</h1>${orders}${input.signInHtml ?? ""}${input.guestLookup === false ? "" : lookup}<details class="ac__card" open><summary>${esc(t("policyLink"))}</summary>${input.policyHtml}</details>`);
}
