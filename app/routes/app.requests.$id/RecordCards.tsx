import type { FetcherWithComponents } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";

import { when, type ActionData, type DetailView } from "./types";

// The request's record on its page: the repair quote, the timeline with the team's notes, and
// every money movement.

/** The paid repair quoted to the shopper, where it stands, and its withdrawal while it awaits them. */
export function QuoteCard(props: { quote: NonNullable<DetailView["quote"]>; busy: boolean; withdrawing: boolean; onWithdraw: () => void }) {
  const { quote, busy, withdrawing, onWithdraw } = props;
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Repair quote
          </Text>
          <Badge tone={quote.status === "accepted" ? "success" : quote.status === "declined" ? "critical" : quote.status === "withdrawn" ? undefined : "attention"}>
            {quote.status === "awaiting" ? "Awaiting the shopper" : quote.status === "accepted" ? (quote.invoiceUrl ? "Accepted · invoice sent" : "Accepted · invoice pending") : quote.status === "withdrawn" ? "Withdrawn" : "Declined"}
          </Badge>
        </InlineStack>
        <Text as="p">
          {quote.amount} for {quote.description}
          {quote.by ? ` · quoted by ${quote.by}` : ""}
        </Text>
        {quote.draftOrderId ? (
          <Text as="p" tone="subdued">
            Shopify draft order {quote.draftOrderId.split("/").pop()}
          </Text>
        ) : null}
        {quote.status === "awaiting" ? (
          <InlineStack>
            <Button onClick={onWithdraw} loading={withdrawing} disabled={busy}>
              Withdraw quote
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
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Timeline
        </Text>
        {timeline.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing has happened yet.
          </Text>
        ) : (
          <ol style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Timeline">
            {timeline.map((e) => (
              <li key={e.id} style={{ padding: "6px 0", borderBottom: "1px solid var(--p-color-border-secondary)" }}>
                <InlineStack gap="200" blockAlign="center">
                  <Badge tone={e.type === "failed" ? "critical" : e.type === "refunded" || e.type === "credited" || e.type === "invoiced" ? "success" : e.type === "override" ? "attention" : e.by === "Shopify admin" ? "info" : undefined}>{e.type}</Badge>
                  <Text as="span">{e.message}</Text>
                  {e.internal ? <Badge size="small">Team only</Badge> : null}
                </InlineStack>
                <Text as="p" tone="subdued" variant="bodySm">
                  {e.by} · {when(e.at, timezone)}
                </Text>
              </li>
            ))}
          </ol>
        )}
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="note" />
          <BlockStack gap="200">
            <TextField label="Internal note" name="note" value={note} onChange={onNote} multiline={2} autoComplete="off" helpText="Only your team sees notes." />
            <InlineStack>
              <Button submit disabled={!note.trim() || busy}>
                Add note
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
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Money movements
        </Text>
        {money.length === 0 ? (
          <Text as="p" tone="subdued">
            No money has moved for this request.
          </Text>
        ) : (
          <table style={{ width: "100%", borderCollapse: "collapse" }}>
            <thead>
              <tr style={{ textAlign: "left" }}>
                <th scope="col">Amount</th>
                <th scope="col">Method</th>
                <th scope="col">Status</th>
                <th scope="col">Shopify id</th>
                <th scope="col">Staff</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {money.map((m) => (
                <tr key={m.key}>
                  <td>{m.amount}</td>
                  <td>{m.kind.replace("_", " ")}</td>
                  <td>{m.status}</td>
                  <td style={{ wordBreak: "break-all" }}>{m.shopifyResultId ?? "—"}</td>
                  <td>{m.staff ?? "—"}</td>
                  <td>{when(m.at, timezone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </BlockStack>
    </Card>
  );
}
