import "@shopify/ui-extensions/preact";
import { render } from "preact";

/** "Take in for repair" in the customer's action menu on POS: opens the intake form on one of their orders. */
export default async () => {
  render(<s-button onClick={() => shopify.action.presentModal()}>{shopify.i18n.translate("takeIn")}</s-button>, document.body);
};
