import { Badge, BlockStack, Box, Card, InlineStack, List, Text } from "@shopify/polaris";

import type { Decision } from "../../domain";
import { formatMoneyIn, parseMinorUnits } from "../../domain/money";

/** A decision as the loader serialises it: its date as text. */
export type Shown = Omit<Decision, "decidedOn"> & { decidedOn: string };
/** A decision's amount ("80.00") as the merchant reads money: "£80.00", "¥1,250", "KWD 41.175". */
function moneyText(amount: string, currency: string, locale: string): string {
  try {
    return formatMoneyIn(parseMinorUnits(amount, currency), currency, locale);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function DecisionCard({ title, decision, titles, locale, currency }: { title: string; decision: Shown | { error: string } | null; titles: Record<string, string>; locale: string; currency: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {decision === null ? (
          <Text as="p" tone="subdued">
            No draft: the draft is the published policy.
          </Text>
        ) : "error" in decision ? (
          <Text as="p" tone="critical">
            {decision.error}
          </Text>
        ) : (
          <BlockStack gap="300">
            {decision.lines.map((line) => (
              <Box key={line.lineId} padding="200" borderWidth="025" borderColor="border" borderRadius="200">
                <BlockStack gap="100">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h3" variant="headingSm">
                      {titles[line.lineId] ?? `Line ${line.lineId}`}
                    </Text>
                    <Badge tone={line.eligible ? "success" : "critical"}>{line.eligible ? "Eligible" : "Not eligible"}</Badge>
                  </InlineStack>
                  {line.eligible ? (
                    <Text as="p">{`Offered: ${line.resolutions.join(", ").replace(/_/g, " ")}${line.charge ? ` (${line.charge}${line.price?.kind === "fixed" ? ` ${moneyText(line.price.amount, decision.refund?.currency ?? currency, locale)}` : ""})` : ""}`}</Text>
                  ) : (
                    <Text as="p">{`Refused: ${line.blockers.join(", ").replace(/_/g, " ")}`}</Text>
                  )}
                  {line.sendBack && <Text as="p">Sent back to the shopper.</Text>}
                  {line.alternative && <Text as="p">{`Offered instead: paid ${line.alternative.resolution === "repair" ? "repair" : "work"}, by quote.`}</Text>}
                  <List>
                    {line.explanation.map((e, i) => (
                      <List.Item key={i}>
                        <Text as="span" tone={e.outcome === "blocked" ? "critical" : undefined}>
                          {`${e.outcome}: ${e.text}${e.detail ? ` (${e.detail})` : ""}`}
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                </BlockStack>
              </Box>
            ))}
            {decision.refund ? (
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  {decision.refund.method === "store_credit" ? "Store credit" : "Refund to the original payment"}
                </Text>
                <List>
                  <List.Item>{`Items: ${moneyText(decision.refund.items, decision.refund.currency, locale)}`}</List.Item>
                  <List.Item>{`Delivery: ${moneyText(decision.refund.shipping, decision.refund.currency, locale)}`}</List.Item>
                  <List.Item>{`Postage repaid: ${moneyText(decision.refund.postage, decision.refund.currency, locale)}`}</List.Item>
                  {decision.refund.bonus && <List.Item>{`Bonus: ${moneyText(decision.refund.bonus, decision.refund.currency, locale)}`}</List.Item>}
                  {decision.refund.fees && <List.Item>{`Fees kept: ${moneyText(decision.refund.fees.restocking, decision.refund.currency, locale)} restocking, ${moneyText(decision.refund.fees.returnShipping, decision.refund.currency, locale)} return label`}</List.Item>}
                  <List.Item>{`Total: ${moneyText(decision.refund.total, decision.refund.currency, locale)}`}</List.Item>
                  {decision.refund.storeCreditExpiresOn && <List.Item>{`Credit expires on ${decision.refund.storeCreditExpiresOn}`}</List.Item>}
                </List>
              </BlockStack>
            ) : (
              <Text as="p" tone="subdued">
                No money moves.
              </Text>
            )}
            <Text as="p">{`Return shipping: ${decision.returnShipping === "none" ? "nothing is sent back" : `${decision.returnShipping} pays`}`}</Text>
            <Text as="p">{`Sending to the shopper: ${decision.outboundShipping === "none" ? "nothing is sent" : `${decision.outboundShipping} pays`}`}</Text>
            {decision.requirements.length > 0 && <Text as="p">{`Still needed: ${decision.requirements.join(", ").replace(/_/g, " ")}`}</Text>}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
