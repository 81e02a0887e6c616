import "@shopify/ui-extensions/preact";
import { render } from "preact";

import { translator } from "./counter";
import { IntakeForm } from "./IntakeForm";
import { OpenReturns } from "./OpenReturns";

/** The order POS shows: its open returns to receive and settle (issue 26), then the repair intake form. */
export default async () => {
  const t = translator(shopify.i18n);
  render(
    <s-page heading={t("orderHeading", { order: shopify.order.name })}>
      <s-scroll-box>
        <s-box padding="base">
          <s-stack gap="base">
            <OpenReturns path={`/api/pos/orders/${String(shopify.order.id)}/requests`} heading={t("returns.onOrder")} t={t} />
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
