import { DateTime } from "luxon";

import type { Policy } from "../../domain/policy/schema";
import type { RestockChoice } from "../../domain/vocabulary";
import type { MoneyDeps } from "../../jobs/money.server";
import type { DeskEventRecord, DeskRepository } from "../../repositories/desk.server";
import type { OperationRepository } from "../../repositories/operations.server";
import type { NotifyStep } from "../../domain/notify-steps";
import type { RepairRepository } from "../../repositories/repairs.server";
import type { RequestRecord, RequestRepository } from "../../repositories/requests.server";
import type { Admin } from "../../shopify/client.server";
import { ShopifyNotFoundError, ShopifyOutcomeUnknownError, ShopifyUnavailableError, ShopifyUserErrors, describe } from "../../shopify/errors";
import { RESOLUTION_LABELS, STATUS_LABELS, type DeskAction, type Resolution } from "../machine";

/**
 * What every capability of the desk shares: its dependencies, the words of its answers, and the
 * core each capability module is built on (the request as stored, the refusal a stale click gets).
 * The capabilities are wired together by createDesk (app/desk/actions.server.ts).
 */

export type Staff = { id: string; name: string | null };

export type DeskDeps = {
  requests: RequestRepository;
  desk: DeskRepository;
  operations: OperationRepository;
  admin: Admin;
  staff: Staff;
  /** The shop's IANA time zone: store-credit expiry is a local date. */
  timezone: string;
  /** The locale amounts are written in ("en-GB": "£44.10"), see app/desk/context.server.ts. */
  locale: string;
  /** The live policy's `returns.restockOnProcess`: whether processing a return restocks its items. */
  restockOnProcess?: RestockChoice;
  /**
   * The live policy's store-credit expiry (days) per case ("change_of_mind", "faulty",
   * "warranty"): an exchange's difference given as store credit expires as its case's refund
   * rule says. Absent or null: no expiry.
   */
  storeCreditExpiryDays?: Partial<Record<string, number | null>>;
  /**
   * The policy a request was decided with (its published version, else the live policy): an
   * inspection is decided again with it. Absent: inspections cannot be recorded.
   */
  policyOf?: (versionId: string | null) => Promise<Policy>;
  /**
   * The parcel going back (app/parcels): the postage the engine repays on it now (added to the
   * refund or credit, docs/decisions/015), and its reverse delivery once Shopify's return is open.
   */
  parcel?: {
    postageMinor(request: RequestRecord): Promise<number>;
    attach(shop: string, requestId: string): Promise<unknown>;
    /** The parcel's tracking and proof photo, for the evidence of sending staff accept (docs/decisions/025). */
    evidence?(shop: string, requestId: string): Promise<{ trackingNumber: string; trackingUrl: string | null; proofKey: string | null } | null>;
  };
  /**
   * Whether Shopify emails the shopper about a step (app/messaging/senders.server.ts); when not,
   * Aftercare's own email does, never both. Absent: Shopify notifies.
   */
  shopifyNotifies?: (step: NotifyStep) => Promise<boolean>;
  /** The repair bench: when given, a service or warranty claim resolved for the workshop gets its ticket (app/repairs). */
  repairs?: RepairRepository;
  /** Holds a Shopify Flow workflow put on requests (app/flow): a held request is not approved until released. */
  holds?: { isHeld(shop: string, requestId: string): Promise<boolean> };
  now?: () => Date;
};

/** A refusal may name the form field it is about (`fields.amount`), so the page shows it beside that field. */
/**
 * A desk action's answer. `message` is the English sentence (logs, the command line, tests);
 * `say`, where given, is the same as a key of the admin's catalogue with its values, which the
 * page shows in the merchant's language.
 */
export type ActionResult = { ok: true; message: string; say?: Say } | { ok: false; status: number; message: string; fields?: Record<string, string> };
export type Say = { key: string; params?: Record<string, string | number> };

/** What the merchant was shown of a money resolution, for its timeline entry. */
export type Shown = { how: string; formatted: string; expiresOn: string | null; shopifyMinor: number | null };

/** An exchange's difference as it will be settled (see settlementOf). */
export type Settlement = { settlement: "none" | "refund" | "store_credit" | "charge"; amountMinor: number; currency: string; expiresOn: string | null };

/** How long an exchange's set-up claim holds before a crashed holder's claim can be taken over. */
export const EXCHANGE_CLAIM_MS = 2 * 60_000;

export const ok = (message: string, say?: Say): ActionResult => (say ? { ok: true, message, say } : { ok: true, message });
export const refuse = (status: number, message: string): ActionResult => ({ ok: false, status, message });


export function actorOf(staff: Staff) {
  return { actor: "merchant" as const, staffId: staff.id, staffName: staff.name };
}

/** What a line's shopper chose in exchange, in their words ("Crystal Eternity Band, size J"; "2 × …" for more than one). */
export function chosenWords(line: RequestRecord["lines"][number]): string {
  const words = line.exchangeVariantTitle ?? line.exchangeVariantId ?? "item";
  return line.quantity > 1 ? `${line.quantity} × ${words}` : words;
}

export function who(event: DeskEventRecord | null): string {
  if (!event) return "";
  const name = event.staffName ?? (event.actor === "shopify" ? "someone in Shopify admin" : event.actor);
  return ` by ${name} at ${DateTime.fromJSDate(event.at).toUTC().toFormat("HH:mm:ss 'UTC'")}`;
}

/** A Shopify failure in the merchant's words, with what to do next. */
export function shopifyProblem(error: unknown): string {
  if (error instanceof ShopifyUserErrors) return `Shopify refused: ${error.userErrors.map((e) => e.message).join("; ")}. Nothing changed.`;
  if (error instanceof ShopifyUnavailableError) return "Shopify is not answering right now (busy or down). Nothing changed: try again in a minute.";
  if (error instanceof ShopifyOutcomeUnknownError) return "Shopify did not confirm the change. It is recorded and will be checked and finished automatically; refresh in a few minutes.";
  if (error instanceof ShopifyNotFoundError) return "Shopify no longer has this order or return. Refresh the page.";
  return `Something went wrong talking to Shopify (${describe(error)}). Nothing changed: try again.`;
}

export class RequestNotFound extends Error {
  override name = "RequestNotFound";
}

export function expiryDate(timezone: string, now: Date, days: number | null): string | null {
  if (days === null) return null;
  return DateTime.fromJSDate(now).setZone(timezone).plus({ days }).toISODate();
}

/** `days` after a local date ("2026-11-20"), as a local date. */
export function addLocalDays(localDate: string, days: number): string {
  return DateTime.fromISO(localDate, { zone: "UTC" }).plus({ days }).toISODate() as string;
}

export function expiresAtOf(timezone: string, localDate: string | null): string | null {
  if (!localDate) return null;
  return DateTime.fromISO(localDate, { zone: timezone }).endOf("day").toUTC().toISO({ suppressMilliseconds: true });
}

/** The request loader and the stale-click refusal every capability uses, bound to the desk's dependencies. */
export type DeskCore = {
  deps: DeskDeps;
  now: () => Date;
  moneyDeps: MoneyDeps;
  load(shop: string, id: string): Promise<RequestRecord>;
  /** The refusal a losing or stale action gets: the request's state now, and who put it there. */
  stale(shop: string, request: RequestRecord, action: DeskAction): Promise<ActionResult>;
  /** Whether Shopify is asked to email the shopper about this step (true unless the shop's setting says Aftercare sends it). */
  shopifyNotifies(step: NotifyStep): Promise<boolean>;
};

export function deskCore(deps: DeskDeps): DeskCore {
  const now = deps.now ?? (() => new Date());
  const moneyDeps: MoneyDeps = { operations: deps.operations, now };
  const shopifyNotifies = (step: NotifyStep) => deps.shopifyNotifies?.(step) ?? Promise.resolve(true);

  async function load(shop: string, id: string): Promise<RequestRecord> {
    const request = await deps.requests.find(shop, id);
    if (!request) throw new RequestNotFound(`no request ${id}`);
    return request;
  }

  /** The refusal a losing or stale action gets: the request's state now, and who put it there. */
  async function stale(shop: string, request: RequestRecord, action: DeskAction): Promise<ActionResult> {
    const fresh = (await deps.requests.find(shop, request.id)) ?? request;
    const last = await deps.desk.latest(shop, fresh.id, fresh.resolution ? ["resolved"] : ["approved", "declined", "received", "inspected", "resolved", "closed", "cancelled"]);
    const how = fresh.resolution ? (RESOLUTION_LABELS[fresh.resolution as Resolution] ?? fresh.resolution).toLowerCase() : null;
    // A resolution held while its money or exchange goes through Shopify (holdResolution).
    // Before receipt too, where the policy refunds on evidence of sending (docs/decisions/025).
    if (how && (fresh.status === "received" || fresh.status === "inspected" || fresh.status === "approved")) {
      return refuse(409, `Not done: this request is being resolved by ${how} right now (a colleague started it moments ago). Refresh in a moment to see how it ended${action === "resolve" ? "; no money was moved by this click" : ""}.`);
    }
    const label = how ? `resolved (${how})` : STATUS_LABELS[fresh.status].toLowerCase();
    return refuse(409, `Not done: this request is already ${label}${who(last)}. The page now shows it as it is${action === "resolve" ? "; no money was moved by this click" : ""}.`);
  }

  return { deps, now, moneyDeps, load, stale, shopifyNotifies };
}
