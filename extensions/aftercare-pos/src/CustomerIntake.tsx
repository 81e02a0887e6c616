import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";

import { callApp, errorText, translator, type CounterOrder } from "./counter";
import { IntakeForm } from "./IntakeForm";

export default async () => {
  render(<CustomerIntake />, document.body);
};

const t = translator(shopify.i18n);

/** From the customer POS shows: choose the order the piece came from, then the intake form. */
function CustomerIntake() {
  const [orders, setOrders] = useState<CounterOrder[] | null>(null);
  const [orderId, setOrderId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    callApp<{ orders: CounterOrder[] }>(`/api/pos/customers/${shopify.customer.id}/orders`).then(
      (a) => setOrders(a.orders),
      (e: unknown) => setError(errorText(e)),
    );
  }, []);
  const chosen = orders?.find((o) => o.id.endsWith(`/${orderId}`));
  return (
    <s-page heading={chosen ? t("intakeHeading", { order: chosen.name }) : t("chooseOrder")}>
      <s-scroll-box>
        <s-box padding="base">
          {orderId ? (
            <IntakeForm orderId={orderId} t={t} locale={shopify.locale.current.value} onDone={() => window.close()} />
          ) : (
            <s-stack gap="base">
              {error ? <s-banner heading={t("error", { message: error })} tone="critical" /> : null}
              {!orders && !error ? <s-spinner accessibilityLabel={t("loading")} /> : null}
              {orders && orders.length === 0 ? <s-banner heading={t("noOrders")} tone="info" /> : null}
              {(orders ?? []).map((o) => (
                <s-button key={o.id} onClick={() => setOrderId(o.id.slice(o.id.lastIndexOf("/") + 1))}>
                  {t("orderChoice", { name: o.name, items: o.titles.join(", ") })}
                </s-button>
              ))}
            </s-stack>
          )}
        </s-box>
      </s-scroll-box>
    </s-page>
  );
}
