// Types the global `shopify` of each target's module with the API Shopify POS gives that target.
import "@shopify/ui-extensions";
import type { Api as TileApi } from "@shopify/ui-extensions/pos.home.tile.render";
import type { Api as HomeModalApi } from "@shopify/ui-extensions/pos.home.modal.render";
import type { Api as OrderMenuItemApi } from "@shopify/ui-extensions/pos.order-details.action.menu-item.render";
import type { Api as OrderIntakeApi } from "@shopify/ui-extensions/pos.order-details.action.render";
import type { Api as CustomerMenuItemApi } from "@shopify/ui-extensions/pos.customer-details.action.menu-item.render";
import type { Api as CustomerIntakeApi } from "@shopify/ui-extensions/pos.customer-details.action.render";

declare module "./src/Tile.tsx" {
  const shopify: TileApi;
  const globalThis: { shopify: typeof shopify };
}
declare module "./src/HomeModal.tsx" {
  const shopify: HomeModalApi;
  const globalThis: { shopify: typeof shopify };
}
declare module "./src/OrderMenuItem.tsx" {
  const shopify: OrderMenuItemApi;
  const globalThis: { shopify: typeof shopify };
}
declare module "./src/OrderIntake.tsx" {
  const shopify: OrderIntakeApi;
  const globalThis: { shopify: typeof shopify };
}
declare module "./src/CustomerMenuItem.tsx" {
  const shopify: CustomerMenuItemApi;
  const globalThis: { shopify: typeof shopify };
}
declare module "./src/CustomerIntake.tsx" {
  const shopify: CustomerIntakeApi;
  const globalThis: { shopify: typeof shopify };
}
