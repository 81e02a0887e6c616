import { send, type Admin } from "./client.server";

/**
 * What an email to a shopper needs of the shop, as Shopify has it now: its name (the sender's
 * display name and the emails' signature), its customer-facing contact email (where replies go),
 * its time zone (dates) and country (number and date formats for a language without a region).
 */
export const SHOP_FOR_EMAIL = `#graphql
  query ShopForEmail {
    shop { name contactEmail ianaTimezone currencyCode shopAddress { countryCodeV2 } }
  }
` as const;

export type ShopForEmail = { name: string; contactEmail: string | null; timezone: string; currency: string; country: string | null };

export async function fetchShopForEmail(admin: Admin): Promise<ShopForEmail> {
  const data = await send(admin, SHOP_FOR_EMAIL, {});
  const shop = data.shop;
  return { name: shop.name, contactEmail: shop.contactEmail || null, timezone: shop.ianaTimezone, currency: shop.currencyCode, country: shop.shopAddress?.countryCodeV2 ?? null };
}
