import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { MOVE_LABELS, type RepairMove } from "../../repairs/machine";

/** The ticket's next moves as buttons (the first one primary), and cancelling it with a reason. */
export function NextSteps(props: { plain: RepairMove[]; canCancel: boolean; busy: boolean; pending: string; post: (fields: Record<string, string>) => void; reasonError?: string }) {
  const { plain, canCancel, busy, pending, post } = props;
  const [cancelReason, setCancelReason] = useState("");
  if (!plain.length && !canCancel) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Next steps
        </Text>
        {plain.length ? (
          <InlineStack gap="200">
            {plain.map((m) => (
              <Button key={m} variant={m === plain[0] ? "primary" : undefined} loading={busy && pending === m} disabled={busy} onClick={() => post({ intent: "move", move: m })}>
                {MOVE_LABELS[m]}
              </Button>
            ))}
          </InlineStack>
        ) : null}
        {canCancel ? (
          <InlineStack gap="200" blockAlign="end">
            <div style={{ flex: 1 }}>
              <TextField label="Reason to cancel" value={cancelReason} onChange={setCancelReason} autoComplete="off" error={props.reasonError} />
            </div>
            <Button tone="critical" disabled={busy} onClick={() => post({ intent: "move", move: "cancel", reason: cancelReason })}>
              Cancel ticket
            </Button>
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
