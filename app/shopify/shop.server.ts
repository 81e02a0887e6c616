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

/**
 * Where the shop's shoppers sign in: classic customer accounts (the theme's /account pages, whose
 * signed-in customer the app proxy passes as `logged_in_customer_id`) or new customer accounts
 * (Shopify's own pages at `url`, where Aftercare's customer-account extensions run with the Customer
 * Account API's session token). docs/decisions/021-signin.md.
 */
export const SHOP_CUSTOMER_ACCOUNTS = `#graphql
  query ShopCustomerAccounts {
    shop { customerAccountsV2 { customerAccountsVersion url } }
  }
` as const;

export type CustomerAccounts = { version: "CLASSIC" | "NEW_CUSTOMER_ACCOUNTS"; url: string | null };

export async function fetchCustomerAccounts(admin: Admin): Promise<CustomerAccounts> {
  const data = await send(admin, SHOP_CUSTOMER_ACCOUNTS, {});
  const accounts = data.shop.customerAccountsV2;
  return { version: accounts.customerAccountsVersion, url: accounts.url ?? null };
}
