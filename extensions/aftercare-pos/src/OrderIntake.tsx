import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";

import { callApp, errorText, translator, type CounterReturn, type T } from "./counter";
import { IntakeForm } from "./IntakeForm";
import { ReturnCard } from "./ReturnCard";

/** The order POS shows: its open returns to receive and settle (issue 26), then the repair intake form. */
export default async () => {
  const t = translator(shopify.i18n);
  render(
    <s-page heading={t("orderHeading", { order: shopify.order.name })}>
      <s-scroll-box>
        <s-box padding="base">
          <s-stack gap="base">
            <OrderReturns orderId={String(shopify.order.id)} t={t} />
            <s-section heading={t("takeIn")}>
              <IntakeForm orderId={String(shopify.order.id)} t={t} locale={shopify.locale.current.value} onDone={() => window.close()} />
            </s-section>
          </s-stack>
        </s-box>
      </s-scroll-box>
    </s-page>,
    document.body,
  );
};

/** The shopper's open returns and warranty claims on this order, each with the desk's steps; nothing when there are none. */
function OrderReturns({ orderId, t }: { orderId: string; t: T }) {
  const [requests, setRequests] = useState<CounterReturn[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    callApp<{ requests: CounterReturn[] }>(`/api/pos/orders/${orderId}/requests`).then(
      (a) => setRequests(a.requests),
      (e: unknown) => setError(errorText(e)),
    );
  }, [orderId]);
  if (error) return <s-banner heading={t("error", { message: error })} tone="critical" />;
  if (!requests || requests.length === 0) return null;
  return (
    <s-stack gap="base">
      <s-heading>{t("returns.onOrder")}</s-heading>
      {requests.map((r) => (
        <ReturnCard key={r.id} initial={r} t={t} />
      ))}
    </s-stack>
  );
}
