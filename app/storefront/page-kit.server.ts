import { currencyOf } from "../domain/money";
import type { ExchangeOption, Journey, ServiceTerms, StatusView } from "../schemas/requests";
import { direction, formatAmount, localiseMessage, type Locale, type Translate } from "./i18n";

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
.ac__steps{list-style:none;padding:0}.ac__steps li{border-inline-start:3px solid var(--ac-accent);padding:.25rem .75rem;margin:.5rem 0}.ac__steps li.ac__now{border-inline-start-width:6px;background:#fff}.ac__steps li.ac__muted{border-inline-start-style:dashed}
.ac__none{color:var(--ac-no);margin:.2rem 0 0;padding-inline-start:1.75rem}
.ac__items{list-style:none;padding:0}.ac__text{min-width:0;overflow-wrap:anywhere}.ac__services{padding-inline-start:1.25rem}
.ac__amount{white-space:nowrap}
@media (max-width:30rem){.ac{padding:0 .5rem}.ac__card{padding:.75rem}.ac__item{grid-template-columns:1fr;gap:.5rem}.ac__img{width:64px;height:64px}}
@supports selector(:has(*)){.ac__line:not(:has(.ac__pick input:checked)) .ac__fields{display:none}.ac__line .ac__none[data-kind]{display:none}}
</style>`;


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
export function comma(ctx: { t: Translate }): string {
  return ctx.t("comma");
}

export function renderMessage(ctx: PageContext, heading: string, message: string, back?: { href: string; label: string }): string {
  return shell(ctx, `<h1>${esc(heading)}</h1><div role="alert"><p>${esc(localiseMessage(ctx.locale, message))}</p></div>${back ? `<p><a href="${esc(back.href)}">${esc(back.label)}</a></p>` : ""}`);
}

export function money(ctx: PageContext, m: { amountMinor: number; currency: string }): string {
  return formatAmount(m.amountMinor, m.currency, ctx.intl, currencyOf(m.currency).exponent);
}

/** An amount as HTML, isolated so its sign and symbol stay where the locale put them. */
export function amount(ctx: PageContext, m: { amountMinor: number; currency: string }): string {
  return `<bdi class="ac__amount">${esc(money(ctx, m))}</bdi>`;
}

/** A service's name: the merchant's ("Polish and re-plate"), else the usual one in the shopper's language. */
export function serviceName(ctx: PageContext, service: string | null, services: ServiceTerms[] = []): string {
  return services.find((s) => s.service === service)?.name ?? ctx.t(`service_${service ?? ""}`);
}

/** The service's name as HTML: the merchant's own marked as theirs. */
export function serviceNameHtml(ctx: PageContext, service: string | null, services: ServiceTerms[]): string {
  const named = services.find((s) => s.service === service)?.name;
  return named ? theirs(ctx, named) : esc(ctx.t(`service_${service ?? ""}`));
}

/** What a service costs and takes: "£45.00", "price on quote", "free"; the turnaround in the merchant's words. */
export function serviceTermsHtml(ctx: PageContext, terms: ServiceTerms | undefined): string[] {
  if (!terms) return [];
  const price = terms.price.kind === "fixed" ? amount(ctx, terms.price.amount) : esc(ctx.t(terms.price.kind === "free" ? "serviceFree" : "serviceQuoted"));
  return [price, terms.turnaround ? html(ctx, "turnaround", { text: theirs(ctx, terms.turnaround) }) : null].filter((x): x is string => x !== null);
}

/** An exchange choice in words: the variant, the product when it is another one, and any difference. */
export function exchangeLabel(ctx: PageContext, o: ExchangeOption): string {
  // Plain text (it goes in an <option>): the titles and amounts isolated by characters.
  const title = o.sameProduct ? ctx.t("exchangeSame", { title: isolated(o.title) }) : ctx.t("exchangeOther", { product: isolated(o.productTitle), title: isolated(o.title), price: isolated(money(ctx, o.price)) });
  if (o.settlement === "charge") return ctx.t("exchangeMore", { title, amount: isolated(money(ctx, o.difference)) });
  if (o.settlement === "refund" || o.settlement === "store_credit") return ctx.t("exchangeLess", { title, amount: isolated(money(ctx, o.difference)) });
  return title;
}

/**
 * Where to send the piece once the request is approved: the policy's address in the merchant's
 * words, and the return slip to print and put in the parcel (a PDF under the same signed link).
 */
export function sendToHtml(ctx: PageContext, sendTo: StatusView["sendTo"], slipHref: string | null): string {
  if (!sendTo) return "";
  const { t } = ctx;
  const address = [sendTo.name, ...sendTo.lines].map((line) => `<bdi dir="auto">${esc(line)}</bdi>`).join("<br>");
  const slip = slipHref ? `<p><a href="${esc(slipHref)}" data-aftercare-slip>${esc(t("returnSlip"))}</a> <span class="ac__muted">${esc(t("returnSlipHelp"))}</span></p>` : "";
  return `<section aria-labelledby="ac-send-to"><h2 id="ac-send-to">${esc(t("sendTo"))}</h2><address data-aftercare-send-to>${address}</address><p>${theirs(ctx, sendTo.text)}</p>${slip}</section>`;
}

/**
 * The piece's journey as the engine decided it: whether the shopper's postage is repaid (up to the
 * policy's maximum, with proof where it asks, never from abroad where it says so) and who pays
 * the way home, each beside the policy's own words.
 */
export function journeyHtml(ctx: PageContext, journey: Journey | null | undefined): string {
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
