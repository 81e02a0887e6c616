import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";

import { AppError, callApp, formatMoney, orderNumber, type Choice, type LineOption, type OrderView, type Preview, type Submitted } from "../../shared/app";

export default async () => {
  render(<OrderPage />, document.body);
};

type Step = "choose" | "ask" | "answer" | "done";
const t = (key: string, options?: Record<string, string | number>) => shopify.i18n.translate(key, options);
/** The element an event came from, typed as the Polaris web component it is. */
const from = <K extends keyof HTMLElementTagNameMap>(event: Event, _tag: K) => event.currentTarget as HTMLElementTagNameMap[K];
const EMPTY: Choice = { option: "", lines: [], resolution: null, reason: null, note: "", photos: [] };

function OrderPage() {
  const id = orderNumber(shopify.order.value?.id ?? (navigation.currentEntry.url ?? "").split("/").pop() ?? "");
  const [view, setView] = useState<OrderView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>("choose");
  const [choice, setChoice] = useState<Choice>(EMPTY);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<Submitted["request"] | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    callApp<OrderView>(shopify, `/api/customer/orders/${id}`).then(setView, (e: unknown) => setError(messageOf(e)));
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

  const heading = view ? t("heading", { order: view.order.name }) : t("loading");
  return (
    <s-page heading={heading}>
      {error && <s-banner tone="critical" heading={t("error")}>{error}</s-banner>}
      {!view && !error && <s-spinner accessibilityLabel={t("loading")} />}
      {view && step === "choose" && <ChooseItems view={view} choice={choice} onChange={setChoice} onNext={() => setStep("ask")} />}
      {view && step === "ask" && (
        <Ask
          view={view}
          choice={choice}
          busy={busy}
          onChange={setChoice}
          onBack={() => setStep("choose")}
          onNext={() =>
            run(async () => {
              setPreview(await callApp<Preview>(shopify, `/api/customer/orders/${id}/preview`, { ...choice, photos: [] }));
              setStep("answer");
            })
          }
        />
      )}
      {view && step === "answer" && preview && (
        <Answer
          preview={preview}
          busy={busy}
          onBack={() => setStep("ask")}
          onSubmit={() =>
            run(async () => {
              setDone((await callApp<Submitted>(shopify, `/api/customer/orders/${id}/requests`, choice)).request);
              setStep("done");
            })
          }
        />
      )}
      {step === "done" && done && (
        <s-section heading={t("done.heading")}>
          <s-stack gap="base">
            <s-paragraph>{t("done.body", { reference: done.reference })}</s-paragraph>
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

/** Every option some line may still have, once per option key, in the order the app gave them. */
function optionsOf(view: OrderView): LineOption[] {
  const seen = new Map<string, LineOption>();
  for (const line of view.lines) for (const option of line.options) if (option.eligible && !seen.has(option.key)) seen.set(option.key, option);
  return [...seen.values()];
}

function ChooseItems(props: { view: OrderView; choice: Choice; onChange(choice: Choice): void; onNext(): void }) {
  const { view, choice, onChange } = props;
  const options = optionsOf(view);
  const chosen = (lineId: string) => choice.lines.some((line) => line.id === lineId);
  const toggle = (lineId: string, on: boolean) =>
    onChange({ ...choice, lines: on ? [...choice.lines, { id: lineId, quantity: 1 }] : choice.lines.filter((line) => line.id !== lineId) });
  const lineCan = (lineId: string) => view.lines.find((line) => line.id === lineId)?.options.some((o) => o.key === choice.option && o.eligible) ?? false;
  const ready = choice.option !== "" && choice.lines.length > 0 && choice.lines.every((line) => lineCan(line.id));
  if (options.length === 0) return <s-banner tone="info" heading={t("nothing.heading")}>{t("nothing.body")}</s-banner>;
  return (
    <s-section heading={t("choose.heading")}>
      <s-stack gap="base">
        <s-choice-list
          label={t("choose.what")}
          name="option"
          values={choice.option ? [choice.option] : []}
          onChange={(event) => {
            const key = from(event, "s-choice-list").values?.[0] ?? "";
            const option = options.find((o) => o.key === key);
            onChange({ ...choice, option: key, resolution: option?.resolutions[0] ?? null, lines: choice.lines.filter((line) => view.lines.find((l) => l.id === line.id)?.options.some((o) => o.key === key && o.eligible)) });
          }}
        >
          {options.map((option) => (
            <s-choice key={option.key} value={option.key}>
              {option.label}
            </s-choice>
          ))}
        </s-choice-list>
        {view.lines.map((line) => {
          const option = line.options.find((o) => o.key === choice.option);
          const can = option?.eligible ?? false;
          return (
            <s-stack key={line.id} gap="small-200">
              <s-checkbox
                label={line.variantTitle ? `${line.title} (${line.variantTitle})` : line.title}
                checked={chosen(line.id)}
                disabled={!choice.option || !can}
                onChange={(event) => toggle(line.id, from(event, "s-checkbox").checked === true)}
              />
              {choice.option && option && <s-text color="subdued">{option.why}</s-text>}
              {chosen(line.id) && line.quantity > 1 && (
                <s-number-field
                  label={t("choose.quantity")}
                  min={1}
                  max={line.quantity}
                  value={String(choice.lines.find((l) => l.id === line.id)?.quantity ?? 1)}
                  onChange={(event) => {
                    const quantity = Math.min(line.quantity, Math.max(1, Number(from(event, "s-number-field").value) || 1));
                    onChange({ ...choice, lines: choice.lines.map((l) => (l.id === line.id ? { ...l, quantity } : l)) });
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
  const option = optionsOf(view).find((o) => o.key === choice.option);
  return (
    <s-section heading={t("ask.heading")}>
      <s-stack gap="base">
        <s-select label={t("ask.reason")} value={choice.reason ?? ""} onChange={(event) => onChange({ ...choice, reason: from(event, "s-select").value || null })}>
          <s-option value="">{t("ask.pick")}</s-option>
          {view.reasons.map((reason) => (
            <s-option key={reason.value} value={reason.value}>
              {reason.label}
            </s-option>
          ))}
        </s-select>
        {option && option.resolutions.length > 0 && (
          <s-choice-list label={t("ask.resolution")} name="resolution" values={choice.resolution ? [choice.resolution] : []} onChange={(event) => onChange({ ...choice, resolution: from(event, "s-choice-list").values?.[0] ?? null })}>
            {option.resolutions.map((resolution) => (
              <s-choice key={resolution} value={resolution}>
                {t(`resolution.${resolution}`)}
              </s-choice>
            ))}
          </s-choice-list>
        )}
        <s-text-area label={t("ask.note")} value={choice.note} onInput={(event) => onChange({ ...choice, note: from(event, "s-text-area").value ?? "" })} />
        <s-drop-zone
          label={t("ask.photos")}
          accept="image/jpeg,image/png,image/webp"
          multiple
          onChange={async (event) => {
            const files = [...((from(event, "s-drop-zone") as { files?: readonly File[] }).files ?? [])].slice(0, 5);
            onChange({ ...choice, photos: await Promise.all(files.map(readPhoto)) });
          }}
        />
        {choice.photos.length > 0 && <s-text>{t("ask.photoCount", { count: choice.photos.length })}</s-text>}
        <s-stack direction="inline" gap="base">
          <s-button onClick={props.onBack}>{t("back")}</s-button>
          <s-button variant="primary" loading={props.busy} disabled={!choice.reason} onClick={props.onNext}>
            {t("ask.see")}
          </s-button>
        </s-stack>
      </s-stack>
    </s-section>
  );
}

function readPhoto(file: File): Promise<Choice["photos"][number]> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ name: file.name, type: file.type, data: String(reader.result).split(",")[1] ?? "" });
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function Answer(props: { preview: Preview; busy: boolean; onBack(): void; onSubmit(): void }) {
  const { preview } = props;
  const tone = preview.decision === "accepted" ? "success" : preview.decision === "review" ? "info" : "critical";
  return (
    <s-section heading={t("answer.heading")}>
      <s-stack gap="base">
        <s-banner tone={tone} heading={t(`decision.${preview.decision}`)}>
          {preview.amount && <s-paragraph>{t(`answer.amount.${preview.resolution ?? "none"}`, { amount: formatMoney(shopify.i18n, preview.amount) })}</s-paragraph>}
          {preview.why.map((why) => (
            <s-paragraph key={why}>{why}</s-paragraph>
          ))}
        </s-banner>
        <s-stack direction="inline" gap="base">
          <s-button onClick={props.onBack}>{t("back")}</s-button>
          {preview.decision !== "refused" && (
            <s-button variant="primary" loading={props.busy} onClick={props.onSubmit}>
              {t("answer.submit")}
            </s-button>
          )}
        </s-stack>
      </s-stack>
    </s-section>
  );
}
