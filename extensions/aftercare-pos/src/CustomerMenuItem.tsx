import "@shopify/ui-extensions/preact";
import { render } from "preact";

/** "Repair or return" in the customer's action menu on POS: their open returns, and the intake form on one of their orders. */
export default async () => {
  render(<s-button onClick={() => shopify.action.presentModal()}>{shopify.i18n.translate("menuItem")}</s-button>, document.body);
};
