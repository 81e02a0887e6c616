/**
 * The shopper's pages at /apps/aftercare, as HTML that Shopify renders inside the shop's theme
 * (application/liquid), one module per page (issue 23: this file passed 400 lines): the shared
 * kit (escaping, the layout, the merchant's words, amounts), the portal, the order and its form,
 * the answer before submitting, the status page and the repair ticket's section.
 */
export * from "./page-kit.server";
export * from "./portal-page.server";
export * from "./order-page.server";
export * from "./preview-page.server";
export * from "./status-page.server";
export * from "./repair-page.server";
