import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";

import { AppError, callApp, formatDay, formatMoney, isolate, optionKey, orderNumber, type Entitlement, type OrderAnswer, type OrderView, type Preview, type ServiceTerms, type Submitted } from "../../shared/app";

export default async () => {
  render(<OrderPage />, document.body);
};

type Step = "choose" | "ask" | "answer" | "done";
type Choice = {
  option: string;
  lines: Record<string, number>;
  reason: string;
  cause: string;
  worn: boolean;
  resolution: string | null;
  /** An exchange: the variant wanted instead, per line (the app lists which are in stock). */
  exchange: Record<string, string>;
  note: string;
  photos: string[];
  liabilityAccepted: boolean;
};

const t = (key: string, options?: Record<string, string | number>) => shopify.i18n.translate(key, options);
/** The element an event came from, typed as the Polaris web component it is. */
const from = <K extends keyof HTMLElementTagNameMap>(event: Event, _tag: K) => event.currentTarget as HTMLElementTagNameMap[K];
const EMPTY: Choice = { option: "", lines: {}, reason: "", cause: "", worn: false, resolution: null, exchange: {}, note: "", photos: [], liabilityAccepted: false };
/** Reasons a shopper can give, by what they ask for (the app's vocabulary; the engine decides). */
const REASONS_FOR: Record<Entitlement["kind"], string[]> = {
  return: ["changed_mind", "other"],
  faulty: ["defective", "damaged_in_transit", "wrong_item", "loose_crystal"],
  warranty: ["defective", "loose_crystal"],
  service: ["other"],
};
const PREFERRED = ["refund", "store_credit", "exchange"];

/** One key a submit can be retried with: the app finds the first request instead of making a second. */
function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function entitlementOf(view: OrderView, lineId: string, key: string): Entitlement | undefined {
  return view.lines.find((line) => line.lineId === lineId)?.entitlements.find((e) => optionKey(e) === key);
}

function options(view: OrderView): Entitlement[] {
  const seen = new Map<string, Entitlement>();
  for (const line of view.lines) for (const e of line.entitlements) if (e.eligible && !seen.has(optionKey(e))) seen.set(optionKey(e), e);
  return [...seen.values()];
}

/** A service's price as the merchant set it: its amount in the shop's money, free, or by quote. */
function priceOf(terms: Pick<ServiceTerms, "price">): string {
  return terms.price.kind === "fixed" ? formatMoney(shopify.i18n, terms.price.amount, shopify.localization) : t(terms.price.kind === "free" ? "answer.freeShort" : "answer.quoted");
}

/** What the customer may ask for; a service by the merchant's name and price ("Polish and re-plate · £45.00"). */
function optionLabel(view: OrderView, e: Pick<Entitlement, "kind" | "service">): string {
  if (!e.service) return t(`option.${e.kind}`);
  const terms = view.services.find((s) => s.service === e.service);
  return terms ? `${terms.name ? isolate(shopify.localization, terms.name) : t(`service.${e.service}`)} · ${priceOf(terms)}` : t(`service.${e.service}`);
}

/** The request module's draft for the chosen option and lines; the app adds the order from the URL. */
function draftOf(view: OrderView, choice: Choice) {
  const option = options(view).find((e) => optionKey(e) === choice.option);
  const kind = option?.kind === "faulty" || option?.kind === "return" ? "return" : (option?.kind ?? "return");
  return {
    kind,
    service: option?.service ?? null,
    preferredResolution: kind === "return" ? choice.resolution : null,
    lines: Object.entries(choice.lines).map(([lineId, quantity]) => ({
      lineId,
      quantity,
      reason: choice.reason,
      cause: choice.cause || null,
      // Only a return asks about wear; a warranty claim or a service asks nothing, so records nothing.
      condition: kind === "return" ? { used: choice.worn, worn: choice.worn, tagsAttached: !choice.worn, originalPackaging: true, packagingOpened: choice.worn } : {},
      exchangeVariantId: kind === "return" && choice.resolution === "exchange" ? (choice.exchange[lineId] ?? null) : null,
    })),
    photos: choice.photos,
    liabilityAccepted: choice.liabilityAccepted,
    note: choice.note.trim() || null,
  };
}

function OrderPage() {
  const id = orderNumber(shopify.order.value?.id ?? (navigation.currentEntry.url ?? "").split("/").pop() ?? "");
  const [view, setView] = useState<OrderView | null>(null);
  const [statusUrls, setStatusUrls] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>("choose");
  const [choice, setChoice] = useState<Choice>(EMPTY);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<Submitted | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(idempotencyKey);

  useEffect(() => {
    callApp<OrderAnswer>(shopify, `/api/customer/orders/${id}`).then(
      (answer) => {
        setView(answer.view);
        setStatusUrls(answer.statusUrls ?? {});
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [id]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const askPreview = (next: Choice) =>
    run(async () => {
      if (!view) return;
      setPreview(await callApp<Preview>(shopify, `/api/customer/orders/${id}/preview`, draftOf(view, next)));
      setStep("answer");
    });

  return (
    <s-page heading={view ? t("heading", { order: view.orderName }) : error ? t("error") : t("loading")}>
      {error && <s-banner tone="critical" heading={t("error")}>{error}</s-banner>}
      {!view && !error && <s-spinner accessibilityLabel={t("loading")} />}
      {view && step === "choose" && <OpenRequests view={view} statusUrls={statusUrls} />}
      {view && step === "choose" && <ChooseItems view={view} choice={choice} onChange={setChoice} onNext={() => setStep("ask")} />}
      {view && step === "ask" && <Ask view={view} choice={choice} busy={busy} onChange={setChoice} onBack={() => setStep("choose")} onNext={() => askPreview(choice)} />}
      {view && step === "answer" && preview && (
        <Answer
          preview={preview}
          choice={choice}
          busy={busy}
          onAccept={(liabilityAccepted) => {
            const next = { ...choice, liabilityAccepted };
            setChoice(next);
            void askPreview(next);
          }}
          onBack={() => setStep("ask")}
          onSubmit={() =>
            run(async () => {
              setDone(await callApp<Submitted>(shopify, `/api/customer/orders/${id}/requests`, { ...draftOf(view, choice), idempotencyKey: key }));
              setStep("done");
            })
          }
        />
      )}
      {step === "done" && done && (
        <s-section heading={t("done.heading")}>
          <s-stack gap="base">
            <s-paragraph>{t("done.body", { number: done.number })}</s-paragraph>
            <s-paragraph>{t("done.status", { status: t(`status.${done.status}`) })}</s-paragraph>
            <s-link href="extension:aftercare-my-aftercare/">{t("done.all")}</s-link>
          </s-stack>
        </s-section>
      )}
    </s-page>
  );
}

function messageOf(e: unknown): string {
  if (e instanceof AppError && e.status === 401) return t("signedOut");
  return e instanceof Error && e.message ? e.message : t("error");
}

/** Each request already open on the order, with its status and a link to its status page. */
function OpenRequests(props: { view: OrderView; statusUrls: Record<string, string> }) {
  const open = props.view.lines.flatMap((line) => line.openRequests.map((request) => ({ line, request })));
  if (open.length === 0) return null;
  return (
    <s-section heading={t("open.heading")}>
      <s-stack gap="base">
        {open.map(({ line, request }) => {
          const url = props.statusUrls[String(request.number)];
          return (
            <s-stack key={`${line.lineId}-${request.number}`} gap="small-200">
              <s-text>{t("open.request", { number: request.number ?? "", title: isolate(shopify.localization, line.title), status: t(`status.${request.status}`) })}</s-text>
              {url && <s-link href={url}>{t("open.link", { number: request.number ?? "" })}</s-link>}
            </s-stack>
          );
        })}
      </s-stack>
    </s-section>
  );
}

function ChooseItems(props: { view: OrderView; choice: Choice; onChange(choice: Choice): void; onNext(): void }) {
  const { view, choice, onChange } = props;
  const available = options(view);
  const ready = choice.option !== "" && Object.keys(choice.lines).length > 0;
  if (available.length === 0) return <s-banner tone="info" heading={t("nothing.heading")}>{t("nothing.body")}</s-banner>;
  return (
    <s-section heading={t("choose.heading")}>
      <s-stack gap="base">
        <s-choice-list
          label={t("choose.what")}
          name="option"
          values={choice.option ? [choice.option] : []}
          onChange={(event) => {
            const option = from(event, "s-choice-list").values?.[0] ?? "";
            const entitlement = available.find((e) => optionKey(e) === option);
            const lines = Object.fromEntries(Object.entries(choice.lines).filter(([lineId]) => entitlementOf(view, lineId, option)?.eligible));
            const resolution = entitlement?.resolutions.find((r) => PREFERRED.includes(r)) ?? null;
            onChange({ ...choice, option, lines, reason: REASONS_FOR[entitlement?.kind ?? "return"][0], resolution });
          }}
        >
          {available.map((e) => (
            <s-choice key={optionKey(e)} value={optionKey(e)}>
              {optionLabel(view, e)}
            </s-choice>
          ))}
        </s-choice-list>
        {view.lines.map((line) => {
          const entitlement = choice.option ? entitlementOf(view, line.lineId, choice.option) : undefined;
          const chosen = line.lineId in choice.lines;
          return (
            <s-stack key={line.lineId} gap="small-200">
              <s-checkbox
                label={line.variantTitle ? `${line.title} (${line.variantTitle})` : line.title}
                checked={chosen}
                disabled={!entitlement?.eligible || line.available < 1}
                onChange={(event) => {
                  const lines = { ...choice.lines };
                  if (from(event, "s-checkbox").checked === true) lines[line.lineId] = 1;
                  else delete lines[line.lineId];
                  onChange({ ...choice, lines });
                }}
              />
              {entitlement?.until && <s-text color="subdued">{t("choose.until", { date: formatDay(shopify.localization, entitlement.until) })}</s-text>}
              {entitlement?.reasons.map((reason) => (
                <s-text key={reason} color="subdued">
                  {reason}
                </s-text>
              ))}
              {chosen && line.available > 1 && (
                <s-number-field
                  label={t("choose.quantity")}
                  min={1}
                  max={line.available}
                  value={String(choice.lines[line.lineId])}
                  onChange={(event) => {
                    const quantity = Math.min(line.available, Math.max(1, Math.trunc(Number(from(event, "s-number-field").value)) || 1));
                    onChange({ ...choice, lines: { ...choice.lines, [line.lineId]: quantity } });
                  }}
                />
              )}
            </s-stack>
          );
        })}
        <s-button variant="primary" disabled={!ready} onClick={props.onNext}>
          {t("next")}
        </s-button>
      </s-stack>
    </s-section>
  );
}

function Ask(props: { view: OrderView; choice: Choice; busy: boolean; onChange(choice: Choice): void; onBack(): void; onNext(): void }) {
  const { view, choice, onChange } = props;
  const [uploading, setUploading] = useState(false);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const option = options(view).find((e) => optionKey(e) === choice.option);
  const kind = option?.kind ?? "return";
  const resolutions = (option?.resolutions ?? []).filter((r) => PREFERRED.includes(r));
  return (
    <s-section heading={t("ask.heading")}>
      <s-stack gap="base">
        {kind !== "service" && (
          <s-select label={t("ask.reason")} value={choice.reason} onChange={(event) => onChange({ ...choice, reason: from(event, "s-select").value ?? "" })}>
            {REASONS_FOR[kind].map((reason) => (
              <s-option key={reason} value={reason}>
                {t(`reason.${reason}`)}
              </s-option>
            ))}
          </s-select>
        )}
        {kind === "warranty" && (
          <s-select label={t("ask.cause")} value={choice.cause} onChange={(event) => onChange({ ...choice, cause: from(event, "s-select").value ?? "" })}>
            <s-option value="">{t("ask.pick")}</s-option>
            {view.causes.map((cause) => (
              <s-option key={cause} value={cause}>
                {t(`cause.${cause}`)}
              </s-option>
            ))}
          </s-select>
        )}
        {kind === "return" && <s-checkbox label={t("ask.worn")} checked={choice.worn} onChange={(event) => onChange({ ...choice, worn: from(event, "s-checkbox").checked === true })} />}
        {kind === "return" && resolutions.length > 0 && (
          <s-choice-list label={t("ask.resolution")} name="resolution" values={choice.resolution ? [choice.resolution] : []} onChange={(event) => onChange({ ...choice, resolution: from(event, "s-choice-list").values?.[0] ?? null })}>
            {resolutions.map((resolution) => (
              <s-choice key={resolution} value={resolution}>
                {t(`resolution.${resolution}`)}
              </s-choice>
            ))}
          </s-choice-list>
        )}
        {kind === "return" &&
          choice.resolution === "exchange" &&
          view.lines
            .filter((line) => line.lineId in choice.lines)
            .map((line) => (
              <s-select
                key={line.lineId}
                label={t("ask.exchangeFor", { title: line.title })}
                value={choice.exchange[line.lineId] ?? ""}
                onChange={(event) => onChange({ ...choice, exchange: { ...choice.exchange, [line.lineId]: from(event, "s-select").value ?? "" } })}
              >
                <s-option value="">{t("ask.pick")}</s-option>
                {line.exchangeOptions.map((option) => (
                  <s-option key={option.variantId} value={option.variantId}>
                    {option.title}
                  </s-option>
                ))}
              </s-select>
            ))}
        <s-text-area label={t("ask.note")} value={choice.note} onInput={(event) => onChange({ ...choice, note: from(event, "s-text-area").value ?? "" })} />
        <s-drop-zone
          label={t("ask.photos")}
          accept="image/jpeg,image/png,image/webp,image/heic"
          multiple
          error={photoError ?? undefined}
          onChange={async (event) => {
            const files = [...((from(event, "s-drop-zone") as { files?: readonly File[] }).files ?? [])].slice(0, 6);
            if (files.length === 0) return;
            setUploading(true);
            setPhotoError(null);
            try {
              // One photo per call, each bound to this order: the app caps a call at one photo's size.
              const keys: string[] = [];
              for (const file of files) {
                const answer = await callApp<{ keys: string[] }>(shopify, "/api/customer/photos", { orderId: view.orderId, photos: [await readPhoto(file)] });
                keys.push(...answer.keys);
              }
              onChange({ ...choice, photos: keys });
            } catch (e) {
              setPhotoError(e instanceof Error ? e.message : t("error"));
            } finally {
              setUploading(false);
            }
          }}
        />
        {choice.photos.length > 0 && <s-text>{t("ask.photoCount", { count: choice.photos.length })}</s-text>}
        <s-stack direction="inline" gap="base">
          <s-button onClick={props.onBack}>{t("back")}</s-button>
          <s-button variant="primary" loading={props.busy || uploading} disabled={kind === "warranty" && !choice.cause} onClick={props.onNext}>
            {t("ask.see")}
          </s-button>
        </s-stack>
      </s-stack>
    </s-section>
  );
}

function readPhoto(file: File): Promise<{ name: string; data: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ name: file.name, data: String(reader.result).split(",")[1] ?? "" });
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * The piece's journey as the engine decided it (issue 24): whether the shopper's postage is repaid
 * (up to the policy's maximum, with proof where it asks, never from abroad where it says so) and
 * who pays the way home, each beside the policy's own words.
 */
function JourneyAnswer(props: { journey: Preview["journey"] }) {
  const journey = props.journey;
  if (!journey || (!journey.postage && journey.outboundShipping === "none")) return null;
  const p = journey.postage;
  return (
    <s-section heading={t("answer.journey.heading")}>
      <s-stack gap="small-200">
        {p && (
          <s-paragraph>
            {p.repaid ? (p.maximum ? t("answer.journey.repaidUpTo", { amount: formatMoney(shopify.i18n, p.maximum, shopify.localization) }) : t("answer.journey.repaid")) : t("answer.journey.notRepaid")}
            {p.repaid && p.proofRequired ? ` ${t("answer.journey.proof")}` : ""}
            {p.domesticOnly ? ` ${t("answer.journey.notAbroad")}` : ""}
          </s-paragraph>
        )}
        {p && <s-paragraph>{isolate(shopify.localization, p.text)}</s-paragraph>}
        {journey.outboundShipping !== "none" && <s-paragraph>{t(`answer.journey.outbound.${journey.outboundShipping}`)}</s-paragraph>}
        {journey.outboundShipping !== "none" && journey.outboundText && <s-paragraph>{isolate(shopify.localization, journey.outboundText)}</s-paragraph>}
      </s-stack>
    </s-section>
  );
}

function Answer(props: { preview: Preview; choice: Choice; busy: boolean; onAccept(accepted: boolean): void; onBack(): void; onSubmit(): void }) {
  const { preview } = props;
  const refused = preview.lines.some((line) => !line.eligible);
  const decision = !refused ? (preview.canSubmit ? "accepted" : "missing") : "refused";
  const tone = decision === "accepted" ? "success" : decision === "missing" ? "warning" : "critical";
  const refund = preview.refund;
  return (
    <s-section heading={t("answer.heading")}>
      <s-stack gap="base">
        <s-banner tone={tone} heading={t(`decision.${decision}`)}>
          <s-stack gap="small-200">
            {refund && <s-paragraph>{t(`answer.amount.${refund.method}`, { amount: formatMoney(shopify.i18n, refund.total, shopify.localization) })}</s-paragraph>}
            {preview.kind === "service" && preview.lines.every((line) => line.charge === "free") && <s-paragraph>{t("answer.free")}</s-paragraph>}
            {preview.serviceTerms && preview.serviceTerms.price.kind !== "free" && <s-paragraph>{t("answer.price", { price: priceOf(preview.serviceTerms) })}</s-paragraph>}
            {preview.serviceTerms?.turnaround && <s-paragraph>{t("answer.turnaround", { text: isolate(shopify.localization, preview.serviceTerms.turnaround) })}</s-paragraph>}
            {preview.lines.flatMap((line) => [...line.refusals, ...line.applied]).map((text) => (
              <s-paragraph key={text}>{text}</s-paragraph>
            ))}
            {refund?.explanation.map((text) => (
              <s-paragraph key={text}>{text}</s-paragraph>
            ))}
            {preview.notes.map((text) => (
              <s-paragraph key={text}>{text}</s-paragraph>
            ))}
          </s-stack>
        </s-banner>
        {preview.lines.some((line) => line.eligible) && <JourneyAnswer journey={preview.journey ?? null} />}
        {preview.requirements.map((requirement) =>
          requirement.requirement === "liability_acknowledgement" ? (
            <s-checkbox key={requirement.requirement} label={requirement.text} checked={props.choice.liabilityAccepted} onChange={(event) => props.onAccept(from(event, "s-checkbox").checked === true)} />
          ) : (
            !requirement.met && (
              <s-banner key={requirement.requirement} tone="warning" heading={t("answer.photosNeeded")}>
                {requirement.text}
              </s-banner>
            )
          ),
        )}
        <s-stack direction="inline" gap="base">
          <s-button onClick={props.onBack}>{t("back")}</s-button>
          {preview.canSubmit && (
            <s-button variant="primary" loading={props.busy} onClick={props.onSubmit}>
              {t("answer.submit")}
            </s-button>
          )}
        </s-stack>
      </s-stack>
    </s-section>
  );
}
