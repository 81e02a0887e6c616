import { env } from "../platform/env.server";
import { requests } from "../repositories/index.server";
import { notifications, shopperRepairs } from "../repositories/outbox.server";
import type { Admin } from "../shopify/client.server";
import type { EditorDeps } from "./editor.server";
import { mailerFromEnv } from "./mailer.server";

/** The process's mailer (SMTP_URL), one transport for the routes; null when no relay is configured. */
export const mailer = mailerFromEnv(env);

/** Whether Aftercare can send email at all in this process. */
export const mailConfigured = Boolean(env.SMTP_URL);

/** The template editor's use cases bound to the process's database, mailer and secret, for a shop's admin. */
export function editorDeps(admin: Admin): EditorDeps {
  // The live policy's words for a repair step's preview, loaded when one is previewed.
  const policyOf = async (shop: string) => (await (await import("../policies/index.server")).publishedPolicies.get(shop)).policy;
  return { notifications, requests, admin, mailer, secret: env.SHOPIFY_API_SECRET, storefrontOrigin: env.MAIL_STOREFRONT_ORIGIN ?? null, repairs: shopperRepairs, policyOf };
}
