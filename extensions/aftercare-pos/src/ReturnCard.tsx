import { useState } from "preact/hooks";

import { callApp, errorText, type CounterPreview, type CounterReturn, type T } from "./counter";

const OPEN = ["requested", "approved", "received", "inspected"];
const from = <K extends keyof HTMLElementTagNameMap>(event: Event, _tag: K) => event.currentTarget as HTMLElementTagNameMap[K];

/**
 * One shopper's request at the counter: each item with the policy's decision on it (and why, in
 * the policy's words), the engine's refund, then the desk's own steps — the items marked received
 * (approved first when still new), the settlement previewed as the desk previews it, then sent.
 * The app decides and moves the money; a second tap is the same keyed operation there.
 */
export function ReturnCard({ initial, t, toast }: { initial: CounterReturn; t: T; toast?: (text: string) => void }) {
  const [request, setRequest] = useState(initial);
  const [method, setMethod] = useState(initial.methods[0] ?? "");
  const [preview, setPreview] = useState<CounterPreview | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const receive = () =>
    run(async () => {
      const next = await callApp<CounterReturn>(`/api/pos/requests/${request.id}/receive`, { from: request.status });
      setRequest(next);
      setMethod(next.methods[0] ?? "");
      toast?.(t("returns.receivedToast", { reference: next.reference }));
    });
  const review = () => run(async () => setPreview(await callApp<CounterPreview>(`/api/pos/requests/${request.id}/preview`, { method })));
  const settle = () =>
    run(async () => {
      const answer = await callApp<{ message: string; request: CounterReturn }>(`/api/pos/requests/${request.id}/settle`, { method });
      setRequest(answer.request);
      setPreview(null);
      setDone(answer.message);
      toast?.(t("returns.settledToast", { reference: answer.request.reference }));
    });

  return (
    <s-section heading={`${request.reference} · ${request.statusLabel}`}>
      <s-stack gap="small">
        <s-text>{t("returns.who", { customer: request.customerName ?? t("ticket.noName"), order: request.orderName })}</s-text>
        {request.lines.map((l) => (
          <s-text key={l.id}>
            {`${l.quantity} × ${l.title}: ${l.eligible === null ? t("returns.undecided") : l.eligible ? t("returns.eligible") : t("returns.notEligible")}${l.why.length ? ` — ${l.why.join(" ")}` : ""}`}
          </s-text>
        ))}
        <s-text>{request.refund ? t("returns.refund", { amount: request.refund }) : t("returns.noRefund")}</s-text>
        {error ? <s-banner heading={t("error", { message: error })} tone="critical" /> : null}
        {done ? <s-banner heading={done} tone="success" /> : null}
        {request.receivable ? (
          <s-button variant="primary" disabled={busy} loading={busy} onClick={receive}>
            {request.status === "requested" ? t("returns.approveReceive") : t("returns.receive")}
          </s-button>
        ) : null}
        {OPEN.includes(request.status) && !request.receivable && !request.settleable ? <s-banner heading={t("returns.atDesk", { status: request.statusLabel })} tone="info" /> : null}
        {request.settleable ? (
          <>
            <s-choice-list
              label={t("returns.how")}
              values={[method]}
              onChange={(event) => {
                setMethod(from(event, "s-choice-list").values?.[0] ?? "");
                setPreview(null);
              }}
            >
              {request.methods.map((m) => (
                <s-choice key={m} value={m}>
                  {t(`returns.methods.${m}`)}
                </s-choice>
              ))}
            </s-choice-list>
            {preview ? (
              <>
                <s-banner heading={t("returns.previewHeading", { amount: preview.formatted, how: preview.how })} tone={preview.warning ? "warning" : "info"}>
                  <s-text>{t("returns.previewTo", { to: preview.to })}</s-text>
                  {preview.warning ? <s-text>{preview.warning}</s-text> : null}
                </s-banner>
                <s-button variant="primary" disabled={busy} loading={busy} onClick={settle}>
                  {t("returns.send", { amount: preview.formatted })}
                </s-button>
              </>
            ) : (
              <s-button disabled={busy || !method} loading={busy} onClick={review}>
                {t("returns.review")}
              </s-button>
            )}
          </>
        ) : null}
      </s-stack>
    </s-section>
  );
}
