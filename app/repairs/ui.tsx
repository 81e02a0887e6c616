import { Badge, InlineStack } from "@shopify/polaris";

import { STATE_LABELS, localDateWords, type RepairState } from "./machine";

export { localDateWords };

/** Small pieces the bench's pages share (client-safe: no server imports). */

const TONES: Record<RepairState, "info" | "attention" | "success" | "critical" | "warning" | undefined> = {
  awaiting_item: "attention",
  received: "info",
  assessed: "info",
  quoted: "warning",
  quote_accepted: "success",
  quote_declined: "critical",
  quote_expired: "critical",
  at_bench: "info",
  ready: "success",
  sent_back: undefined,
  collected: undefined,
  cancelled: undefined,
};

export function StateBadge({ state }: { state: RepairState }) {
  return <Badge tone={TONES[state]}>{STATE_LABELS[state] ?? state}</Badge>;
}

/** The due date as the shop writes it, with the flags that matter at a glance. */
export function DueDate({ dueOn, overdue, rush }: { dueOn: string | null; overdue: boolean; rush: boolean }) {
  return (
    <InlineStack gap="100" blockAlign="center" wrap={false}>
      <span>{dueOn ? localDateWords(dueOn) : "Not promised yet"}</span>
      {overdue ? <Badge tone="critical">Overdue</Badge> : null}
      {rush ? <Badge tone="warning">Rush</Badge> : null}
    </InlineStack>
  );
}
