import { currencyOf } from "../domain/money";
import { POSTAGE_METHODS } from "../domain/vocabulary";
import { amount, errorSummary, esc, hidden, html, query, theirs, type PageContext } from "../storefront/pages.server";
import { localiseErrors } from "../storefront/i18n";
import { CARRIER_NAMES, CARRIERS } from "./carriers";
import type { ParcelView } from "./parcel.server";

/**
 * The status page's parcel section (storefront app proxy): the parcel as recorded, with the link
 * to the carrier's tracking page and what the policy repays of its postage; or, while the request
 * waits for it, the form (multipart, for the proof photo; no script, keyboard alone).
 */
export type ParcelForm = {
  action: string;
  token: string;
  currency: string;
  /** The policy asks for a proof of postage to repay it: the photo field says so. */
  proofAsked: boolean;
  errors: Record<string, string>;
  values: Record<string, string>;
};

/**
 * The carrier's name is asked only for "another carrier": without a script, CSS hides the field
 * while a named carrier is chosen (a browser without `:has()` shows it, and the server ignores it).
 */
const CARRIER_NAME_ONLY_FOR_OTHER = "<style>.ac form:has(#ac-carrier option[value=other]:not(:checked)) [data-aftercare-carrier-name]{display:none}</style>";

const IDS: Record<string, string> = { carrier: "ac-carrier", carrierName: "ac-carrierName", trackingNumber: "ac-tracking", method: "ac-method-post", amount: "ac-postage", proof: "ac-proof" };

export function renderParcelSection(ctx: PageContext, parcel: ParcelView | null, form: ParcelForm | null): string {
  const { t } = ctx;
  if (parcel) {
    const carrier = parcel.carrier === "other" ? theirs(ctx, parcel.carrierName) : esc(parcel.carrierName);
    const recorded = html(ctx, "parcelRecorded", { carrier, number: `<bdi>${esc(parcel.trackingNumber)}</bdi>` });
    const link = parcel.trackingUrl ? `<p><a href="${esc(parcel.trackingUrl)}" rel="noopener noreferrer" target="_blank" data-aftercare-tracking>${html(ctx, "parcelTrack", { carrier })}</a></p>` : "";
    const paid = `<p>${html(ctx, "parcelPaid", { amount: amount(ctx, parcel.postage) })}</p>`;
    const repaid = parcel.repaid.amountMinor > 0 ? `<p class="ac__ok" data-aftercare-postage-repaid="${parcel.repaid.amountMinor}">${html(ctx, "parcelRepaid", { amount: amount(ctx, parcel.repaid) })}</p>` : parcel.proofNeeded ? `<p data-aftercare-postage-repaid="0">${esc(t("parcelProofNeeded"))}</p>` : `<p data-aftercare-postage-repaid="0">${esc(t("parcelNotRepaid"))}</p>`;
    const proof = parcel.proofKey ? `<p class="ac__muted">${esc(t("parcelProofAdded"))}</p>` : "";
    const words = parcel.explanation.map((e) => `<li>${theirs(ctx, e.text)}</li>`).join("");
    return `<section aria-labelledby="ac-parcel" data-aftercare-parcel><h2 id="ac-parcel">${esc(t("parcelTitle"))}</h2><p>${recorded}</p>${link}${paid}${repaid}${proof}${words ? `<ul class="ac__muted">${words}</ul>` : ""}</section>`;
  }
  if (!form) return "";
  const err = localiseErrors(ctx.locale, form.errors);
  const v = form.values;
  const described = (name: string, hint: boolean) => {
    const ids = [hint ? `${IDS[name]}-hint` : "", err[name] ? `${IDS[name]}-error` : ""].filter(Boolean).join(" ");
    return `${ids ? ` aria-describedby="${ids}"` : ""}${err[name] ? ' aria-invalid="true"' : ""}`;
  };
  const error = (name: string) => (err[name] ? `<p class="ac__error" id="${IDS[name]}-error">${esc(err[name])}</p>` : "");
  const options = CARRIERS.map((c) => `<option value="${c}"${v.carrier === c ? " selected" : ""}>${esc(c === "other" ? t("parcelCarrierOther") : CARRIER_NAMES[c])}</option>`).join("");
  const methods = POSTAGE_METHODS.map(
    (m) => `<div class="ac__check"><input type="radio" id="ac-method-${m}" name="method" value="${m}"${(v.method ?? "post") === m ? " checked" : ""}${err.method ? ' aria-invalid="true"' : ""}><label for="ac-method-${m}">${esc(t(`parcelMethod_${m}`))}</label></div>`,
  ).join("");
  const step = 1 / 10 ** currencyOf(form.currency).exponent;
  return `<section aria-labelledby="ac-parcel" data-aftercare-parcel-form>${CARRIER_NAME_ONLY_FOR_OTHER}<h2 id="ac-parcel">${esc(t("parcelTitle"))}</h2><p>${esc(t("parcelIntro"))}</p>
${errorSummary(ctx, err, IDS)}
<form method="post" enctype="multipart/form-data" action="${esc(form.action + query(ctx, { token: form.token }))}" novalidate>${hidden(ctx)}<input type="hidden" name="intent" value="parcel">
<div class="ac__field"><label for="ac-carrier">${esc(t("parcelCarrier"))}</label>${error("carrier")}<select id="ac-carrier" name="carrier"${described("carrier", false)}>${options}</select></div>
<div class="ac__field" data-aftercare-carrier-name><label for="ac-carrierName">${esc(t("parcelCarrierName"))}</label>${error("carrierName")}<input type="text" id="ac-carrierName" name="carrierName" maxlength="60" autocomplete="off" value="${esc(v.carrierName ?? "")}"${described("carrierName", false)}></div>
<div class="ac__field"><label for="ac-tracking">${esc(t("parcelTracking"))}</label><p class="ac__muted" id="ac-tracking-hint">${esc(t("parcelTrackingHint"))}</p>${error("trackingNumber")}<input type="text" id="ac-tracking" name="trackingNumber" required maxlength="60" autocomplete="off" spellcheck="false" dir="ltr" value="${esc(v.trackingNumber ?? "")}"${described("trackingNumber", true)}></div>
<fieldset><legend>${esc(t("parcelMethod"))}</legend>${error("method")}${methods}</fieldset>
<div class="ac__field"><label for="ac-postage">${esc(t("parcelPostage", { currency: form.currency }))}</label><p class="ac__muted" id="ac-postage-hint">${esc(t("parcelPostageHint"))}</p>${error("amount")}<input type="text" inputmode="decimal" id="ac-postage" name="amount" required maxlength="20" autocomplete="off" dir="ltr" data-step="${step}" value="${esc(v.amount ?? "")}"${described("amount", true)}></div>
<div class="ac__field"><label for="ac-proof">${esc(t("parcelProof"))}</label><p class="ac__muted" id="ac-proof-hint">${esc(t("parcelProofHint"))}</p>${error("proof")}<input type="file" id="ac-proof" name="proof" accept="image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"${form.proofAsked ? " required" : ""}${described("proof", true)}></div>
<button class="ac__button" type="submit">${esc(t("parcelSubmit"))}</button></form></section>`;
}
