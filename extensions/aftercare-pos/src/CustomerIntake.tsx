import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";

import { callApp, errorText, translator, type CounterOrder } from "./counter";
import { IntakeForm } from "./IntakeForm";
import { OpenReturns } from "./OpenReturns";

export default async () => {
  render(<CustomerIntake />, document.body);
};

const t = translator(shopify.i18n);

/** From the customer POS shows: their open returns (issue 26), then the order a piece for repair came from and the intake form. */
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
    <s-page heading={chosen ? t("intakeHeading", { order: chosen.name }) : t("menuItem")}>
      <s-scroll-box>
        <s-box padding="base">
          {orderId ? (
            <IntakeForm orderId={orderId} t={t} locale={shopify.locale.current.value} onDone={() => window.close()} />
          ) : (
            <s-stack gap="base">
              <OpenReturns path={`/api/pos/customers/${shopify.customer.id}/requests`} heading={t("returns.ofCustomer")} t={t} />
              {error ? <s-banner heading={t("error", { message: error })} tone="critical" /> : null}
              <s-heading>{t("chooseOrder")}</s-heading>
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
