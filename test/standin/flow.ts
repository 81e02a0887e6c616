import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

import toml from "toml";

import type { ShopStore } from "./store";

/**
 * Shopify Flow as the app meets it through `flowTriggerReceive` (Admin 2026-10: "Triggers any
 * workflows that begin with the trigger specified in the request body"; `handle`: "The handle of
 * the trigger"; `payload`: "The payload needed to run the Trigger"). What Flow refuses comes back
 * as `userErrors`, as the FlowTriggerReceivePayload's only field says:
 * - a handle that is not one of the app's deployed flow_trigger extensions;
 * - a payload over Flow's size limit (50 KB, https://shopify.dev/docs/apps/build/flow/triggers/reference);
 * - a reference (customer_id, order_id) to no resource of the shop.
 * Each accepted call is recorded on the shop (`store.flowTriggers`), with the payload as sent.
 */
export const FLOW_PAYLOAD_LIMIT_BYTES = 50_000;

export type FlowTriggerField = { type: string; key?: string };
export type FlowTriggerExtension = { handle: string; name: string; fields: FlowTriggerField[] };

/** The app's flow_trigger extensions, read from extensions/<folder>/shopify.extension.toml as Shopify CLI deploys them. */
export function deployedFlowTriggers(root = process.cwd()): FlowTriggerExtension[] {
  const dir = join(root, "extensions");
  const found: FlowTriggerExtension[] = [];
  for (const folder of readdirSync(dir)) {
    const file = join(dir, folder, "shopify.extension.toml");
    if (!existsSync(file)) continue;
    const parsed = toml.parse(readFileSync(file, "utf8")) as { extensions?: { type?: string; handle?: string; name?: string }[]; settings?: { fields?: FlowTriggerField[] } };
    const extension = parsed.extensions?.[0];
    if (extension?.type !== "flow_trigger" || !extension.handle) continue;
    found.push({ handle: extension.handle, name: extension.name ?? extension.handle, fields: parsed.settings?.fields ?? [] });
  }
  return found;
}

/** The payload key a field declares: its `key`, or `<object>_id` for a commerce object reference. */
export function payloadKeyOf(field: FlowTriggerField): string {
  return field.type.endsWith("_reference") ? `${field.type.replace(/_reference$/, "")}_id` : String(field.key);
}

export type FlowTriggerCall = { handle: string; payload: Record<string, unknown>; at: string };

type UserError = { field: string[] | null; message: string };

function refuse(field: string[] | null, message: string): { userErrors: UserError[] } {
  return { userErrors: [{ field, message }] };
}

function referenced(store: ShopStore, type: "Customer" | "Order", id: unknown): boolean {
  if (typeof id !== "number" && !(typeof id === "string" && /^\d+$/.test(id))) return false;
  // A JSON number above 2^53 arrives rounded: it then names no resource, as it would in Flow.
  return store.find(`gid://shopify/${type}/${typeof id === "number" ? BigInt(id).toString() : id}`, type) !== undefined;
}

export function flowTriggerReceive(store: ShopStore, args: { handle?: string | null; payload?: unknown; body?: string | null }): { userErrors: UserError[] } {
  if (args.body !== undefined && args.body !== null) return refuse(["body"], "body is deprecated: use payload and handle to execute your Flow trigger");
  const handle = args.handle ?? "";
  if (!store.flowTriggerHandles.has(handle)) return refuse(["handle"], `Invalid handle: no Flow trigger with handle "${handle}" exists for this app`);
  if (!args.payload || typeof args.payload !== "object" || Array.isArray(args.payload)) return refuse(["payload"], "payload must be a JSON object");
  const payload = args.payload as Record<string, unknown>;
  const size = Buffer.byteLength(JSON.stringify(payload));
  if (size > FLOW_PAYLOAD_LIMIT_BYTES) return refuse(["payload"], `Payload size of ${size} bytes exceeds the limit of ${FLOW_PAYLOAD_LIMIT_BYTES} bytes`);
  for (const [key, type] of [["customer_id", "Customer"], ["order_id", "Order"]] as const) {
    if (key in payload && !referenced(store, type, payload[key])) return refuse(["payload", key], `${key} does not reference a ${type.toLowerCase()} of this shop`);
  }
  store.flowTriggers.push({ handle, payload, at: store.timestamp() });
  return { userErrors: [] };
}
