import { defaultSender, type NotifyStep } from "../domain/notify-steps";
import type { NotificationRepository } from "../repositories/notifications.server";

/**
 * Whether Shopify emails the shopper about a step in this shop (docs/decisions/016): the shop's
 * own choice, else the default (Aftercare whenever SMTP is configured). The desk asks Shopify to
 * notify (`notifyCustomer` / `notify`) exactly when this says so, and the notify job skips the
 * step then: one of the two, never both.
 */
export function shopifyNotifiesFor(notifications: Pick<NotificationRepository, "senderFor">, shop: string, mailConfigured: boolean): (step: NotifyStep) => Promise<boolean> {
  return async (step) => ((await notifications.senderFor(shop, step)) ?? defaultSender(step, mailConfigured)) === "shopify";
}
