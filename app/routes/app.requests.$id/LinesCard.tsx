import { Badge, BlockStack, Button, Card, Divider, InlineStack, List, Text } from "@shopify/polaris";

import { DeskPhotoThumbnail } from "../../components/DeskPhoto";
import { reasonLabel } from "../../desk/ui";
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
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Items and the policy&apos;s decision
        </Text>
        {r.lines.map((line) => (
          <BlockStack gap="200" key={line.id}>
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h3" variant="headingSm">
                {line.quantity} × {line.title || "Item"}
              </Text>
              <InlineStack gap="200">
                {line.eligible === null ? <Badge>No decision</Badge> : line.eligible ? <Badge tone="success">Eligible</Badge> : <Badge tone="critical">Not eligible</Badge>}
                {line.override ? <Badge tone="attention">{line.override.decision === "approve" ? "Goodwill override" : "Refused by override"}</Badge> : null}
              </InlineStack>
            </InlineStack>
            <Text as="p" tone="subdued">
              Reason: {reasonLabel(line.reason)}
              {line.cause ? ` · cause: ${line.cause.replace(/_/g, " ")}` : ""}
            </Text>
            {line.exchangeFor ? (
              <Text as="p">
                <Text as="span" fontWeight="semibold">
                  Exchange for:
                </Text>{" "}
                {line.exchangeFor}
              </Text>
            ) : null}
            {line.condition.length ? (
              <BlockStack gap="100">
                <Text as="p" tone="subdued">
                  The shopper&apos;s answers about its condition:
                </Text>
                <List type="bullet">
                  {line.condition.map((c) => (
                    <List.Item key={c.question}>{`${c.question}: ${c.answer}`}</List.Item>
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
                Override by {line.override.by}: {line.override.note}
              </Text>
            ) : null}
            {line.photos.length ? (
              <InlineStack gap="200">
                {line.photos.map((p, n) => (
                  <DeskPhotoThumbnail key={p} requestId={r.id} photoKey={p} label={`Shopper's photo ${n + 1} of ${line.title}`} onOpen={() => onPhoto({ key: p, label: `Shopper's photo ${n + 1} of ${line.title}` })} />
                ))}
              </InlineStack>
            ) : null}
            {canOverride ? (
              <InlineStack>
                <Button variant="plain" onClick={() => onOverride(line.id, line.eligible === false ? "approve" : "refuse")}>
                  Override this decision…
                </Button>
              </InlineStack>
            ) : null}
            <Divider />
          </BlockStack>
        ))}
        {r.refund ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              The engine&apos;s refund: {r.refund.formatted} ({r.refund.method === "store_credit" ? "store credit" : "to the original payment"})
            </Text>
            <List type="bullet">
              {r.refund.explanation.map((t, i) => (
                <List.Item key={i}>{t}</List.Item>
              ))}
            </List>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
