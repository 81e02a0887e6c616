import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  Divider,
  InlineGrid,
  InlineStack,
  List,
  Select,
  Text,
} from "@shopify/polaris";

import { useT } from "../i18n/react";
import { CAUSE_WORDS, CONDITION_WORDS, findingWords, holds, withHolding } from "./inspection";
import type { Finding } from "./schemas";

/** The inspection's pieces of the request page (client-safe: no server imports). */

type Verdict = {
  eligible: boolean;
  resolutions: string[];
  refusals: string[];
  applied: string[];
} | null;

export type InspectionData = {
  at: string;
  by: string | null;
  note: string;
  lines: {
    id: string;
    title: string;
    finding: { condition: Finding["condition"]; cause: string | null } | null;
    shopper: Verdict;
    inspected: Verdict;
    sendBack: boolean;
    alternative: { resolution: string; charge: string } | null;
  }[];
  refund: { shopper: string | null; inspected: string | null };
  changed: boolean;
  refusedAll: boolean;
  declineWords: string;
};

function VerdictColumn({
  heading,
  verdict,
}: {
  heading: string;
  verdict: Verdict;
}) {
  const t = useT();
  return (
    <Box padding="300" background="bg-surface-secondary" borderRadius="200">
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h4" variant="headingSm">
            {heading}
          </Text>
          {verdict === null ? (
            <Badge>{t("request.inspection.noDecision")}</Badge>
          ) : verdict.eligible ? (
            <Badge tone="success">{t("request.inspection.accepted")}</Badge>
          ) : (
            <Badge tone="critical">{t("request.inspection.refused")}</Badge>
          )}
        </InlineStack>
        {verdict?.eligible ? (
          <Text as="p">
            {verdict.resolutions.length
              ? t("request.inspection.offers", { resolutions: verdict.resolutions.join(", ") })
              : t("request.inspection.offersNothing")}
          </Text>
        ) : null}
        {verdict && verdict.refusals.length ? (
          <List type="bullet">
            {verdict.refusals.map((text, i) => (
              <List.Item key={i}>{text}</List.Item>
            ))}
          </List>
        ) : null}
      </BlockStack>
    </Box>
  );
}

/** The engine's two decisions side by side, per item: on the shopper's word, and on what the shop found. */
export function InspectionCard(props: {
  inspection: InspectionData;
  when: (iso: string) => string;
  quoteAllowed: boolean;
  onQuote: () => void;
}) {
  const { inspection } = props;
  const t = useT();
  return (
    <section aria-labelledby="inspection-heading">
      <Card>
        <BlockStack gap="400">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd" id="inspection-heading">
              {t("request.inspection.heading")}
            </Text>
            <Text as="p" tone="subdued">
              {`${t("request.inspection.recorded", { when: props.when(inspection.at) })}${
                inspection.by ? t("request.inspection.by", { by: inspection.by }) : ""
              }. ${
                inspection.changed
                  ? t("request.inspection.changed")
                  : t("request.inspection.unchanged")
              }`}
            </Text>
          </BlockStack>
          {inspection.lines.map((line) => (
            <BlockStack gap="300" key={line.id}>
              <InlineStack gap="200" blockAlign="center">
                <Text as="h3" variant="headingSm">
                  {line.title || t("request.lines.item")}
                </Text>
                {line.sendBack ? (
                  <Badge tone="warning">{t("request.inspection.sendBack")}</Badge>
                ) : null}
              </InlineStack>
              {line.finding ? (
                <Text as="p" tone="subdued">
                  {t("request.inspection.found", { findings: findingWords({ lineId: line.id, condition: line.finding.condition, cause: line.finding.cause as Finding["cause"] }) })}
                </Text>
              ) : null}
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
                <VerdictColumn
                  heading={t("request.inspection.onWord")}
                  verdict={line.shopper}
                />
                <VerdictColumn
                  heading={t("request.inspection.onFound")}
                  verdict={line.inspected}
                />
              </InlineGrid>
              {line.alternative ? (
                <InlineStack gap="300" blockAlign="center">
                  <Text as="p">{t("request.inspection.paidRepair")}</Text>
                  {props.quoteAllowed ? (
                    <Button onClick={props.onQuote}>{t("request.inspection.quote")}</Button>
                  ) : null}
                </InlineStack>
              ) : null}
              <Divider />
            </BlockStack>
          ))}
          {inspection.refund.shopper !== inspection.refund.inspected ? (
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
              <Text as="p">{t("request.inspection.refundWord", { refund: inspection.refund.shopper ?? t("request.inspection.none") })}</Text>
              <Text as="p">{t("request.inspection.refundFound", { refund: inspection.refund.inspected ?? t("request.inspection.none") })}</Text>
            </InlineGrid>
          ) : null}
          {inspection.note ? (
            <Text as="p">{t("request.inspection.note", { note: inspection.note })}</Text>
          ) : null}
        </BlockStack>
      </Card>
    </section>
  );
}

export type FormLine = {
  id: string;
  title: string;
  condition: Finding["condition"];
  cause: string | null;
};

/** Per item: which of the policy's conditions hold as it arrived, and the cause of any damage, in the policy's words. */
export function InspectionFields(props: {
  lines: FormLine[];
  onChange: (lines: FormLine[]) => void;
}) {
  const t = useT();
  const set = (i: number, line: FormLine) =>
    props.onChange(props.lines.map((l, j) => (j === i ? line : l)));
  return (
    <BlockStack gap="400">
      {props.lines.map((line, i) => (
        <fieldset key={line.id} style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            <Text as="span" variant="headingSm">
              {t("request.inspection.arrived", { title: line.title || t("request.lines.item") })}
            </Text>
          </legend>
          <BlockStack gap="100">
            {CONDITION_WORDS.map((word) => (
              <Checkbox
                key={word.key}
                id={`finding-${line.id}-${word.key}`}
                label={word.label}
                checked={holds(word, line.condition)}
                onChange={(checked) =>
                  set(i, {
                    ...line,
                    condition: withHolding(line.condition, word, checked),
                  })
                }
              />
            ))}
            <Select
              id={`finding-${line.id}-cause`}
              label={t("request.inspection.cause")}
              options={[
                { value: "", label: t("request.inspection.noDamage") },
                ...CAUSE_WORDS.map((c) => ({
                  value: c.value,
                  label: `${c.label[0].toUpperCase()}${c.label.slice(1)}`,
                })),
              ]}
              value={line.cause ?? ""}
              onChange={(value) => set(i, { ...line, cause: value || null })}
            />
          </BlockStack>
        </fieldset>
      ))}
    </BlockStack>
  );
}
