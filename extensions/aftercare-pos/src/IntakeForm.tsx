import { useEffect, useState } from "preact/hooks";

import { callApp, errorText, idempotencyKey, localDay, type AdminOrderAnswer, type Entitlement, type T, type TakenIn } from "./counter";

const from = <K extends keyof HTMLElementTagNameMap>(event: Event, _tag: K) => event.currentTarget as HTMLElementTagNameMap[K];

/** What the policy allows for a service on this piece, in a few words ("free, 1 left"). */
function allows(t: T, e: Entitlement): string {
  const parts = [e.charge ? t(`charge.${e.charge}`) : null, typeof e.allowanceLeft === "number" ? t("left", { count: e.allowanceLeft }) : null, e.until ? t("until", { date: e.until }) : null].filter(Boolean);
  return parts.join(", ");
}

/**
 * The counter's intake form for one order: the piece (an item of the order the policy allows a
 * service for), the service, the description in the customer's words, condition, declared value,
 * instructions and the customer's acceptance of the repair terms. The app makes the request, the
 * ticket and the intake record; the answer is the job number to write on the envelope.
 */
export function IntakeForm({ orderId, t, locale, onDone }: { orderId: string; t: T; locale: string; onDone: () => void }) {
  const [answer, setAnswer] = useState<AdminOrderAnswer | null>(null);
  const [lineId, setLineId] = useState("");
  const [service, setService] = useState("");
  const [description, setDescription] = useState("");
  const [condition, setCondition] = useState("");
  const [declaredValue, setDeclaredValue] = useState("");
  const [instructions, setInstructions] = useState("");
  const [terms, setTerms] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<TakenIn | null>(null);
  const [key] = useState(idempotencyKey);

  useEffect(() => {
    setAnswer(null);
    callApp<AdminOrderAnswer>(`/api/admin/orders/${orderId}`).then(
      (a) => {
        setAnswer(a);
        const first = a.view.lines.find((l) => l.available > 0 && l.entitlements.some((e) => e.kind === "service" && e.eligible));
        setLineId(first?.lineId ?? "");
        setService(first?.entitlements.find((e) => e.kind === "service" && e.eligible)?.service ?? "");
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [orderId]);

  const lines = (answer?.view.lines ?? []).filter((l) => l.available > 0 && l.entitlements.some((e) => e.kind === "service" && e.eligible));
  const terms_ = answer?.view.services.find((s) => s.service === service) ?? null;
  const nameOf = (id: string | null) => answer?.view.services.find((s) => s.service === id)?.name ?? t(`services.${id}`);
  const services = lines.find((l) => l.lineId === lineId)?.entitlements.filter((e) => e.kind === "service" && e.eligible) ?? [];

  const submit = async () => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      setDone(await callApp<TakenIn>(`/api/pos/orders/${orderId}/intake`, { lineId, service, description, condition, declaredValue, instructions, termsAccepted: terms, idempotencyKey: key }));
    } catch (e) {
      setError(errorText(e));
      const detail = (e as { fields?: Record<string, string> }).fields;
      if (detail) setFields(detail);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <s-stack gap="base">
        <s-banner heading={t("taken.heading", { job: done.job })} tone="success">
          <s-text>{t("taken.body", { job: done.job, number: done.requestNumber })}</s-text>
        </s-banner>
        <s-text>{done.dueOn ? t("taken.due", { date: localDay(locale, done.dueOn) }) : t("taken.noDue")}</s-text>
        <s-button variant="primary" onClick={onDone}>
          {t("done")}
        </s-button>
      </s-stack>
    );
  }
  if (!answer && !error) return <s-spinner accessibilityLabel={t("loading")} />;
  return (
    <s-stack gap="base">
      {error ? <s-banner heading={t("error", { message: error })} tone="critical" /> : null}
      {answer && lines.length === 0 ? <s-banner heading={t("nothing")} tone="info" /> : null}
      {lines.length > 0 ? (
        <>
          <s-section heading={t("item")}>
            <s-choice-list
              values={[lineId]}
              onChange={(event) => {
                const next = from(event, "s-choice-list").values?.[0] ?? "";
                setLineId(next);
                setService(lines.find((l) => l.lineId === next)?.entitlements.find((e) => e.kind === "service" && e.eligible)?.service ?? "");
              }}
            >
              {lines.map((l) => (
                <s-choice key={l.lineId} value={l.lineId}>
                  {l.variantTitle ? `${l.title} (${l.variantTitle})` : l.title}
                </s-choice>
              ))}
            </s-choice-list>
          </s-section>
          <s-section heading={t("service")}>
            <s-choice-list values={[service]} onChange={(event) => setService(from(event, "s-choice-list").values?.[0] ?? "")}>
              {services.map((e) => (
                <s-choice key={e.service ?? ""} value={e.service ?? ""}>
                  {`${nameOf(e.service)}${allows(t, e) ? ` — ${allows(t, e)}` : ""}`}
                </s-choice>
              ))}
            </s-choice-list>
          </s-section>
          <s-text-area label={t("description")} details={t("descriptionHint")} value={description} error={fields.description} onInput={(event) => setDescription(from(event, "s-text-area").value ?? "")} />
          <s-text-area label={t("condition")} value={condition} error={fields.condition} onInput={(event) => setCondition(from(event, "s-text-area").value ?? "")} />
          <s-text-field label={t("declaredValue", { currency: answer?.view.currency ?? "" })} value={declaredValue} error={fields.declaredValue} onInput={(event) => setDeclaredValue(from(event, "s-text-field").value ?? "")} />
          <s-text-area label={t("instructions")} value={instructions} onInput={(event) => setInstructions(from(event, "s-text-area").value ?? "")} />
          {terms_ ? <s-text>{[terms_.text, terms_.turnaround ? t("turnaround", { text: terms_.turnaround }) : null].filter(Boolean).join(" ")}</s-text> : null}
          <s-switch label={t("terms")} checked={terms} error={fields.termsAccepted} onChange={(event) => setTerms(Boolean(from(event, "s-switch").checked))} />
          <s-button variant="primary" disabled={!lineId || !service || !terms || busy} loading={busy} onClick={submit}>
            {t("submit")}
          </s-button>
        </>
      ) : null}
    </s-stack>
  );
}
