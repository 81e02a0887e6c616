import { defaultSender, type NotifyStep } from "../domain/notify-steps";
import { formatMoneyIn } from "../domain/money";
import { requestReference } from "../repositories/desk.server";
import type { Policy } from "../domain/policy/schema";
import type { NotificationRecord, NotificationRepository } from "../repositories/notifications.server";
import type { ShopperRepairReader } from "../repositories/repair-shopper.server";
import type { RequestRecord, RequestRepository } from "../repositories/requests.server";
import type { ShopRecord } from "../repositories/shops.server";
import { signToken, STATUS_LINK_DAYS } from "../requests/tokens.server";
import type { Admin } from "../shopify/client.server";
import { fetchShopForEmail, type ShopForEmail } from "../shopify/shop.server";
import { MailNotAccepted, MailOutcomeUnknown, type Mailer } from "./mailer.server";
import { repairValues } from "./repair-values.server";
import { DEFAULT_TEMPLATES, LAYOUT_WORDS, mailLanguageOf, renderEmail, type MailLanguage, type RenderedEmail, type Template, type TemplateValues } from "./templates.server";

/**
 * The `notify` job (issue 27): one email per request and step, exactly once where the relay
 * accepted it (docs/decisions/016-shopper-emails.md). The outbox row (Notification) was written
 * with the step; this takes it to `sending` with the email's Message-ID BEFORE the SMTP call
 * (a compare-and-set: of two workers, one sends), then to `sent`. A refusal gives it back to
 * `pending` and the job is retried with the queue's backoff (then dead-lettered on the desk's
 * failed-jobs list). A row found `sending` is never resent blind: after a grace period the
 * relay's acceptance log decides, and without one it is held (`unknown`) for a person.
 */
export type MessagingDeps = {
  notifications: NotificationRepository;
  requests: Pick<RequestRepository, "find">;
  shops: { find(shop: string): Promise<ShopRecord | null> };
  adminFor: (shop: string) => Promise<Admin | null>;
  /** Null: no SMTP relay configured; Aftercare sends nothing (Shopify's own notifications stay on). */
  mailer: Mailer | null;
  /** The app's secret, which signs status links (app/requests/tokens.server.ts). */
  secret: string;
  /** Where status links point (default https://{shop}, which Shopify sends to the shop's storefront). */
  storefrontOrigin?: string | null;
  /** A request's repair ticket (the repair steps' job number, dates, assessment and quote) and the shop's live policy (its words). */
  repairs?: Pick<ShopperRepairReader, "forRequest"> | null;
  policyOf?: ((shop: string) => Promise<Policy | null>) | null;
  /** The relay's acceptance log: whether it accepted a Message-ID (null: it cannot say). */
  acceptanceLog?: ((messageId: string) => Promise<boolean | null>) | null;
  /** How long a `sending` row is left to its sender before anyone looks (default 5 minutes, past the SMTP timeouts). */
  sendingGraceMs?: number;
  now?: () => Date;
  /** Tests: a crash at a point of the send (the worker dies there). */
  crash?: (point: "after-claim" | "after-send", notification: NotificationRecord) => void;
};

export const DEFAULT_SENDING_GRACE_MS = 5 * 60_000;

/** The send's outcome is not known and nothing was resent: a person must look (the job's error says what). */
export class NotifyOutcomeUnknown extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotifyOutcomeUnknown";
  }
}

/** The number and date formats of a shopper's language: their own region, or the shop's country. */
export function formattingLocale(locale: string | null, language: MailLanguage, country: string | null): string {
  const given = (locale ?? "").replace(/_/g, "-");
  const candidates = [/-/.test(given) && mailLanguageOf(given) === language ? given : null, country ? `${language}-${country}` : null, language];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      return Intl.getCanonicalLocales(candidate)[0];
    } catch {
      // not a well-formed tag: the next one
    }
  }
  return language;
}

function localDate(value: string, locale: string): string {
  const [y, m, d] = value.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * A shop's storefront origin: each shop's storefront is its own domain, so the configured origin is
 * a template naming the shop as `{shop}` (default `https://{shop}`, its myshopify.com domain); one
 * without `{shop}` is used for every shop.
 */
export function storefrontOriginOf(template: string | null | undefined, shop: string): string {
  return (template ?? "https://{shop}").replaceAll("{shop}", shop).replace(/\/$/, "");
}

export function statusUrl(deps: Pick<MessagingDeps, "secret" | "storefrontOrigin">, shop: string, request: RequestRecord, language: MailLanguage, now: Date): string {
  const token = signToken(deps.secret, "status", shop, request.id, new Date(now.getTime() + STATUS_LINK_DAYS * 86_400_000));
  const origin = storefrontOriginOf(deps.storefrontOrigin, shop);
  const query = new URLSearchParams({ token, locale: request.locale ?? language });
  return `${origin}/apps/aftercare/status?${query}`;
}

/** The exchange's timeline entry as the desk writes it: the items sent and the difference, if any. */
function exchangeOf(data: Record<string, unknown>): { items: string | null; settlement: "refund" | "store_credit" | "charge" | null; amountMinor: number | null; currency: string | null } {
  const settlement = data.settlement === "refund" || data.settlement === "store_credit" || data.settlement === "charge" ? data.settlement : null;
  return {
    items: typeof data.items === "string" && data.items.trim() ? data.items.trim() : null,
    settlement,
    amountMinor: settlement && typeof data.amountMinor === "number" ? data.amountMinor : null,
    currency: typeof data.currency === "string" ? data.currency : null,
  };
}

/** Whether a money entry is an exchange's difference (its key is the exchange operation's), told in the exchange's own email. */
export function isExchangeDifference(requestId: string, data: Record<string, unknown>): boolean {
  const prefix = `aftercare:${requestId}:exchange`;
  return typeof data.key === "string" && (data.key === prefix || /^-\d+$/.test(data.key.slice(prefix.length)) && data.key.startsWith(prefix));
}

/** What one step's email says, from the request, its timeline entry and the shop as Shopify has it. */
export async function composeFor(
  deps: Pick<MessagingDeps, "notifications" | "secret" | "storefrontOrigin" | "repairs" | "policyOf">,
  shop: string,
  step: NotifyStep,
  eventId: string | null,
  request: RequestRecord,
  shopInfo: ShopForEmail,
  now: Date,
  /** The template editor's preview and test send: a wording not saved yet, in a chosen language. */
  options: { template?: Template; language?: MailLanguage } = {},
): Promise<RenderedEmail> {
  const language = options.language ?? mailLanguageOf(request.locale);
  const locale = formattingLocale(request.locale, language, shopInfo.country);
  const entry = eventId ? await deps.notifications.entry(shop, eventId) : null;
  const words = LAYOUT_WORDS[language];
  const merchantWords = typeof entry?.data.message === "string" && entry.data.message.trim() ? entry.data.message.trim() : null;
  const expiresOn = typeof entry?.data.expiresOn === "string" && /^\d{4}-\d{2}-\d{2}$/.test(entry.data.expiresOn) ? entry.data.expiresOn : null;
  const exchange = step === "exchanged" ? exchangeOf(entry?.data ?? {}) : null;
  const amountMinor = exchange ? exchange.amountMinor : (entry?.amountMinor ?? null);
  const methodWords = { refund: words.refund, store_credit: words.storeCredit, charge: words.invoice } as const;
  const values: TemplateValues = {
    shop: shopInfo.name,
    name: request.customerName,
    number: requestReference(request),
    order: request.orderName,
    items: new Intl.ListFormat(locale, { type: "conjunction" }).format(request.lines.map((l) => `${l.quantity} × ${l.title || "—"}`)),
    exchange: exchange?.items ?? null,
    words: step === "declined" || step === "approved" ? merchantWords : null,
    amount: amountMinor !== null && amountMinor > 0 ? formatMoneyIn(amountMinor, exchange?.currency ?? entry?.currency ?? request.currency, locale) : null,
    method: step === "refunded" ? words.refund : step === "credited" ? words.storeCredit : exchange?.settlement ? methodWords[exchange.settlement] : null,
    expiry: expiresOn ? localDate(expiresOn, locale) : null,
    date: new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: shopInfo.timezone }).format(entry?.at ?? now),
    // A repair step: the ticket's job number, promised date, assessment and quote (its date too).
    ...(await repairValues(deps, shop, request.id, step, language, locale, shopInfo.timezone)),
  };
  const template = options.template ?? (await deps.notifications.template(shop, step, language)) ?? DEFAULT_TEMPLATES[step][language];
  return renderEmail(template, language, values, statusUrl(deps, shop, request, language, now));
}

/** Takes one outbox row as far as it goes; throws when the job should be tried again later. */
export async function sendNotification(deps: MessagingDeps, shop: string, id: string): Promise<NotificationRecord["status"] | "gone"> {
  const now = deps.now ?? (() => new Date());
  let row = await deps.notifications.find(shop, id);
  if (!row) return "gone"; // the request was erased with its shop
  if (row.status === "sent" || row.status === "skipped") return row.status;

  if (row.status === "sending" || row.status === "unknown") {
    const since = now().getTime() - (row.sendingAt?.getTime() ?? 0);
    if (row.status === "sending" && since < (deps.sendingGraceMs ?? DEFAULT_SENDING_GRACE_MS)) {
      throw new Error(`email ${row.messageId} for step ${row.step} is being sent (claimed ${Math.round(since / 1000)} s ago); looked at again later`);
    }
    const accepted = row.messageId && deps.acceptanceLog ? await deps.acceptanceLog(row.messageId) : null;
    if (accepted === true) {
      await deps.notifications.markSent(shop, id, now(), "found in the relay's acceptance log after its send's outcome was lost");
      return "sent";
    }
    if (accepted === null) {
      const reason = `outcome unknown: the send of ${row.messageId} was interrupted after the message went to the relay, and no acceptance log can tell whether it was accepted. Not resent automatically (it may have reached the shopper): check the relay's log for this Message-ID.`;
      await deps.notifications.markUnknown(shop, id, reason);
      throw new NotifyOutcomeUnknown(reason);
    }
    // The relay's log says it never accepted it: nothing reached the shopper, so it is sent again.
    await deps.notifications.reopen(shop, id, `${row.messageId} is not in the relay's acceptance log: sent again`);
    row = await deps.notifications.find(shop, id);
    if (!row || row.status !== "pending") return row?.status ?? "gone";
  }

  const skip = async (reason: string) => {
    await deps.notifications.skip(shop, id, reason);
    return "skipped" as const;
  };
  const shopRecord = await deps.shops.find(shop);
  if (!shopRecord || shopRecord.uninstalledAt) return skip("the shop uninstalled Aftercare");
  const request = await deps.requests.find(shop, row.requestId);
  if (!request) return skip("the request no longer exists");
  if (request.redactedAt) return skip("the customer's data was erased (customers/redact)");
  if (!request.customerEmail) return skip("the request has no email address");
  if (!deps.mailer) return skip("no SMTP relay is configured (SMTP_URL)");
  const sender = (await deps.notifications.senderFor(shop, row.step)) ?? defaultSender(row.step, true);
  if (sender === "shopify") return skip("Shopify emails the shopper about this step (the shop's setting)");
  if ((row.step === "refunded" || row.step === "credited") && row.eventId) {
    const entry = await deps.notifications.entry(shop, row.eventId);
    if (entry && isExchangeDifference(request.id, entry.data)) return skip("an exchange's difference: the shopper is told in the exchange's email");
  }
  const admin = await deps.adminFor(shop);
  if (!admin) return skip("the shop uninstalled Aftercare");

  const shopInfo = await fetchShopForEmail(admin);
  const email = await composeFor(deps, shop, row.step, row.eventId, request, shopInfo, now());
  const attempt = row.attempts + 1;
  const messageId = `<aftercare.${row.id}.${attempt}@${shop}>`;
  if (!(await deps.notifications.claim(shop, id, row.attempts, messageId, email.language, now()))) return "sending"; // another worker has it
  const claimed = { ...row, status: "sending" as const, messageId, attempts: attempt };
  deps.crash?.("after-claim", claimed);
  try {
    await deps.mailer.send({ messageId, fromName: shopInfo.name, to: request.customerEmail, replyTo: shopInfo.contactEmail, subject: email.subject, html: email.html, text: email.text, language: email.language, headers: { "X-Aftercare-Step": row.step } });
  } catch (error) {
    if (error instanceof MailNotAccepted) {
      await deps.notifications.release(shop, id, error.message);
      throw new Error(`email for step ${row.step} not accepted by the relay: ${error.message}`);
    }
    if (error instanceof MailOutcomeUnknown) throw new Error(`email ${messageId} for step ${row.step}: ${error.message}; its outcome is checked after the grace period, never resent blind`);
    throw error;
  }
  deps.crash?.("after-send", claimed);
  await deps.notifications.markSent(shop, id, now());
  return "sent";
}

/** Enqueues a notify job for every outbox row without one (the worker's `notify-sweep`, every minute). */
export async function queueNotifications(deps: { notifications: NotificationRepository; jobs: { enqueue(shop: string, job: { kind: string; payload: unknown; runAt?: Date }): Promise<unknown> }; now?: () => Date }): Promise<number> {
  const now = deps.now ?? (() => new Date());
  let queued = 0;
  for (const row of await deps.notifications.unqueued()) {
    // Enqueued first, then marked: a crash between enqueues it twice, and the row's claim makes
    // the second job find the email sent (never a step without its job).
    await deps.jobs.enqueue(row.shop, { kind: "notify", payload: { notificationId: row.id }, runAt: now() });
    if (await deps.notifications.markQueued(row.shop, row.id, now())) queued += 1;
  }
  return queued;
}
