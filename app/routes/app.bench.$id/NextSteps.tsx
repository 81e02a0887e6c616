import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { useT } from "../../i18n/react";
import type { RepairMove } from "../../repairs/machine";

/** The ticket's next moves as buttons (the first one primary), and cancelling it with a reason. */
export function NextSteps(props: { plain: RepairMove[]; canCancel: boolean; busy: boolean; pending: string; post: (fields: Record<string, string>) => void; reasonError?: string }) {
  const { plain, canCancel, busy, pending, post } = props;
  const [cancelReason, setCancelReason] = useState("");
  const t = useT();
  if (!plain.length && !canCancel) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("ticket.next.heading")}
        </Text>
        {plain.length ? (
          <InlineStack gap="200">
            {plain.map((m) => (
              <Button key={m} variant={m === plain[0] ? "primary" : undefined} loading={busy && pending === m} disabled={busy} onClick={() => post({ intent: "move", move: m })}>
                {t(`bench.move.${m}`)}
              </Button>
            ))}
          </InlineStack>
        ) : null}
        {canCancel ? (
          <InlineStack gap="200" blockAlign="end">
            <div style={{ flex: 1 }}>
              <TextField label={t("ticket.next.reason")} value={cancelReason} onChange={setCancelReason} autoComplete="off" error={props.reasonError} />
            </div>
            <Button tone="critical" disabled={busy} onClick={() => post({ intent: "move", move: "cancel", reason: cancelReason })}>
              {t("bench.move.cancel")}
            </Button>
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
