import type { I18n } from "@shopify/ui-extensions/admin";

// Type-only: the admin extensions and the app agree on one contract, and nothing of the app is bundled.
import type { AdminOrderAnswer, AdminOrderRequest } from "../../app/schemas/admin-order";
import type { Entitlement, OrderView, Submitted } from "../../app/schemas/requests";

export type { AdminOrderAnswer, AdminOrderRequest, Entitlement, OrderView, Submitted };

export class AdminAppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The app's sentence per field, where it named the fields at fault. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * A call to the app from Shopify admin: a relative URL resolves against the app's application_url
 * and Shopify adds the staff member's session token as a bearer itself.
 */
export async function callAdminApp<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.json().catch(() => ({}))) as { error?: string; fields?: Record<string, string> } & T;
  if (!response.ok) throw new AdminAppError(response.status, payload.error ?? response.statusText, payload.fields ?? {});
  return payload;
}

/** The order's numeric id from `shopify.data.selected` (`gid://shopify/Order/1`). */
export function selectedOrder(data: { selected: { id: string }[] }): string {
  const id = data.selected[0]?.id ?? "";
  return id.slice(id.lastIndexOf("/") + 1);
}

export function entitlementLabel(i18n: I18n, e: Pick<Entitlement, "kind" | "service">): string {
  return e.service ? i18n.translate(`service.${e.service}`) : i18n.translate(`option.${e.kind}`);
}
