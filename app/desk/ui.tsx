import { Badge, Banner, BlockStack, Card, EmptyState, InlineGrid, Page, Select, Text, TextField } from "@shopify/polaris";

import type { Translate } from "../i18n/admin";
import { useT } from "../i18n/react";
import type { ExchangePreview } from "./actions.server";
import { english, statusLabel } from "./labels";
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
export function exchangeConfirmLabel(p: ExchangeFigures, t: Translate = english): string {
  if (p.settlement === "refund") return t("request.exchange.confirmRefund", { amount: p.formatted });
  if (p.settlement === "store_credit") return t("request.exchange.confirmCredit", { amount: p.formatted });
  if (p.settlement === "charge") return t("request.exchange.confirmCharge", { amount: p.formatted });
  return t("request.exchange.confirm");
}

/** What an exchange will do, before the merchant confirms: the sentence, then each figure. */
export function ExchangeSummary({ preview }: { preview: ExchangeFigures }) {
  const t = useT();
  const shopify = preview.shopifyMinor === null ? t("request.exchange.notAvailable") : preview.shopifyMinor === 0 ? t("request.exchange.noDifference") : t(preview.shopifyMinor > 0 ? "request.exchange.toPay" : "request.exchange.back", { amount: preview.shopifyFormatted });
  return (
    <BlockStack gap="300">
      {preview.warning ? (
        <Banner tone="warning" title={t("request.exchange.check")}>
          <p>{preview.warning}</p>
        </Banner>
      ) : null}
      <Text as="p" fontWeight="semibold">
        {preview.summary}
      </Text>
      <InlineGrid columns={2} gap="200">
        <Text as="span" tone="subdued">{t("request.exchange.sent")}</Text>
        <Text as="span">{preview.items}</Text>
        <Text as="span" tone="subdued">{t("request.exchange.difference")}</Text>
        <Text as="span">{preview.settlement === "none" ? t("request.exchange.none") : preview.formatted}</Text>
        <Text as="span" tone="subdued">{t("request.exchange.how")}</Text>
        <Text as="span">{t(`request.exchange.settled.${preview.settlement}`)}{preview.settlement === "store_credit" ? (preview.expiresOn ? t("request.exchange.expiring", { date: preview.expiresOn }) : t("request.exchange.noExpiry")) : ""}</Text>
        <Text as="span" tone="subdued">{t("request.exchange.to")}</Text>
        <Text as="span">{preview.settlement === "charge" ? (preview.email ?? t("request.exchange.noEmail")) : preview.to}</Text>
        <Text as="span" tone="subdued">{t("request.exchange.currency")}</Text>
        <Text as="span">{t("request.exchange.paidIn", { currency: preview.currency })}</Text>
        <Text as="span" tone="subdued">{t("request.exchange.shopify")}</Text>
        <Text as="span">{shopify}</Text>
      </InlineGrid>
      <Text as="p" tone="subdued">
        {t("request.exchange.once")}
      </Text>
    </BlockStack>
  );
}

/** An exchange's invoice that is not sent yet: why, and the button that sends it (once). */
export function InvoiceBanner(props: { invoice: { state: "sending" | "review" | "unsent" | "sent"; amount: string; reason: string | null }; busy: boolean; onSend: () => void }) {
  const { invoice } = props;
  const t = useT();
  if (invoice.state === "sending") {
    return (
      <Banner tone="info" title={t("request.exchange.invoice.sending", { amount: invoice.amount })}>
        <p>{t("request.exchange.invoice.sendingBody")}</p>
      </Banner>
    );
  }
  if (invoice.state === "review") {
    return (
      <Banner tone="warning" title={t("request.exchange.invoice.review", { amount: invoice.amount })}>
        <p>{invoice.reason ?? t("request.exchange.invoice.checkOrder")} {t("request.exchange.invoice.reviewBody")}</p>
      </Banner>
    );
  }
  return (
    <Banner tone="critical" title={t("request.exchange.invoice.unsent", { amount: invoice.amount })} action={{ content: t("request.exchange.invoice.again"), onAction: props.onSend, disabled: props.busy, loading: props.busy }}>
      <p>{invoice.reason ?? t("request.exchange.invoice.notSent")} {t("request.exchange.invoice.unsentBody")}</p>
    </Banner>
  );
}
