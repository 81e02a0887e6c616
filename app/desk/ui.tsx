import { Badge, Banner, BlockStack, Card, EmptyState, InlineGrid, Page, Select, Text, TextField } from "@shopify/polaris";

import { useT } from "../i18n/react";
import type { ExchangePreview } from "./actions.server";
import { statusLabel } from "./labels";
import type { DeskStatus } from "./machine";

/** Small pieces the desk's pages share (client-safe: no server imports). */

export { kindLabel, reasonLabel, resolutionLabel, statusLabel } from "./labels";

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
  const t = useT();
  return <Badge tone={TONES[status]}>{statusLabel(status, t)}</Badge>;
}

/** Shopify's decline reasons (ReturnDeclineReason); their words are `labels.declineReason.*`. */
export const DECLINE_REASONS = ["RETURN_PERIOD_ENDED", "FINAL_SALE", "OTHER"] as const;

export function DeclineFields(props: { reason: string; onReason: (v: string) => void; message: string; onMessage: (v: string) => void; helpText?: string }) {
  const t = useT();
  return (
    <BlockStack gap="300">
      <Select label={t("decline.reason")} name="reason" options={DECLINE_REASONS.map((value) => ({ value, label: t(`labels.declineReason.${value}`) }))} value={props.reason} onChange={props.onReason} />
      <TextField
        label={t("decline.message")}
        name="message"
        value={props.message}
        onChange={props.onMessage}
        multiline={3}
        maxLength={500}
        showCharacterCount
        autoComplete="off"
        helpText={props.helpText ?? t("decline.help")}
      />
    </BlockStack>
  );
}

/** The styled not-found page (unknown addresses, requests of another shop or removed). */
export function NotFoundPage({ message }: { message?: string }) {
  const t = useT();
  return (
    <Page title={t("notFound.title")}>
      <Card>
        <EmptyState heading={t("notFound.heading")} image="" action={{ content: t("notFound.toRequests"), url: "/app/requests" }} secondaryAction={{ content: t("notFound.home"), url: "/app" }}>
          <p>{message ?? t("notFound.body")}</p>
        </EmptyState>
      </Card>
    </Page>
  );
}

/** The figures of an exchange preview the dialog reads (a type only: nothing of the server module reaches the browser). */
export type ExchangeFigures = Omit<ExchangePreview, "method" | "amountMinor">;

/** The confirm button of an exchange: what the click does, money included. */
export function exchangeConfirmLabel(p: ExchangeFigures): string {
  if (p.settlement === "refund") return `Process exchange and refund ${p.formatted}`;
  if (p.settlement === "store_credit") return `Process exchange and credit ${p.formatted}`;
  if (p.settlement === "charge") return `Process exchange and invoice ${p.formatted}`;
  return "Process exchange";
}

const SETTLED: Record<ExchangeFigures["settlement"], string> = {
  none: "Nothing (same value)",
  refund: "Refunded to the original payment",
  store_credit: "Credited as store credit",
  charge: "Invoiced to the shopper (Shopify's payment link)",
};

/** What an exchange will do, before the merchant confirms: the sentence, then each figure. */
export function ExchangeSummary({ preview }: { preview: ExchangeFigures }) {
  const shopify = preview.shopifyMinor === null ? "Not available" : preview.shopifyMinor === 0 ? "No difference" : `${preview.shopifyFormatted} ${preview.shopifyMinor > 0 ? "to pay" : "back"}`;
  return (
    <BlockStack gap="300">
      {preview.warning ? (
        <Banner tone="warning" title="Check before confirming">
          <p>{preview.warning}</p>
        </Banner>
      ) : null}
      <Text as="p" fontWeight="semibold">
        {preview.summary}
      </Text>
      <InlineGrid columns={2} gap="200">
        <Text as="span" tone="subdued">Sent to the shopper</Text>
        <Text as="span">{preview.items}</Text>
        <Text as="span" tone="subdued">Difference</Text>
        <Text as="span">{preview.settlement === "none" ? "None" : preview.formatted}</Text>
        <Text as="span" tone="subdued">How</Text>
        <Text as="span">{SETTLED[preview.settlement]}{preview.settlement === "store_credit" ? (preview.expiresOn ? `, expiring ${preview.expiresOn}` : ", no expiry") : ""}</Text>
        <Text as="span" tone="subdued">To</Text>
        <Text as="span">{preview.settlement === "charge" ? (preview.email ?? "No email on the order") : preview.to}</Text>
        <Text as="span" tone="subdued">Currency</Text>
        <Text as="span">{preview.currency} (what the shopper paid in)</Text>
        <Text as="span" tone="subdued">Shopify&apos;s figure</Text>
        <Text as="span">{shopify}</Text>
      </InlineGrid>
      <Text as="p" tone="subdued">
        Done once: a second click, a retry or a colleague acting at the same time cannot process it, refund it or invoice it again.
      </Text>
    </BlockStack>
  );
}

/** An exchange's invoice that is not sent yet: why, and the button that sends it (once). */
export function InvoiceBanner(props: { invoice: { state: "sending" | "review" | "unsent" | "sent"; amount: string; reason: string | null }; busy: boolean; onSend: () => void }) {
  const { invoice } = props;
  if (invoice.state === "sending") {
    return (
      <Banner tone="info" title={`The invoice for ${invoice.amount} is being sent`}>
        <p>Refresh in a moment to see it on the timeline. It is sent once.</p>
      </Banner>
    );
  }
  if (invoice.state === "review") {
    return (
      <Banner tone="warning" title={`The invoice for ${invoice.amount} is held for review`}>
        <p>{invoice.reason ?? "Check the order in Shopify admin."} Send it from the order in Shopify admin once the figures are right.</p>
      </Banner>
    );
  }
  return (
    <Banner tone="critical" title={`The invoice for ${invoice.amount} was not sent`} action={{ content: "Send the invoice again", onAction: props.onSend, disabled: props.busy, loading: props.busy }}>
      <p>{invoice.reason ?? "Shopify did not send it."} The exchange itself is done; the shopper still owes the difference.</p>
    </Banner>
  );
}
