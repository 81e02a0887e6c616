import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";

import { callAdminApp, entitlementLabel, selectedOrder, type AdminOrderAnswer, type Entitlement, type Submitted } from "../../shared/admin";

export default async () => {
  render(<LogRequest />, document.body);
};

const t = (key: string, options?: Record<string, string | number>) => shopify.i18n.translate(key, options);
const from = <K extends keyof HTMLElementTagNameMap>(event: Event, _tag: K) => event.currentTarget as HTMLElementTagNameMap[K];
/** Reasons staff can record, by what the shopper asks for (the app's vocabulary; the engine decides). */
const REASONS_FOR: Record<Entitlement["kind"], string[]> = {
  return: ["changed_mind", "other"],
  faulty: ["defective", "damaged_in_transit", "wrong_item", "loose_crystal"],
  warranty: ["defective", "loose_crystal"],
  service: ["other"],
};
const keyOf = (e: Pick<Entitlement, "kind" | "service">) => (e.service ? `${e.kind}:${e.service}` : e.kind);

/** An item chosen: its first option left and that option's first reason. */
function firstChoice(answer: AdminOrderAnswer | null, lineId: string): { lineId: string; option: string; reason: string } {
  const first = answer?.view.lines.find((l) => l.lineId === lineId)?.entitlements.find((e) => e.eligible);
  return { lineId, option: first ? keyOf(first) : "", reason: first ? REASONS_FOR[first.kind][0] : "" };
}

function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Staff log a request for a shopper who phoned or walked in: one item, what they ask for (only
 * what the app says the item may still get), the reason and a note. The app's request module
 * decides and stores it as it would the shopper's own; the key makes a double click one request.
 */
function LogRequest() {
  const id = selectedOrder(shopify.data);
  const [answer, setAnswer] = useState<AdminOrderAnswer | null>(null);
  const [lineId, setLineId] = useState("");
  const [option, setOption] = useState("");
  const [reason, setReason] = useState("");
  const [quantity, setQuantity] = useState(1);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Submitted | null>(null);
  const [key] = useState(idempotencyKey);

  const lines = (answer?.view.lines ?? []).filter((line) => line.available > 0 && line.entitlements.some((e) => e.eligible));
  const line = lines.find((l) => l.lineId === lineId);
  const options = line?.entitlements.filter((e) => e.eligible) ?? [];
  const chosen = options.find((e) => keyOf(e) === option);

  const choose = (next: { lineId: string; option: string; reason: string }) => {
    setLineId(next.lineId);
    setOption(next.option);
    setReason(next.reason);
    setQuantity(1);
  };
  useEffect(() => {
    callAdminApp<AdminOrderAnswer>(`/api/admin/orders/${id}`).then(
      (a) => {
        setAnswer(a);
        const firstLine = a.view.lines.find((l) => l.available > 0 && l.entitlements.some((e) => e.eligible));
        if (firstLine) {
          const first = firstChoice(a, firstLine.lineId);
          setLineId(first.lineId);
          setOption(first.option);
          setReason(first.reason);
        }
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [id]);

  const submit = async () => {
    if (!chosen || !line) return;
    setBusy(true);
    setError(null);
    try {
      const kind = chosen.kind === "faulty" ? "return" : chosen.kind;
      setDone(
        await callAdminApp<Submitted>(`/api/admin/orders/${id}/requests`, {
          kind,
          service: chosen.service,
          lines: [{ lineId: line.lineId, quantity, reason, cause: null, exchangeVariantId: null }],
          // Staff heard the shopper accept any liability terms before logging the service.
          liabilityAccepted: chosen.kind === "service",
          note: note.trim() || null,
          idempotencyKey: key,
        }),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <s-admin-action heading={t("heading")}>
        <s-banner tone="success">{t("logged", { number: done.number, status: t(`status.${done.status}`) })}</s-banner>
        <s-button slot="primary-action" variant="primary" onClick={() => shopify.close()}>
          {t("close")}
        </s-button>
      </s-admin-action>
    );
  }
  return (
    <s-admin-action heading={t("heading")} loading={!answer && !error}>
      <s-stack gap="base">
        <s-paragraph>{t("intro")}</s-paragraph>
        {error ? <s-banner tone="critical">{t("error", { message: error })}</s-banner> : null}
        {answer && lines.length === 0 ? <s-banner tone="info">{t("nothing")}</s-banner> : null}
        {lines.length > 0 ? (
          <>
            <s-select label={t("item")} value={lineId} onChange={(event) => choose(firstChoice(answer, from(event, "s-select").value ?? ""))}>
              {lines.map((l) => (
                <s-option key={l.lineId} value={l.lineId}>
                  {l.variantTitle ? `${l.title} (${l.variantTitle})` : l.title}
                </s-option>
              ))}
            </s-select>
            <s-select
              label={t("what")}
              value={option}
              onChange={(event) => {
                const next = from(event, "s-select").value ?? "";
                setOption(next);
                const e = options.find((o) => keyOf(o) === next);
                if (e) setReason(REASONS_FOR[e.kind][0]);
              }}
            >
              {options.map((e) => (
                <s-option key={keyOf(e)} value={keyOf(e)}>
                  {entitlementLabel(shopify.i18n, e)}
                </s-option>
              ))}
            </s-select>
            {chosen ? (
              <s-select label={t("reason")} value={reason} onChange={(event) => setReason(from(event, "s-select").value ?? "")}>
                {REASONS_FOR[chosen.kind].map((r) => (
                  <s-option key={r} value={r}>
                    {t(`reasons.${r}`)}
                  </s-option>
                ))}
              </s-select>
            ) : null}
            {line && line.available > 1 ? (
              <s-number-field label={t("quantity")} value={String(quantity)} min={1} max={line.available} onChange={(event) => setQuantity(Math.max(1, Math.min(line.available, Number(from(event, "s-number-field").value) || 1)))} />
            ) : null}
            <s-text-area label={t("note")} value={note} onInput={(event) => setNote(from(event, "s-text-area").value ?? "")} />
          </>
        ) : null}
      </s-stack>
      <s-button slot="primary-action" variant="primary" disabled={!chosen || busy} loading={busy} onClick={submit}>
        {t("submit")}
      </s-button>
      <s-button slot="secondary-actions" onClick={() => shopify.close()}>
        {t("cancel")}
      </s-button>
    </s-admin-action>
  );
}
