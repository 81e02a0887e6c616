// Types the global `shopify` of the target's module with the API Shopify gives that target.
import "@shopify/ui-extensions";
import type { Api } from "@shopify/ui-extensions/customer-account.order.action.menu-item.render";

declare module "./src/MenuItem.tsx" {
  const shopify: Api;
  const globalThis: { shopify: typeof shopify };
}
