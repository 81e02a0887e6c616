import { z } from "zod";

/**
 * The query of a storefront request that Shopify forwards through the app proxy. Shopify adds
 * `shop`, `path_prefix`, `timestamp`, `signature` and `logged_in_customer_id` (empty when the
 * shopper is not logged in) and signs them; the theme block adds `order_id`. Checked after
 * `authenticate.public.appProxy` has verified the signature, so values are Shopify's or the
 * shopper's own, never another party's.
 * https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies
 */
const numericId = z.string().regex(/^\d{1,20}$/, "must be the number Shopify shows for it");

export const proxyQuerySchema = z.object({
  logged_in_customer_id: z
    .union([z.literal(""), numericId])
    .optional()
    .transform((value) => value || null),
  order_id: numericId.optional(),
});

export type ProxyQuery = z.infer<typeof proxyQuerySchema>;

/** The query of a proxied URL as a plain object (the last value wins, as Shopify's signing does). */
export function parseProxyQuery(url: URL) {
  return proxyQuerySchema.safeParse(Object.fromEntries(url.searchParams));
}
