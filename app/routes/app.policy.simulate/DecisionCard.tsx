import { Badge, BlockStack, Box, Card, InlineStack, List, Text } from "@shopify/polaris";

import { listOf } from "../../components/policy/words";
import type { Decision } from "../../domain";
import { formatMoneyIn, parseMinorUnits } from "../../domain/money";
import { useAdminLocale, useT } from "../../i18n/react";

/** A decision as the loader serialises it: its date as text. */
export type Shown = Omit<Decision, "decidedOn"> & { decidedOn: string };
/** A decision's amount ("80.00") as the merchant reads money: "£80.00", "80,00 £", "KWD 41.175". */
function moneyText(amount: string, currency: string, locale: string): string {
  try {
    return formatMoneyIn(parseMinorUnits(amount, currency), currency, locale);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A decision's day ("2026-03-29") as the merchant reads dates: "29 Mar 2026", "29 mars 2026" (a calendar day: no time zone moves it). */
function dayText(day: string, locale: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/**
 * One policy's decision on the scenario, in the admin's language: the engine's codes (blockers,
 * resolutions, outcomes, requirements) as words, amounts and dates by Intl, and the merchant's own
 * rule texts quoted as written.
 */
export function DecisionCard({ title, decision, titles, locale, currency }: { title: string; decision: Shown | { error: string } | null; titles: Record<string, string>; locale: string; currency: string }) {
  const t = useT();
  const { locale: adminLocale } = useAdminLocale();
  const words = (prefix: string, codes: readonly string[], kind: "and" | "or" = "and") => listOf(adminLocale, codes.map((c) => t(`simulator.result.${prefix}.${c}`, { defaultValue: c.replace(/_/g, " ") })), kind);
  const money = (amount: string) => moneyText(amount, decision && !("error" in decision) ? decision.refund?.currency ?? currency : currency, locale);
  const payer = (who: string) => t(`simulator.result.pays.${who}`);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {decision === null ? (
          <Text as="p" tone="subdued">
            {t("simulator.result.noDraft")}
          </Text>
        ) : "error" in decision ? (
          <Text as="p" tone="critical">
            {decision.error}
          </Text>
        ) : (
          <BlockStack gap="300">
            {decision.lines.map((line) => {
              const offered = { resolutions: words("resolution", line.resolutions, "or") };
              const charge = line.charge ? t(`simulator.result.charge.${line.charge}`) : null;
              return (
                <Box key={line.lineId} padding="200" borderWidth="025" borderColor="border" borderRadius="200">
                  <BlockStack gap="100">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h3" variant="headingSm">
                        {titles[line.lineId] ?? t("simulator.result.line", { id: line.lineId })}
                      </Text>
                      <Badge tone={line.eligible ? "success" : "critical"}>{line.eligible ? t("simulator.result.eligible") : t("simulator.result.notEligible")}</Badge>
                    </InlineStack>
                    {line.eligible ? (
                      <Text as="p">
                        {!charge
                          ? t("simulator.result.offered", offered)
                          : line.price?.kind === "fixed"
                            ? t("simulator.result.offeredPrice", { ...offered, charge, price: money(line.price.amount) })
                            : t("simulator.result.offeredCharge", { ...offered, charge })}
                      </Text>
                    ) : (
                      <Text as="p">{t("simulator.result.refused", { blockers: words("blocker", line.blockers) })}</Text>
                    )}
                    {line.sendBack && <Text as="p">{t("simulator.result.sendBack")}</Text>}
                    {line.alternative && <Text as="p">{line.alternative.resolution === "repair" ? t("simulator.result.alternativeRepair") : t("simulator.result.alternativeWork")}</Text>}
                    <List>
                      {line.explanation.map((e, i) => (
                        <List.Item key={i}>
                          <Text as="span" tone={e.outcome === "blocked" ? "critical" : undefined}>
                            {t(e.detail ? "simulator.result.explanationDetail" : "simulator.result.explanation", { outcome: t(`simulator.result.outcome.${e.outcome}`), text: e.text, detail: e.detail })}
                          </Text>
                        </List.Item>
                      ))}
                    </List>
                  </BlockStack>
                </Box>
              );
            })}
            {decision.refund ? (
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  {decision.refund.method === "store_credit" ? t("simulator.result.storeCredit") : t("simulator.result.refund")}
                </Text>
                <List>
                  <List.Item>{t("simulator.result.items", { amount: money(decision.refund.items) })}</List.Item>
                  <List.Item>{t("simulator.result.delivery", { amount: money(decision.refund.shipping) })}</List.Item>
                  <List.Item>{t("simulator.result.postage", { amount: money(decision.refund.postage) })}</List.Item>
                  {decision.refund.bonus && <List.Item>{t("simulator.result.bonus", { amount: money(decision.refund.bonus) })}</List.Item>}
                  {decision.refund.fees && <List.Item>{t("simulator.result.fees", { restocking: money(decision.refund.fees.restocking), label: money(decision.refund.fees.returnShipping) })}</List.Item>}
                  <List.Item>{t("simulator.result.total", { amount: money(decision.refund.total) })}</List.Item>
                  {decision.refund.storeCreditExpiresOn && <List.Item>{t("simulator.result.expires", { date: dayText(decision.refund.storeCreditExpiresOn, adminLocale) })}</List.Item>}
                </List>
              </BlockStack>
            ) : (
              <Text as="p" tone="subdued">
                {t("simulator.result.noMoney")}
              </Text>
            )}
            <Text as="p">{t("simulator.result.returnShipping", { who: decision.returnShipping === "none" ? t("simulator.result.nothingBack") : payer(decision.returnShipping) })}</Text>
            <Text as="p">{t("simulator.result.outbound", { who: decision.outboundShipping === "none" ? t("simulator.result.nothingSent") : payer(decision.outboundShipping) })}</Text>
            {decision.requirements.length > 0 && <Text as="p">{t("simulator.result.needed", { list: words("requirement", decision.requirements) })}</Text>}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
