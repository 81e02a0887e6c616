import { Badge, BlockStack, Card, EmptyState, Page, Select, TextField } from "@shopify/polaris";

import { STATUS_LABELS, type DeskStatus } from "./machine";

/** Small pieces the desk's pages share (client-safe: no server imports). */

const TONES: Record<DeskStatus, "info" | "attention" | "success" | "critical" | "warning" | undefined> = {
  requested: "attention",
  approved: "info",
  received: "warning",
  inspected: "warning",
  resolved: "success",
  closed: undefined,
  declined: "critical",
  cancelled: undefined,
};

export function StatusBadge({ status }: { status: DeskStatus }) {
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status] ?? status}</Badge>;
}

const KINDS: Record<string, string> = { return: "Return", warranty: "Warranty", service: "Service" };
export function kindLabel(kind: string): string {
  return KINDS[kind] ?? kind;
}

const REASONS: Record<string, string> = {
  changed_mind: "Changed mind",
  defective: "Faulty",
  damaged_in_transit: "Damaged in transit",
  wrong_item: "Wrong item",
  loose_crystal: "Loose crystal",
  other: "Other",
};
export function reasonLabel(reason: string): string {
  return REASONS[reason] ?? reason.replace(/_/g, " ");
}

/** Shopify's decline reasons (ReturnDeclineReason) in the merchant's words. */
export const DECLINE_REASONS = [
  { value: "RETURN_PERIOD_ENDED", label: "Return period ended" },
  { value: "FINAL_SALE", label: "Final sale" },
  { value: "OTHER", label: "Other" },
];

export function DeclineFields(props: { reason: string; onReason: (v: string) => void; message: string; onMessage: (v: string) => void }) {
  return (
    <BlockStack gap="300">
      <Select label="Reason (shown by Shopify)" name="reason" options={DECLINE_REASONS} value={props.reason} onChange={props.onReason} />
      <TextField
        label="Message to the shopper"
        name="message"
        value={props.message}
        onChange={props.onMessage}
        multiline={3}
        maxLength={500}
        showCharacterCount
        autoComplete="off"
        helpText="Sent with Shopify's decline email."
      />
    </BlockStack>
  );
}

/** The styled not-found page (unknown addresses, requests of another shop or removed). */
export function NotFoundPage({ message }: { message?: string }) {
  return (
    <Page title="Page not found">
      <Card>
        <EmptyState heading="There is nothing here" image="" action={{ content: "Go to requests", url: "/app/requests" }} secondaryAction={{ content: "Home", url: "/app" }}>
          <p>{message ?? "The address may be mistyped, or the request was removed."}</p>
        </EmptyState>
      </Card>
    </Page>
  );
}
