import "@shopify/ui-extensions/preact";
import { render } from "preact";

/** The home screen's tile: the repair counter (find a job by its number, hand the piece back). */
export default async () => {
  render(<s-tile heading={shopify.i18n.translate("tile.heading")} subheading={shopify.i18n.translate("tile.subheading")} onClick={() => shopify.action.presentModal()} />, document.body);
};
