import "@shopify/ui-extensions/preact";
import { render } from "preact";

/** "Repair or return" in the order's action menu on POS: the order's open returns and the repair intake form. */
export default async () => {
  render(<s-button onClick={() => shopify.action.presentModal()}>{shopify.i18n.translate("menuItem")}</s-button>, document.body);
};
