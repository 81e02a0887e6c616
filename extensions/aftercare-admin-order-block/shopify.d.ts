// Types the global `shopify` of the target's module with the API Shopify gives that target.
import "@shopify/ui-extensions";
import type { Api } from "@shopify/ui-extensions/admin.order-details.block.render";

declare module "./src/OrderBlock.tsx" {
  const shopify: Api;
  const globalThis: { shopify: typeof shopify };
}
