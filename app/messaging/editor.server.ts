import { randomUUID } from "node:crypto";

import { z } from "zod";

import { NOTIFY_STEPS, SHOPIFY_CAN_SEND, defaultSender, isNotifyStep, type NotifyStep, type Sender } from "../domain/notify-steps";
import { requestReference } from "../repositories/desk.server";
import type { NotificationRepository } from "../repositories/notifications.server";
import type { RequestRecord, RequestRepository } from "../repositories/requests.server";
import type { Admin } from "../shopify/client.server";
import { fetchShopForEmail } from "../shopify/shop.server";
import { MailNotAccepted, type Mailer } from "./mailer.server";
import { composeFor, type MessagingDeps } from "./notify.server";
import { REPAIR_STEP_LABELS } from "./repair-templates";
import { DEFAULT_TEMPLATES, MAIL_LANGUAGES, PLACEHOLDERS, directionOf, type MailLanguage, type RenderedEmail, type Template } from "./templates.server";

/**
 * The merchant's template editor (issue 27): the subject and body of each step's email in each
 * language, read with the default beside it, previewed with a real request of the shop, saved as
 * the shop's own wording (MessageTemplate) or reset to the default, sent as a test to an address
 * the merchant gives, and who sends each step Shopify can also send. Steps and their labels come
 * from one list (STEP_LABELS), so a new step is one entry here.
 */
export const STEP_LABELS: Record<NotifyStep, { label: string; when: string }> = {
  received: { label: "Request received", when: "The shopper submitted a request." },
  approved: { label: "Request approved", when: "The desk approved the request; your words to the shopper go in {words}." },
  declined: { label: "Request declined", when: "The desk declined the request; your reason goes in {words}." },
  item_received: { label: "Items received", when: "The desk marked the returned items received." },
  refunded: { label: "Refund issued", when: "Money went back to the original payment." },
  credited: { label: "Store credit issued", when: "Store credit was added to the shopper's account." },
  exchanged: { label: "Exchange processed", when: "The exchange was processed: the new pieces are to be sent." },
  cancelled: { label: "Request cancelled", when: "The desk cancelled the request before its items arrived." },
  ...REPAIR_STEP_LABELS,
};

export const LANGUAGE_NAMES: Record<MailLanguage, string> = { en: "English", fr: "Français", ar: "العربية" };

export const PLACEHOLDER_HELP: Record<(typeof PLACEHOLDERS)[number], string> = {
  shop: "your shop's name",
  name: "the shopper's name",
  number: "the request's number (R-…)",
  order: "the order's name (#1001)",
  items: "the items of the request",
  exchange: "the pieces sent in exchange",
  words: "your words to the shopper (approval or decline)",
  amount: "the amount, in the order's currency",
  method: "how the money goes back",
  expiry: "the store credit's expiry date",
  date: "the step's date, in your shop's time zone",
  job: "the repair's job number (J-…)",
  due: "the date the repair is promised for",
  outcome: "the assessment's outcome, in the shopper's language",
  cause: "the cause the bench found, in the shopper's language",
  quote: "the quote's lines with their prices",
  total: "the quote's total",
  pay: "the link that pays the quote (Shopify's invoice)",
};

export type EditorDeps = {
  notifications: NotificationRepository;
  requests: Pick<RequestRepository, "find" | "list">;
  admin: Admin;
  mailer: Mailer | null;
  secret: string;
  storefrontOrigin?: string | null;
  /** A request's repair ticket and the live policy, for the repair steps' emails. */
  repairs?: MessagingDeps["repairs"];
  policyOf?: MessagingDeps["policyOf"];
  now?: () => Date;
};

export class TemplateInputError extends Error {
  constructor(
    message: string,
    readonly field: "subject" | "body" | "to" | "step" | "language" | "request" | "sender",
  ) {
    super(message);
    this.name = "TemplateInputError";
  }
}

const unknownPlaceholders = (text: string) => [...text.matchAll(/\{(\w*)\}/g)].map((m) => m[1]).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));

/** A template as the merchant writes it: a one-line subject, a body, only known placeholders. */
export const templateInputSchema = z.object({
  subject: z
    .string()
    .trim()
    .min(1, "Write a subject.")
    .max(200, "Keep the subject under 200 characters.")
    .refine((s) => !/[\r\n]/.test(s), "The subject is one line."),
  body: z.string().trim().min(1, "Write the email's text.").max(5000, "Keep the text under 5,000 characters."),
});

export function parseTemplate(input: { subject?: unknown; body?: unknown }): Template {
  const parsed = templateInputSchema.safeParse({ subject: input.subject ?? "", body: input.body ?? "" });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TemplateInputError(issue.message, issue.path[0] === "subject" ? "subject" : "body");
  }
  for (const field of ["subject", "body"] as const) {
    const unknown = unknownPlaceholders(parsed.data[field]);
    if (unknown.length) throw new TemplateInputError(`Unknown placeholder {${unknown[0]}}: use one of ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}.`, field);
  }
  return parsed.data;
}

export function parseStep(value: unknown): NotifyStep {
  if (!isNotifyStep(value)) throw new TemplateInputError("No such email.", "step");
  return value;
}

export function parseLanguage(value: unknown): MailLanguage {
  if (typeof value !== "string" || !(MAIL_LANGUAGES as readonly string[]).includes(value)) throw new TemplateInputError("No such language.", "language");
  return value as MailLanguage;
}

/** The requests a preview may use: the shop's latest, without those whose customer was erased. */
async function sampleRequests(deps: EditorDeps, shop: string): Promise<RequestRecord[]> {
  return (await deps.requests.list(shop, { take: 30 })).filter((r) => !r.redactedAt && r.customerEmail).slice(0, 20);
}

/** The request a preview starts with: the latest that reached the step, else the shop's latest. */
async function sampleFor(deps: EditorDeps, shop: string, step: NotifyStep): Promise<RequestRecord | null> {
  const reached = await deps.notifications.latestRequestWithStep(shop, step);
  const request = reached ? await deps.requests.find(shop, reached) : null;
  if (request && !request.redactedAt && request.customerEmail) return request;
  return (await sampleRequests(deps, shop))[0] ?? null;
}

export async function editorView(deps: EditorDeps, shop: string, step: NotifyStep, language: MailLanguage, mailConfigured: boolean) {
  const [own, customised, senders, latest, first] = await Promise.all([deps.notifications.template(shop, step, language), deps.notifications.customised(shop), deps.notifications.senders(shop), sampleRequests(deps, shop), sampleFor(deps, shop, step)]);
  const samples = first && !latest.some((r) => r.id === first.id) ? [first, ...latest] : latest;
  return {
    step,
    language,
    dir: directionOf(language),
    mailConfigured,
    template: own ?? DEFAULT_TEMPLATES[step][language],
    isDefault: own === null,
    steps: NOTIFY_STEPS.map((s) => ({
      step: s,
      ...STEP_LABELS[s],
      sender: (senders[s] ?? defaultSender(s, mailConfigured)) as Sender,
      shopifyCanSend: SHOPIFY_CAN_SEND.includes(s),
      customised: customised.filter((c) => c.step === s).map((c) => c.language),
    })),
    languages: MAIL_LANGUAGES.map((l) => ({ language: l, name: LANGUAGE_NAMES[l] })),
    placeholders: PLACEHOLDERS.map((p) => ({ name: `{${p}}`, help: PLACEHOLDER_HELP[p] })),
    requests: samples.map((r) => ({ id: r.id, label: `${requestReference(r)} · ${r.customerName ?? r.customerEmail ?? ""} · ${r.orderName}` })),
  };
}

/** The email as a real request of the shop would get it, with the wording being edited. */
export async function previewEmail(deps: EditorDeps, shop: string, input: { step: NotifyStep; language: MailLanguage; template: Template; requestId?: string | null }): Promise<RenderedEmail & { requestId: string | null }> {
  const request = input.requestId ? await deps.requests.find(shop, input.requestId) : await sampleFor(deps, shop, input.step);
  if (input.requestId && (!request || request.redactedAt)) throw new TemplateInputError("That request is not one of this shop's.", "request");
  if (!request) throw new TemplateInputError("The preview needs a request: once a shopper has sent one, it is shown here.", "request");
  // The step's own timeline entry when the request reached it (its words, amount, date).
  const row = (await deps.notifications.forRequest(shop, request.id)).find((n) => n.step === input.step);
  const shopInfo = await fetchShopForEmail(deps.admin);
  const now = (deps.now ?? (() => new Date()))();
  const email = await composeFor(deps, shop, input.step, row?.eventId ?? null, request, shopInfo, now, { template: input.template, language: input.language });
  return { ...email, requestId: request.id };
}

const emailSchema = z.email();

/**
 * A test send to the address the merchant gives (not a shopper's step: no outbox row, nothing
 * recorded on the request), marked as a test in its subject and headers.
 */
export async function sendTestEmail(deps: EditorDeps, shop: string, input: { step: NotifyStep; language: MailLanguage; template: Template; requestId?: string | null; to: unknown }): Promise<{ to: string; messageId: string }> {
  const to = typeof input.to === "string" ? input.to.trim() : "";
  if (!emailSchema.safeParse(to).success) throw new TemplateInputError("Give the email address to send the test to.", "to");
  if (!deps.mailer) throw new TemplateInputError("No SMTP relay is configured (SMTP_URL): Aftercare cannot send email.", "to");
  const email = await previewEmail(deps, shop, input);
  const shopInfo = await fetchShopForEmail(deps.admin);
  const messageId = `<aftercare.test.${randomUUID()}@${shop}>`;
  try {
    await deps.mailer.send({ messageId, fromName: shopInfo.name, to, replyTo: shopInfo.contactEmail, subject: `[Test] ${email.subject}`, html: email.html, text: email.text, language: email.language, headers: { "X-Aftercare-Step": input.step, "X-Aftercare-Test": "yes" } });
  } catch (error) {
    if (error instanceof MailNotAccepted) throw new TemplateInputError(`The mail relay did not accept the test: ${error.message}`, "to");
    throw error;
  }
  return { to, messageId };
}

export async function saveTemplate(deps: Pick<EditorDeps, "notifications">, shop: string, step: NotifyStep, language: MailLanguage, template: Template): Promise<void> {
  await deps.notifications.saveTemplate(shop, step, language, template);
}

export async function resetTemplate(deps: Pick<EditorDeps, "notifications">, shop: string, step: NotifyStep, language: MailLanguage): Promise<void> {
  await deps.notifications.deleteTemplate(shop, step, language);
}

/** Who sends a step Shopify can also send; the others are always Aftercare's. */
export async function chooseSender(deps: Pick<EditorDeps, "notifications">, shop: string, step: NotifyStep, sender: unknown): Promise<Sender> {
  if (sender !== "aftercare" && sender !== "shopify") throw new TemplateInputError("Choose Aftercare or Shopify.", "sender");
  if (!SHOPIFY_CAN_SEND.includes(step) && sender === "shopify") throw new TemplateInputError("Shopify does not email the shopper about this step: Aftercare sends it.", "sender");
  await deps.notifications.setSender(shop, step, sender);
  return sender;
}
