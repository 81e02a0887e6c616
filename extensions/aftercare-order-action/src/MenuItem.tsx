import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";

import { callApp, orderNumber } from "../../shared/app";

export default async () => {
  render(<MenuItem />, document.body);
};

/**
 * "Return, exchange or repair" on the order index and order status pages, shown only when the
 * app says some line of the order still has something it may be returned, exchanged, repaired
 * or serviced for. The extension never decides that itself.
 */
function MenuItem() {
  const id = orderNumber(shopify.orderId);
  const [eligible, setEligible] = useState(false);
  useEffect(() => {
    callApp<{ eligible: boolean }>(shopify, `/api/customer/orders/${id}/eligibility`)
      .then((view) => setEligible(view.eligible))
      .catch(() => setEligible(false));
  }, [id]);
  if (!eligible) return null;
  return <s-button href={`extension:aftercare-order-page/customer-account.order.page.render/${id}`}>{shopify.i18n.translate("action")}</s-button>;
}
