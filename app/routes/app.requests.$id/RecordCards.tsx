import type { FetcherWithComponents } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";

import { useAdminLocale, useT } from "../../i18n/react";
import { when, type ActionData, type DetailView } from "./types";

// The request's record on its page: the repair quote, the timeline with the team's notes, and
// every money movement.

/** The paid repair quoted to the shopper, where it stands, and its withdrawal while it awaits them. */
export function QuoteCard(props: { quote: NonNullable<DetailView["quote"]>; busy: boolean; withdrawing: boolean; onWithdraw: () => void }) {
  const { quote, busy, withdrawing, onWithdraw } = props;
  const t = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("request.quoteCard.heading")}
          </Text>
          <Badge tone={quote.status === "accepted" ? "success" : quote.status === "declined" ? "critical" : quote.status === "withdrawn" ? undefined : "attention"}>
            {t(`request.quoteCard.${quote.status === "awaiting" ? "awaiting" : quote.status === "accepted" ? (quote.invoiceUrl ? "acceptedSent" : "acceptedPending") : quote.status === "withdrawn" ? "withdrawn" : "declined"}`)}
          </Badge>
        </InlineStack>
        <Text as="p">
          {t("request.quoteCard.for", { amount: quote.amount, description: quote.description })}
          {quote.by ? t("request.quoteCard.by", { by: quote.by }) : ""}
        </Text>
        {quote.draftOrderId ? (
          <Text as="p" tone="subdued">
            {t("request.quoteCard.draft", { id: quote.draftOrderId.split("/").pop() })}
          </Text>
        ) : null}
        {quote.status === "awaiting" ? (
          <InlineStack>
            <Button onClick={onWithdraw} loading={withdrawing} disabled={busy}>
              {t("request.quoteCard.withdraw")}
            </Button>
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

/** What happened, newest last, and the team's internal note (posted through the page's fetcher). */
export function TimelineCard(props: { timeline: DetailView["timeline"]; timezone: string; fetcher: FetcherWithComponents<ActionData>; note: string; onNote: (note: string) => void; busy: boolean }) {
  const { timeline, timezone, fetcher, note, onNote, busy } = props;
  const t = useT();
  const { language } = useAdminLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("request.timeline.heading")}
        </Text>
        {timeline.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("request.timeline.empty")}
          </Text>
        ) : (
          <ol style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label={t("request.timeline.heading")}>
            {timeline.map((e) => (
              <li key={e.id} style={{ padding: "6px 0", borderBottom: "1px solid var(--p-color-border-secondary)" }}>
                <InlineStack gap="200" blockAlign="center">
                  <Badge tone={e.type === "failed" ? "critical" : e.type === "refunded" || e.type === "credited" || e.type === "invoiced" ? "success" : e.type === "override" ? "attention" : e.by === "Shopify admin" ? "info" : undefined}>{t(`request.event.${e.type}`, { defaultValue: e.type })}</Badge>
                  <Text as="span">{e.message}</Text>
                  {e.internal ? <Badge size="small">{t("request.timeline.teamOnly")}</Badge> : null}
                </InlineStack>
                <Text as="p" tone="subdued" variant="bodySm">
                  {e.by} · {when(e.at, timezone, language)}
                </Text>
              </li>
            ))}
          </ol>
        )}
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="note" />
          <BlockStack gap="200">
            <TextField label={t("request.timeline.note")} name="note" value={note} onChange={onNote} multiline={2} autoComplete="off" helpText={t("request.timeline.noteHelp")} />
            <InlineStack>
              <Button submit disabled={!note.trim() || busy}>
                {t("request.timeline.add")}
              </Button>
            </InlineStack>
          </BlockStack>
        </fetcher.Form>
      </BlockStack>
    </Card>
  );
}

/** Every money operation for the request: amount, method, status, Shopify's id, who and when. */
export function MoneyCard({ money, timezone }: { money: DetailView["money"]; timezone: string }) {
  const t = useT();
  const { language } = useAdminLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("request.money.heading")}
        </Text>
        {money.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("request.money.empty")}
          </Text>
        ) : (
          <table style={{ width: "100%", borderCollapse: "collapse" }}>
            <thead>
              <tr style={{ textAlign: "left" }}>
                <th scope="col">{t("request.money.amount")}</th>
                <th scope="col">{t("request.money.method")}</th>
                <th scope="col">{t("request.money.status")}</th>
                <th scope="col">{t("request.money.id")}</th>
                <th scope="col">{t("request.money.staff")}</th>
                <th scope="col">{t("request.money.when")}</th>
              </tr>
            </thead>
            <tbody>
              {money.map((m) => (
                <tr key={m.key}>
                  <td>{m.amount}</td>
                  <td>{t(`request.operation.kind.${m.kind}`, { defaultValue: m.kind.replace("_", " ") })}</td>
                  <td>{t(`request.operation.status.${m.status}`, { defaultValue: m.status })}</td>
                  <td style={{ wordBreak: "break-all" }}>{m.shopifyResultId ?? "—"}</td>
                  <td>{m.staff ?? "—"}</td>
                  <td>{when(m.at, timezone, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </BlockStack>
    </Card>
  );
}
