// Types the global `shopify` of each module with the API Shopify gives its target.
import "@shopify/ui-extensions";

//@ts-ignore -- the module is declared for the type checker only
declare module "./src/OrderPage.tsx" {
  const shopify: import("@shopify/ui-extensions/customer-account.order.page.render").Api;
  const globalThis: { shopify: typeof shopify };
}
