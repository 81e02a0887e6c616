import { Badge, BlockStack, Button, Card, Divider, InlineStack, List, Text } from "@shopify/polaris";

import { DeskPhotoThumbnail } from "../../components/DeskPhoto";
import { reasonLabel } from "../../desk/ui";
import { useT } from "../../i18n/react";
import type { RequestView } from "./types";

/**
 * Each requested item with the policy's decision on it, the shopper's answers, notes and photos,
 * any override, and the engine's refund.
 */
export function LinesCard(props: {
  request: RequestView;
  canOverride: boolean;
  onPhoto: (photo: { key: string; label: string }) => void;
  /** The line to override and the decision the dialog starts on (the opposite of the policy's). */
  onOverride: (lineId: string, decision: "approve" | "refuse") => void;
}) {
  const { request: r, canOverride, onPhoto, onOverride } = props;
  const t = useT();
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("request.lines.heading")}
        </Text>
        {r.lines.map((line) => (
          <BlockStack gap="200" key={line.id}>
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h3" variant="headingSm">
                {line.quantity} × {line.title || t("request.lines.item")}
              </Text>
              <InlineStack gap="200">
                {line.eligible === null ? <Badge>{t("request.lines.noDecision")}</Badge> : line.eligible ? <Badge tone="success">{t("request.lines.eligible")}</Badge> : <Badge tone="critical">{t("request.lines.notEligible")}</Badge>}
                {line.override ? <Badge tone="attention">{line.override.decision === "approve" ? t("request.lines.goodwill") : t("request.lines.refusedOverride")}</Badge> : null}
              </InlineStack>
            </InlineStack>
            <Text as="p" tone="subdued">
              {t("request.lines.reason", { reason: reasonLabel(line.reason, t) })}
              {line.cause ? t("request.lines.cause", { cause: line.cause.replace(/_/g, " ") }) : ""}
            </Text>
            {line.exchangeFor ? (
              <Text as="p">
                <Text as="span" fontWeight="semibold">
                  {t("request.lines.exchangeFor")}
                </Text>{" "}
                {line.exchangeFor}
              </Text>
            ) : null}
            {line.condition.length ? (
              <BlockStack gap="100">
                <Text as="p" tone="subdued">
                  {t("request.lines.answers")}
                </Text>
                <List type="bullet">
                  {line.condition.map((c) => (
                    <List.Item key={c.question}>{`${c.question}: ${t(c.answer === "Yes" ? "request.lines.yes" : "request.lines.no")}`}</List.Item>
                  ))}
                </List>
              </BlockStack>
            ) : null}
            {line.notes ? <Text as="p">&ldquo;{line.notes}&rdquo;</Text> : null}
            {line.explanation.length ? (
              <List type="bullet">
                {line.explanation.map((e, i) => (
                  <List.Item key={i}>
                    <Text as="span" tone={e.outcome === "blocked" ? "critical" : undefined}>
                      {e.text}
                    </Text>
                  </List.Item>
                ))}
              </List>
            ) : null}
            {line.override ? (
              <Text as="p" tone="subdued">
                {t("request.lines.overrideBy", { by: line.override.by, note: line.override.note })}
              </Text>
            ) : null}
            {line.photos.length ? (
              <InlineStack gap="200">
                {line.photos.map((p, n) => (
                  <DeskPhotoThumbnail key={p} requestId={r.id} photoKey={p} label={t("request.lines.photo", { n: n + 1, title: line.title })} onOpen={() => onPhoto({ key: p, label: t("request.lines.photo", { n: n + 1, title: line.title }) })} />
                ))}
              </InlineStack>
            ) : null}
            {canOverride ? (
              <InlineStack>
                <Button variant="plain" onClick={() => onOverride(line.id, line.eligible === false ? "approve" : "refuse")}>
                  {t("request.lines.override")}
                </Button>
              </InlineStack>
            ) : null}
            <Divider />
          </BlockStack>
        ))}
        {r.refund ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              {t("request.lines.refund", { amount: r.refund.formatted, method: r.refund.method === "store_credit" ? t("request.lines.storeCredit") : t("request.lines.original") })}
            </Text>
            <List type="bullet">
              {r.refund.explanation.map((text, i) => (
                <List.Item key={i}>{text}</List.Item>
              ))}
            </List>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
