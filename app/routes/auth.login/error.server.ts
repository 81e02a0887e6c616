import type { LoginError } from "@shopify/shopify-app-remix/server";
import { LoginErrorType } from "@shopify/shopify-app-remix/server";

export type LoginErrorMessage = { shop?: string };

/** Turns the library's login error into a message shown beside the shop field. */
export function loginErrorMessage(loginErrors: LoginError | undefined): LoginErrorMessage {
  if (loginErrors?.shop === LoginErrorType.MissingShop) {
    return { shop: "Enter your shop domain to log in" };
  }
  if (loginErrors?.shop === LoginErrorType.InvalidShop) {
    return { shop: "Enter a valid shop domain, such as example.myshopify.com" };
  }
  return {};
}
