import type { Entitlement, OrderLineView, OrderView, ServiceTerms } from "../schemas/requests";
import { formatDate, formatInstant, localiseErrors } from "./i18n";
import { esc, query, hidden, shell, errorSummary, theirs, isolated, html, comma, amount, serviceName, serviceNameHtml, serviceTermsHtml, exchangeLabel, type PageContext } from "./page-kit.server";

// The order page: what each item may get, and the form that asks for it.

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
