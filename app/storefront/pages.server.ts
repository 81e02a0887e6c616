import { currencyOf } from "../domain/money";
import type { CustomerOrderSummary } from "../shopify/shopper.server";
import type { Entitlement, ExchangeOption, Journey, OrderLineView, OrderView, Preview, ServiceTerms, StatusView, Submitted } from "../schemas/requests";
import { direction, formatAmount, formatDate, formatInstant, localiseErrors, localiseMessage, type Locale, type Translate } from "./i18n";

/**
 * The shopper's pages at /apps/aftercare, as HTML that Shopify renders inside the shop's theme
 * (application/liquid). Plain forms, no script: every step works without JavaScript and with the
 * keyboard alone. All dynamic text goes through `esc`, which also neutralises Liquid delimiters,
 * so nothing a shopper or merchant typed can run as Liquid.
 */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
    .replace(/\{/g, "&#123;")
    .replace(/\}/g, "&#125;")
    .replace(/%/g, "&#37;");
}

export type PageContext = {
  /** The language the page is written in. */
  locale: Locale;
  /** The tag dates and amounts are formatted with ("en-GB"): formattingLocaleOf. */
  intl: string;
  t: Translate;
  /** The storefront path of the portal, e.g. /apps/aftercare. */
  base: string;
  /** Carried on every link and form: the locale and a guest's grant. */
  carry: Record<string, string>;
};

export function query(ctx: PageContext, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...ctx.carry, ...extra });
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function hidden(ctx: PageContext): string {
  return Object.entries(ctx.carry)
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join("");
}

const STYLE = `<style>
.ac{--ac-fg:#1c1917;--ac-muted:#57534e;--ac-line:#d6d3d1;--ac-ok:#166534;--ac-no:#9f1239;--ac-accent:#5c3626;max-width:48rem;margin:1.5rem auto;padding:0 1rem;color:var(--ac-fg);line-height:1.55}
.ac h1{font-size:1.75rem;margin:0 0 .5rem}.ac h2{font-size:1.3rem;margin:1.75rem 0 .5rem}.ac h3{font-size:1.05rem;margin:0 0 .25rem}
.ac p{margin:.4rem 0}.ac ul{padding-inline-start:1.25rem}
.ac a{color:var(--ac-accent)}.ac a.ac__button:not(.ac__button--secondary){color:#fff}
.ac a:focus-visible,.ac button:focus-visible,.ac input:focus-visible,.ac select:focus-visible,.ac textarea:focus-visible,.ac summary:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.ac__muted{color:var(--ac-muted);font-size:.92em}
.ac__card{border:1px solid var(--ac-line);border-radius:.5rem;padding:1rem;margin:.75rem 0;background:#fff}
.ac__item{display:grid;grid-template-columns:80px 1fr;gap:1rem;align-items:start}
.ac__img{width:80px;height:80px;object-fit:cover;border-radius:.35rem;background:#f5f5f4;display:block}
.ac__ok{color:var(--ac-ok)}.ac__no{color:var(--ac-no)}
.ac__tags{list-style:none;padding:0;margin:.4rem 0 0}.ac__tags li{margin:.15rem 0}
.ac__field{margin:.75rem 0}.ac__field label,.ac__legend{display:block;font-weight:600;margin-bottom:.25rem}
.ac__check{display:flex;gap:.5rem;align-items:flex-start;margin:.3rem 0}.ac__check label{font-weight:400;margin:0}
.ac fieldset{border:1px solid var(--ac-line);border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0}
.ac legend{font-weight:600;padding:0 .25rem}
.ac input[type=text],.ac input[type=email],.ac input[type=number],.ac select,.ac textarea{font:inherit;padding:.5rem .6rem;border:1px solid #78716c;border-radius:.35rem;min-height:2.75rem;max-width:100%;background:#fff;color:inherit}
.ac input[type=number]{width:6rem}.ac textarea{width:100%;min-height:5rem}
.ac input[type=checkbox],.ac input[type=radio]{width:1.25rem;height:1.25rem;margin:.15rem 0 0}
.ac__button{display:inline-block;font:inherit;font-weight:600;padding:.7rem 1.4rem;min-height:2.75rem;border:0;border-radius:.35rem;background:var(--ac-accent);color:#fff;cursor:pointer;text-decoration:none}
.ac__button--secondary{background:#fff;color:var(--ac-accent);border:1px solid var(--ac-accent)}
.ac__alert{border:2px solid var(--ac-no);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0;background:#fff1f2}
.ac__error{color:var(--ac-no);font-weight:600;margin:.2rem 0}
.ac table{width:100%;border-collapse:collapse}.ac th,.ac td{padding:.4rem .25rem;border-bottom:1px solid var(--ac-line);text-align:start}
.ac td.ac__num,.ac th.ac__num{text-align:end;font-variant-numeric:tabular-nums}
.ac__steps{list-style:none;padding:0}.ac__steps li{border-inline-start:3px solid var(--ac-accent);padding:.25rem .75rem;margin:.5rem 0}
.ac__none{color:var(--ac-no);margin:.2rem 0 0;padding-inline-start:1.75rem}
.ac__items{list-style:none;padding:0}.ac__text{min-width:0;overflow-wrap:anywhere}.ac__services{padding-inline-start:1.25rem}
.ac__amount{white-space:nowrap}
@media (max-width:30rem){.ac{padding:0 .5rem}.ac__card{padding:.75rem}.ac__item{grid-template-columns:1fr;gap:.5rem}.ac__img{width:64px;height:64px}}
@supports selector(:has(*)){.ac__line:not(:has(.ac__pick input:checked)) .ac__fields{display:none}.ac__line .ac__none[data-kind]{display:none}}
</style>`;

/**
 * The item fields of the ask form open when the item is ticked, in CSS alone (`:has`), so the page
 * carries no script and the theme's content security policy has nothing to allow. Browsers without
 * `:has` skip the rules and show every field, as before. For each kind of request the form offers,
 * an item not entitled to it hides its fields and shows why beside its checkbox while that kind is
 * chosen. Kinds are Aftercare's own identifiers (checked below), safe inside a CSS string.
 */
function kindStyle(kinds: string[]): string {
  const rules = kinds
    .filter((k) => /^[a-z_]+(:[a-z_]+)?$/.test(k))
    .map((k) => {
      const chosen = `.ac__ask:has(#ac-kind option[value="${k}"]:checked)`;
      return `${chosen} .ac__line:not([data-kinds~="${k}"]) .ac__fields{display:none}${chosen} .ac__none[data-kind="${k}"]{display:block}${chosen} [data-for]:not([data-for~="${k}"]){display:none}`;
    })
    .join("");
  return rules ? `<style>@supports selector(:has(*)){${rules}}</style>` : "";
}

export function shell(ctx: PageContext, content: string): string {
  return `${STYLE}<div class="ac" lang="${ctx.intl}" dir="${direction(ctx.locale)}" data-aftercare-portal>${content}</div>`;
}

export function errorSummary(ctx: PageContext, errors: Record<string, string>, ids: Record<string, string> = {}): string {
  const entries = Object.entries(errors);
  if (!entries.length) return "";
  const items = entries.map(([field, message]) => (ids[field] ? `<li><a href="#${esc(ids[field])}">${esc(message)}</a></li>` : `<li>${esc(message)}</li>`));
  return `<div class="ac__alert" role="alert" aria-labelledby="ac-errors-title" tabindex="-1" id="ac-errors"><h2 id="ac-errors-title">${esc(ctx.t("errorsTitle"))}</h2><ul>${items.join("")}</ul></div>`;
}

/**
 * Words the page did not write (the merchant's sentences, product and variant titles) inside a
 * page in the shopper's language: each run is marked with its language and isolated
 * (`<bdi dir="auto">`), so an English sentence on an Arabic page keeps its full stop at its end.
 * A policy's own words (`text`) are in its default language, English; other languages are its
 * `translations` (app/domain/policy/schema.ts).
 */
export const MERCHANT_LANGUAGE = "en";

export function theirs(ctx: { locale: Locale }, text: string): string {
  return `<bdi dir="auto"${ctx.locale === MERCHANT_LANGUAGE ? "" : ` lang="${MERCHANT_LANGUAGE}"`}>${esc(text)}</bdi>`;
}

/** Text where no element may go (an <option>): isolated with Unicode's first-strong isolate. */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}

/** A page message whose values are HTML already (amounts, the merchant's words): the template is escaped, the values are not. */
export function html(ctx: { t: Translate }, key: string, values: Record<string, string | number>): string {
  return ctx
    .t(key)
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name !== undefined && name in values ? String(values[name]) : esc(part);
    })
    .join("");
}

/** The separator of a list in the page's language: ", ", or "، " in Arabic. */
function comma(ctx: { t: Translate }): string {
  return ctx.t("comma");
}

export function renderMessage(ctx: PageContext, heading: string, message: string, back?: { href: string; label: string }): string {
  return shell(ctx, `<h1>${esc(heading)}</h1><div role="alert"><p>${esc(localiseMessage(ctx.locale, message))}</p></div>${back ? `<p><a href="${esc(back.href)}">${esc(back.label)}</a></p>` : ""}`);
}

// ------------------------------------------------------------------ the portal

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

// ------------------------------------------------------------------ the order: see and ask

function money(ctx: PageContext, m: { amountMinor: number; currency: string }): string {
  return formatAmount(m.amountMinor, m.currency, ctx.intl, currencyOf(m.currency).exponent);
}

/** An amount as HTML, isolated so its sign and symbol stay where the locale put them. */
export function amount(ctx: PageContext, m: { amountMinor: number; currency: string }): string {
  return `<bdi class="ac__amount">${esc(money(ctx, m))}</bdi>`;
}

/** A service's name: the merchant's ("Polish and re-plate"), else the usual one in the shopper's language. */
function serviceName(ctx: PageContext, service: string | null, services: ServiceTerms[] = []): string {
  return services.find((s) => s.service === service)?.name ?? ctx.t(`service_${service ?? ""}`);
}

/** The service's name as HTML: the merchant's own marked as theirs. */
function serviceNameHtml(ctx: PageContext, service: string | null, services: ServiceTerms[]): string {
  const named = services.find((s) => s.service === service)?.name;
  return named ? theirs(ctx, named) : esc(ctx.t(`service_${service ?? ""}`));
}

/** What a service costs and takes: "£45.00", "price on quote", "free"; the turnaround in the merchant's words. */
function serviceTermsHtml(ctx: PageContext, terms: ServiceTerms | undefined): string[] {
  if (!terms) return [];
  const price = terms.price.kind === "fixed" ? amount(ctx, terms.price.amount) : esc(ctx.t(terms.price.kind === "free" ? "serviceFree" : "serviceQuoted"));
  return [price, terms.turnaround ? html(ctx, "turnaround", { text: theirs(ctx, terms.turnaround) }) : null].filter((x): x is string => x !== null);
}

function entitlementLine(ctx: PageContext, e: Entitlement, line: OrderLineView, services: ServiceTerms[]): string {
  const { t } = ctx;
  const date = e.until ? formatDate(e.until, ctx.intl) : null;
  if (e.blockers.includes("unavailable")) return `<li>${esc(t("alreadyReturned"))}</li>`;
  // In a return still open in Shopify: this app's own request, listed above, says so already.
  if (e.blockers.includes("in_return")) return line.openRequests.length ? "" : `<li>${esc(t("inReturn"))}</li>`;
  if (e.eligible) {
    let label: string;
    if (e.kind === "service") {
      const name = serviceNameHtml(ctx, e.service, services);
      const terms = [
        // The merchant's price and turnaround; an entitlement for a service the view does not list says only free or paid.
        ...(services.some((s) => s.service === e.service) ? serviceTermsHtml(ctx, services.find((s) => s.service === e.service)) : e.charge ? [esc(t(e.charge === "free" ? "serviceFree" : "servicePaid"))] : []),
        typeof e.allowanceLeft === "number" ? esc(t("allowanceLeft", { n: e.allowanceLeft })) : null,
        typeof e.partsLeft === "number" ? esc(t("partsLeft", { n: e.partsLeft })) : null,
      ].filter((x): x is string => x !== null);
      label = (date ? html(ctx, "service", { service: name, date: esc(date) }) : html(ctx, "serviceNoLimit", { service: name })) + (terms.length ? ` (${terms.join(comma(ctx))})` : "");
    } else {
      const key = e.kind === "return" ? "returnable" : e.kind === "faulty" ? "faulty" : "warranty";
      label = esc(date ? t(key, { date }) : t(`${key}NoLimit`));
    }
    return `<li class="ac__ok"><span aria-hidden="true">✓ </span>${label}</li>`;
  }
  if (e.blockers.includes("open_request")) return "";
  const words = e.reasons.map((r) => theirs(ctx, r)).join(" ");
  // Too late: when it ended, then the merchant's sentence for the window that applied.
  const ended = e.ended ? esc(t(e.kind === "return" ? "returnsEnded" : "endedOn", { date: formatDate(e.ended, ctx.intl) })) : null;
  const reason = [ended, words || (ended ? "" : esc(e.blockers.map((b) => t(`blocker_${b}`)).join(comma(ctx))))].filter(Boolean).join(" ");
  // Only the refusals a shopper would look for: the return itself, and services the item qualifies for in principle.
  if (e.kind === "return") return `<li class="ac__no"><span aria-hidden="true">✗ </span>${html(ctx, "notReturnable", { reason })}</li>`;
  if (e.kind === "service" && e.blockers.includes("limit_reached")) return `<li class="ac__no"><span aria-hidden="true">✗ </span>${html(ctx, "notCovered", { what: serviceNameHtml(ctx, e.service, services), reason })}</li>`;
  return "";
}

/** The kind of an open request in words: a return, a warranty claim, or the service by its name. */
function requestKindHtml(ctx: PageContext, r: { kind: string; service: string | null }, services: ServiceTerms[]): string {
  return r.kind === "service" ? serviceNameHtml(ctx, r.service, services) : esc(ctx.t(r.kind === "warranty" ? "kindWarranty" : "kindReturnShort"));
}

function itemCard(ctx: PageContext, line: OrderLineView, services: ServiceTerms[]): string {
  const image = line.image
    ? `<img class="ac__img" src="${esc(line.image.url)}" alt="${esc(line.image.alt)}" width="80" height="80" loading="lazy" decoding="async">`
    : `<span class="ac__img" aria-hidden="true"></span>`;
  // Each open request with its status and a link to its status page.
  const open = line.openRequests.map((r) => {
    const href = `${ctx.base}/status${query(ctx, { token: r.statusToken })}`;
    return `<li class="ac__open" data-aftercare-open-request="${esc(r.number ?? "")}">${html(ctx, "openRequest", { number: esc(r.number ?? ""), kind: requestKindHtml(ctx, r, services), status: esc(ctx.t(`status_${r.status}`)) })} <a href="${esc(href)}">${esc(ctx.t("openRequestLink", { number: r.number ?? "" }))}</a></li>`;
  });
  return `<li class="ac__card ac__item">${image}<div class="ac__text"><h3>${theirs(ctx, line.title)}</h3>${line.variantTitle ? `<p class="ac__muted">${theirs(ctx, line.variantTitle)}</p>` : ""}<p class="ac__muted">${esc(ctx.t("quantityBought", { n: line.quantity }))} · ${amount(ctx, line.unitPrice)}</p><ul class="ac__tags">${open.join("")}${line.entitlements.map((e) => entitlementLine(ctx, e, line, services)).join("")}</ul></div></li>`;
}

/** The form's kind an entitlement is asked under: a faulty item is asked for as a return. */
function formKindOf(e: Entitlement): string {
  return e.kind === "faulty" ? "return" : e.kind === "service" ? `service:${e.service ?? ""}` : e.kind;
}

/** Why none of these entitlements can be had, as HTML: the merchant's words, else the blockers named. */
function refusalOf(ctx: PageContext, entitlements: Entitlement[]): string {
  // Held back only by this app's own open request: say so, not the window it is still inside.
  if (entitlements.length && entitlements.every((e) => e.blockers.includes("open_request") || e.blockers.includes("in_return"))) return esc(ctx.t("alreadyOpen"));
  const ended = entitlements.find((e) => e.ended)?.ended;
  const words = [...new Set(entitlements.flatMap((e) => e.reasons))].map((w) => theirs(ctx, w));
  if (words.length) return [ended ? esc(ctx.t("endedOn", { date: formatDate(ended, ctx.intl) })) : null, ...words].filter(Boolean).join(" ");
  const blockers = [...new Set(entitlements.flatMap((e) => e.blockers))];
  if (blockers.includes("unavailable")) return esc(ctx.t("alreadyReturned"));
  if (blockers.includes("in_return")) return esc(ctx.t("inReturn"));
  return esc(blockers.filter((b) => b !== "open_request").map((b) => ctx.t(`blocker_${b}`)).join(comma(ctx)) || ctx.t("blocker_not_applicable"));
}

export type AskValues = {
  kind?: string;
  preferred?: string;
  note?: string;
  liability?: boolean;
  lines: Record<number, { include?: boolean; qty?: string; reason?: string; warrantyReason?: string; cause?: string; used?: boolean; worn?: boolean; tags?: boolean; packaging?: boolean; opened?: boolean; exchange?: string }>;
};

/** The reasons a return may give; a warranty claim is for a fault, so it offers only a fault's reasons. */
const REASON_KEYS = ["changed_mind", "defective", "damaged_in_transit", "wrong_item", "loose_crystal", "other"];
export const WARRANTY_REASON_KEYS = ["defective", "loose_crystal"];

/**
 * The form's kinds each field is asked for, as `data-for` (CSS hides it for any other chosen
 * kind): a return asks the reason, the item's condition, an exchange and a preference; a warranty
 * claim a fault's reason and what happened; a service only what its rule needs (what happened,
 * when it does not cover some causes; the liability terms, when it has them).
 */
function askedFor(kinds: string[]): string {
  return ` data-for="${esc(kinds.join(" "))}"`;
}

export function renderOrder(ctx: PageContext, view: OrderView, input: { errors: Record<string, string>; values: AskValues; action: string; liabilityText: string | null }): string {
  const { t } = ctx;
  const err = localiseErrors(ctx.locale, input.errors);
  const values = input.values;
  const services = view.services;
  const placed = formatInstant(view.placedAt, ctx.intl, view.timezone);
  const items = `<section aria-labelledby="ac-items"><h2 id="ac-items">${esc(t("items"))}</h2><ul class="ac__items">${view.lines.map((l) => itemCard(ctx, l, services)).join("")}</ul></section>`;

  const askable = view.lines.map((line, i) => ({ line, i })).filter(({ line }) => line.available > 0);
  const option = (value: string, label: string, selected: string | undefined) => `<option value="${esc(value)}"${selected === value ? " selected" : ""}>${esc(label)}</option>`;
  // The merchant's service names sit in an <option>, where no element may: isolated by characters.
  const serviceOption = (s: ServiceTerms) => t("kindService", { service: s.name ? isolated(s.name) : serviceName(ctx, s.service) });
  const kinds = [option("return", t("kindReturn"), values.kind), option("warranty", t("kindWarranty"), values.kind), ...services.map((s) => option(`service:${s.service}`, serviceOption(s), values.kind))];
  const ids: Record<string, string> = { kind: "ac-kind", photos: "ac-photos", liabilityAccepted: "ac-liability", note: "ac-note" };
  const errorText = (key: string, id: string) => (err[key] ? `<p class="ac__error" id="${id}-error">${esc(err[key])}</p>` : "");
  const invalid = (key: string, id: string) => (err[key] ? ` aria-invalid="true" aria-describedby="${id}-error"` : "");

  const serviceKinds = services.map((s) => `service:${s.service}`);
  const formKinds = ["return", "warranty", ...serviceKinds];
  // What happened: a faulty return and a warranty claim may turn on it; a service only when it does not cover some causes.
  const causeKinds = ["return", "warranty", ...services.filter((s) => s.asksCause).map((s) => `service:${s.service}`)];
  const kindLabel = (kind: string) => (kind === "return" ? esc(t("kindReturn")) : kind === "warranty" ? esc(t("kindWarranty")) : html(ctx, "kindService", { service: serviceNameHtml(ctx, kind.slice("service:".length), services) }));
  const lineFields = askable
    .map(({ line, i }) => {
      const v = values.lines[i] ?? {};
      const legend = `<legend>${theirs(ctx, line.title)}${line.variantTitle ? ` – ${theirs(ctx, line.variantTitle)}` : ""}</legend>`;
      const entitled = formKinds.filter((k) => line.entitlements.some((e) => e.eligible && formKindOf(e) === k));
      if (!entitled.length) {
        // Nothing this item may get: say why instead of offering fields that can only be refused.
        return `<fieldset class="ac__line">${legend}<p class="ac__none">${html(ctx, "nothingToAsk", { reason: refusalOf(ctx, line.entitlements.filter((e) => e.kind === "return" || e.kind === "faulty")) })}</p></fieldset>`;
      }
      const id = (name: string) => `ac-${name}-${i}`;
      ids[`line.${i}`] = id("include");
      ids[`line.${i}.quantity`] = id("qty");
      ids[`line.${i}.reason`] = values.kind === "warranty" ? id("wreason") : id("reason");
      ids[`line.${i}.exchangeVariantId`] = id("exchange");
      const check = (name: string, label: string, on: boolean | undefined) =>
        `<div class="ac__check"><input type="checkbox" id="${id(name)}" name="${name}_${i}" value="on"${on ? " checked" : ""}><label for="${id(name)}">${esc(label)}</label></div>`;
      const reasons = REASON_KEYS.map((r) => option(r, t(`reason_${r}`), v.reason)).join("");
      const warrantyReasons = WARRANTY_REASON_KEYS.map((r) => option(r, t(`reason_${r}`), v.warrantyReason)).join("");
      const causes = [option("", t("causeUnknown"), v.cause ?? ""), ...view.causes.map((c) => option(c, t(`cause_${c}`), v.cause))].join("");
      const reasonError = (name: string) => (values.kind === "warranty") === (name === "wreason") ? errorText(`line.${i}.reason`, id(name)) : "";
      const reasonInvalid = (name: string) => ((values.kind === "warranty") === (name === "wreason") ? invalid(`line.${i}.reason`, id(name)) : "");
      const exchange = line.exchangeOptions.length
        ? `<div class="ac__field"${askedFor(["return"])}><label for="${id("exchange")}">${esc(t("exchange"))}</label>${errorText(`line.${i}.exchangeVariantId`, id("exchange"))}<select id="${id("exchange")}" name="exchange_${i}"${invalid(`line.${i}.exchangeVariantId`, id("exchange"))}>${[
            option("", t("noExchange"), v.exchange ?? ""),
            ...line.exchangeOptions.map((o) => option(o.variantId, exchangeLabel(ctx, o), v.exchange)),
          ].join("")}</select></div>`
        : "";
      const missing = formKinds
        .filter((k) => !entitled.includes(k))
        .map((k) => `<p class="ac__none" data-kind="${esc(k)}">${html(ctx, "notForKind", { kind: kindLabel(k), reason: refusalOf(ctx, line.entitlements.filter((e) => formKindOf(e) === k)) })}</p>`)
        .join("");
      return `<fieldset class="ac__line" data-kinds="${esc(entitled.join(" "))}">${legend}
<input type="hidden" name="lineId_${i}" value="${esc(line.lineId)}">
${errorText(`line.${i}`, id("include"))}
<div class="ac__check ac__pick"><input type="checkbox" id="${id("include")}" name="include_${i}" value="on" aria-controls="${id("fields")}"${v.include ? " checked" : ""}${invalid(`line.${i}`, id("include"))}><label for="${id("include")}">${html(ctx, "include", { title: theirs(ctx, line.title) })}</label></div>
${missing}<div class="ac__fields" id="${id("fields")}">
<div class="ac__field"><label for="${id("qty")}">${esc(t("quantity"))}</label>${errorText(`line.${i}.quantity`, id("qty"))}<input type="number" id="${id("qty")}" name="qty_${i}" min="1" max="${line.available}" value="${esc(v.qty ?? "1")}" inputmode="numeric"${invalid(`line.${i}.quantity`, id("qty"))}></div>
<div class="ac__field"${askedFor(["return"])}><label for="${id("reason")}">${esc(t("reason"))}</label>${reasonError("reason")}<select id="${id("reason")}" name="reason_${i}"${reasonInvalid("reason")}>${reasons}</select></div>
<div class="ac__field"${askedFor(["warranty"])}><label for="${id("wreason")}">${esc(t("warrantyReason"))}</label>${reasonError("wreason")}<select id="${id("wreason")}" name="wreason_${i}"${reasonInvalid("wreason")}>${warrantyReasons}</select></div>
<div class="ac__field"${askedFor(causeKinds)}><label for="${id("cause")}">${esc(t("cause"))}</label><select id="${id("cause")}" name="cause_${i}">${causes}</select></div>
<fieldset${askedFor(["return"])}><legend>${esc(t("condition"))}</legend>${check("used", t("used"), v.used)}${check("worn", t("worn"), v.worn)}${check("tags", t("tagsAttached"), v.tags ?? true)}${check("packaging", t("originalPackaging"), v.packaging ?? true)}${check("opened", t("packagingOpened"), v.opened)}</fieldset>
${exchange}
</div></fieldset>`;
    })
    .join("");

  const liabilityKinds = input.liabilityText ? serviceKinds.filter((k) => services.find((s) => `service:${s.service}` === k)?.asksLiability) : [];
  const form = askable.length
    ? `${kindStyle(formKinds)}<section class="ac__ask" aria-labelledby="ac-ask"><h2 id="ac-ask">${esc(t("ask"))}</h2>
${errorSummary(ctx, err, ids)}
<form method="post" action="${esc(input.action + query(ctx))}" enctype="multipart/form-data" novalidate>${hidden(ctx)}
<input type="hidden" name="intent" value="preview">
<div class="ac__field"><label for="ac-kind">${esc(t("kind"))}</label>${errorText("kind", "ac-kind")}<select id="ac-kind" name="kind"${invalid("kind", "ac-kind")}>${kinds.join("")}</select></div>
${services.length ? `<ul class="ac__services">${services.map((s) => `<li>${serviceNameHtml(ctx, s.service, services)}: ${serviceTermsHtml(ctx, s).join(comma(ctx))}</li>`).join("")}</ul>` : ""}
<fieldset><legend>${esc(t("chooseItems"))}</legend>${lineFields}</fieldset>
<div class="ac__field"${askedFor(["return"])}><label for="ac-preferred">${esc(t("preferred"))}</label><select id="ac-preferred" name="preferred">${[option("", t("preferAny"), values.preferred ?? ""), option("refund", t("preferRefund"), values.preferred), option("store_credit", t("preferCredit"), values.preferred)].join("")}</select></div>
<div class="ac__field"><label for="ac-photos">${esc(t("photos"))}</label><p class="ac__muted" id="ac-photos-hint">${esc(t("photosHint"))}</p>${errorText("photos", "ac-photos")}<input type="file" id="ac-photos" name="photos" multiple accept="image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif" aria-describedby="ac-photos-hint${err.photos ? " ac-photos-error" : ""}"${err.photos ? ' aria-invalid="true"' : ""}></div>
${
  input.liabilityText && liabilityKinds.length
    ? `<div class="ac__field"${askedFor(liabilityKinds)}><p id="ac-liability-text">${theirs(ctx, input.liabilityText)}</p>${errorText("liabilityAccepted", "ac-liability")}<div class="ac__check"><input type="checkbox" id="ac-liability" name="liability" value="on"${values.liability ? " checked" : ""} aria-describedby="ac-liability-text"><label for="ac-liability">${esc(t("liability"))}</label></div></div>`
    : ""
}
<div class="ac__field"><label for="ac-note">${esc(t("note"))}</label>${errorText("note", "ac-note")}<textarea id="ac-note" name="note" maxlength="1000">${esc(values.note ?? "")}</textarea></div>
<button class="ac__button" type="submit">${esc(t("seeAnswer"))}</button>
</form></section>`
    : "";
  return shell(ctx, `<p><a href="${esc(`${ctx.base}${query(ctx)}`)}">${esc(t("backToStart"))}</a></p><h1>${esc(t("order", { name: view.orderName }))}</h1><p class="ac__muted">${esc(t("placed", { date: placed }))}</p>${items}${form}`);
}

/** An exchange choice in words: the variant, the product when it is another one, and any difference. */
function exchangeLabel(ctx: PageContext, o: ExchangeOption): string {
  // Plain text (it goes in an <option>): the titles and amounts isolated by characters.
  const title = o.sameProduct ? ctx.t("exchangeSame", { title: isolated(o.title) }) : ctx.t("exchangeOther", { product: isolated(o.productTitle), title: isolated(o.title), price: isolated(money(ctx, o.price)) });
  if (o.settlement === "charge") return ctx.t("exchangeMore", { title, amount: isolated(money(ctx, o.difference)) });
  if (o.settlement === "refund" || o.settlement === "store_credit") return ctx.t("exchangeLess", { title, amount: isolated(money(ctx, o.difference)) });
  return title;
}

// ------------------------------------------------------------------ the answer, before submitting

/**
 * The piece's journey as the engine decided it: whether the shopper's postage is repaid (up to the
 * policy's maximum, with proof where it asks, never from abroad where it says so) and who pays
 * the way home, each beside the policy's own words.
 */
/**
 * Where to send the piece once the request is approved: the policy's address in the merchant's
 * words, and the return slip to print and put in the parcel (a PDF under the same signed link).
 */
function sendToHtml(ctx: PageContext, sendTo: StatusView["sendTo"], slipHref: string | null): string {
  if (!sendTo) return "";
  const { t } = ctx;
  const address = [sendTo.name, ...sendTo.lines].map((line) => `<bdi dir="auto">${esc(line)}</bdi>`).join("<br>");
  const slip = slipHref ? `<p><a href="${esc(slipHref)}" data-aftercare-slip>${esc(t("returnSlip"))}</a> <span class="ac__muted">${esc(t("returnSlipHelp"))}</span></p>` : "";
  return `<section aria-labelledby="ac-send-to"><h2 id="ac-send-to">${esc(t("sendTo"))}</h2><address data-aftercare-send-to>${address}</address><p>${theirs(ctx, sendTo.text)}</p>${slip}</section>`;
}

function journeyHtml(ctx: PageContext, journey: Journey | null | undefined): string {
  if (!journey) return "";
  const { t } = ctx;
  const items: string[] = [];
  const p = journey.postage;
  if (p) {
    const said = p.repaid ? (p.maximum ? html(ctx, "postageRepaidUpTo", { amount: amount(ctx, p.maximum) }) : esc(t("postageRepaid"))) : esc(t("postageNotRepaid"));
    const proof = p.repaid && p.proofRequired ? ` <strong data-aftercare-proof>${esc(t("postageProof"))}</strong>` : "";
    const abroad = p.domesticOnly ? ` ${esc(t("postageNotAbroad"))}` : "";
    items.push(`<li data-aftercare-postage="${p.repaid ? "repaid" : "not_repaid"}">${said}${proof}${abroad}<br><span class="ac__muted">${theirs(ctx, p.text)}</span></li>`);
  }
  if (journey.outboundShipping !== "none") {
    items.push(`<li data-aftercare-outbound="${journey.outboundShipping}">${esc(t(`outbound_${journey.outboundShipping}`))}${journey.outboundText ? `<br><span class="ac__muted">${theirs(ctx, journey.outboundText)}</span>` : ""}</li>`);
  }
  return items.length ? `<section aria-labelledby="ac-journey"><h2 id="ac-journey">${esc(t("journey"))}</h2><ul>${items.join("")}</ul></section>` : "";
}

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

// ------------------------------------------------------------------ confirmation and status

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

/** `parcel`: the parcel's section (app/parcels/page.server.ts), after where to send it; `slipToken`: the signed link the return slip is printed under. */
export function renderStatus(ctx: PageContext, status: StatusView, confirmation: Submitted | null, timezone: string, quote: StatusQuote | null = null, slipToken: string | null = null, parcel = ""): string {
  const { t } = ctx;
  const number = status.number ?? "";
  const head = confirmation
    ? `<h1>${esc(t("confirmation", { number }))}</h1><div role="status"><p>${esc(t("confirmationIntro", { date: formatInstant(confirmation.statusExpiresAt, ctx.intl, timezone) }))}</p></div><p><a href="${esc(`${ctx.base}/status${query(ctx, { token: confirmation.statusToken })}`)}" data-aftercare-status-link>${esc(t("statusLink"))}</a></p>`
    : `<h1>${esc(t("status", { number }))}</h1>`;
  const lines = status.lines.map((l) => `<li>${theirs(ctx, l.title)} × ${l.quantity}${l.exchangeVariantTitle ? ` → ${theirs(ctx, l.exchangeVariantTitle)}` : ""}</li>`).join("");
  const steps = status.steps
    .map((s) => `<li><strong>${esc(t(`step_${s.type}`))}</strong> · <time datetime="${esc(s.at)}">${esc(formatInstant(s.at, ctx.intl, timezone))}</time>${s.amount ? ` · ${amount(ctx, s.amount)}` : ""}${s.message ? `<p>${theirs(ctx, s.message)}</p>` : ""}</li>`)
    .join("");
  const pending = status.shopifyReturn === "pending" || status.shopifyReturn === "stalled" ? `<div role="status"><p>${esc(t(`shopifyReturn_${status.shopifyReturn}`))}</p></div>` : "";
  return shell(ctx, `${head}<p class="ac__muted">${esc(t("order", { name: status.orderName }))} · ${esc(t(`status_${status.status}`))}</p>${pending}<ul>${lines}</ul>${journeyHtml(ctx, status.journey)}${sendToHtml(ctx, status.sendTo, slipToken ? `${ctx.base}/status/slip${query(ctx, { token: slipToken })}` : null)}${parcel}${quote ? renderQuote(ctx, quote) : ""}<h2>${esc(t("steps"))}</h2><ol class="ac__steps">${steps}</ol><p><a href="${esc(`${ctx.base}${query(ctx)}`)}">${esc(t("backToStart"))}</a></p>`);
}
