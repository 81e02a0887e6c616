import { formatMoneyIn } from "../domain/money";
import { stepOfRepairMove, type NotifyStep } from "../domain/notify-steps";
import type { Policy } from "../domain/policy/schema";
import { shopperRepairView } from "../repairs/shopper-view";
import type { ShopperRepairReader } from "../repositories/repair-shopper.server";
import { translator } from "../storefront/i18n";
import { OUTCOME_WORDS } from "./repair-templates";
import type { MailLanguage, TemplateValues } from "./templates.server";

/** A shop-local date (yyyy-mm-dd) in the email's language, read as the calendar date it is. */
function localDate(value: string, locale: string): string {
  const [y, m, d] = value.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * The repair ticket's placeholders for a repair step's email: its job number, promised date, the
 * assessment's outcome and cause in the shopper's language with the policy's own words, the
 * quote's lines, total and pay link (Shopify's invoice URL, once the draft order is made), and the
 * step's date. Written from what the shopper may see of the ticket (app/repairs/shopper-view.ts),
 * never from the bench's notes. Empty for a request without a ticket (its paragraphs are left out).
 */
export async function repairValues(
  deps: { repairs?: Pick<ShopperRepairReader, "forRequest"> | null; policyOf?: ((shop: string) => Promise<Policy | null>) | null },
  shop: string,
  requestId: string,
  step: NotifyStep,
  language: MailLanguage,
  locale: string,
  timezone: string,
): Promise<TemplateValues> {
  if (!step.startsWith("repair_") || !deps.repairs) return {};
  const found = await deps.repairs.forRequest(shop, requestId);
  if (!found) return {};
  const policy = deps.policyOf ? await deps.policyOf(shop) : null;
  const view = shopperRepairView(found.ticket, found.moves, policy);
  const t = translator(language);
  const money = (minor: number) => formatMoneyIn(minor, found.ticket.currency, locale);
  const at = found.moves.filter((m) => stepOfRepairMove(m.to) === step).pop()?.at ?? null;
  const assessment = step === "repair_assessed" ? view.assessment : null;
  return {
    job: view.job,
    due: view.dueOn ? localDate(view.dueOn, locale) : null,
    outcome: assessment ? OUTCOME_WORDS[language][assessment.outcome] : null,
    cause: assessment?.cause ? t(`cause_${assessment.cause}`) : null,
    words: assessment?.policyWords ?? null,
    quote: view.quote ? view.quote.lines.map((l) => `${l.quantity} × ${l.title}: ${money(l.unitMinor * l.quantity)}`).join("\n") : null,
    total: view.quote ? money(view.quote.totalMinor) : null,
    pay: view.quote && !view.quote.paid ? view.quote.invoiceUrl : null,
    ...(at ? { date: new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: timezone }).format(at) } : {}),
  };
}
