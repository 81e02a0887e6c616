import "@shopify/ui-extensions/preact";
import { render } from "preact";

import { translator } from "./counter";
import { IntakeForm } from "./IntakeForm";

/** The intake form for the order POS shows. */
export default async () => {
  const t = translator(shopify.i18n);
  render(
    <s-page heading={t("intakeHeading", { order: shopify.order.name })}>
      <s-scroll-box>
        <s-box padding="base">
          <IntakeForm orderId={String(shopify.order.id)} t={t} locale={shopify.locale.current.value} onDone={() => window.close()} />
        </s-box>
      </s-scroll-box>
    </s-page>,
    document.body,
  );
};
