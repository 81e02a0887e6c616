import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useState } from "preact/hooks";

import { callApp, errorText, localDay, translator, type CounterReturn, type CounterTicket } from "./counter";
import { ReturnCard } from "./ReturnCard";

export default async () => {
  render(<HomeModal />, document.body);
};

const t = translator(shopify.i18n);
const from = <K extends keyof HTMLElementTagNameMap>(event: Event, _tag: K) => event.currentTarget as HTMLElementTagNameMap[K];

/**
 * The repair counter: the job number from the envelope finds the ticket (its state, the piece,
 * the customer, where it is kept); a piece that is ready (or whose quote was declined or expired)
 * is handed back, a move made from the state shown. Below, a return by its request number:
 * the request with the policy's decision, received and settled at the counter (ReturnCard).
 */
function HomeModal() {
  const [job, setJob] = useState("");
  const [ticket, setTicket] = useState<CounterTicket | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [handed, setHanded] = useState(false);
  const [reference, setReference] = useState("");
  const [found, setFound] = useState<CounterReturn | null>(null);
  const [returnError, setReturnError] = useState<string | null>(null);
  const locale = shopify.locale.current.value;

  const findReturn = async () => {
    setBusy(true);
    setReturnError(null);
    setFound(null);
    try {
      setFound(await callApp<CounterReturn>(`/api/pos/returns/${encodeURIComponent(reference.trim())}`));
    } catch (e) {
      setReturnError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const find = async () => {
    setBusy(true);
    setError(null);
    setHanded(false);
    setTicket(null);
    try {
      setTicket(await callApp<CounterTicket>(`/api/pos/jobs/${encodeURIComponent(job.trim())}`));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const handBack = async () => {
    if (!ticket) return;
    setBusy(true);
    setError(null);
    try {
      setTicket(await callApp<CounterTicket>(`/api/pos/tickets/${ticket.id}/collect`, { from: ticket.state }));
      setHanded(true);
      shopify.toast.show(t("handedToast", { job: ticket.job }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <s-page heading={t("counterHeading")}>
      <s-scroll-box>
        <s-box padding="base">
          <s-stack gap="base">
            <s-text-field label={t("jobNumber")} placeholder="J-1042" value={job} onInput={(event) => setJob(from(event, "s-text-field").value ?? "")} />
            <s-button variant="primary" disabled={!job.trim() || busy} loading={busy && !ticket} onClick={find}>
              {t("find")}
            </s-button>
            {error ? <s-banner heading={t("error", { message: error })} tone="critical" /> : null}
            {ticket ? (
              <s-section heading={`${ticket.job} · ${ticket.stateLabel}`}>
                <s-stack gap="small">
                  <s-text>{t("ticket.item", { item: ticket.itemTitle, work: ticket.work })}</s-text>
                  <s-text>{t("ticket.customer", { customer: ticket.customerName ?? t("ticket.noName"), order: ticket.orderName })}</s-text>
                  {ticket.intakeDescription ? <s-text>{t("ticket.described", { text: ticket.intakeDescription })}</s-text> : null}
                  {ticket.location ? <s-text>{t("ticket.location", { location: ticket.location })}</s-text> : null}
                  {ticket.dueOn ? <s-text>{t("ticket.due", { date: localDay(locale, ticket.dueOn) })}</s-text> : null}
                  {handed ? <s-banner heading={t("handed", { job: ticket.job })} tone="success" /> : null}
                  {!handed && !ticket.collectable ? <s-banner heading={t("notReady", { state: ticket.stateLabel })} tone="warning" /> : null}
                  {ticket.collectable ? (
                    <s-button variant="primary" disabled={busy} loading={busy} onClick={handBack}>
                      {t("handBack")}
                    </s-button>
                  ) : null}
                </s-stack>
              </s-section>
            ) : null}
            <s-text-field label={t("returns.number")} placeholder="R-12" value={reference} onInput={(event) => setReference(from(event, "s-text-field").value ?? "")} />
            <s-button disabled={!reference.trim() || busy} onClick={findReturn}>
              {t("returns.find")}
            </s-button>
            {returnError ? <s-banner heading={t("error", { message: returnError })} tone="critical" /> : null}
            {found ? <ReturnCard key={found.id} initial={found} t={t} toast={(text) => shopify.toast.show(text)} /> : null}
          </s-stack>
        </s-box>
      </s-scroll-box>
    </s-page>
  );
}
