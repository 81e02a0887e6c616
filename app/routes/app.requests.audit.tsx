import { fallbackName } from "../desk/staff.server";
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";

import { deskReader } from "../desk/context.server";
import { formatMoneyIn } from "../domain/money";

export const meta: MetaFunction = () => [{ title: "Money audit · Aftercare" }];

/** Every money movement the desk made: amount, currency, method, Shopify ids, staff member, when. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, repos, locale } = await deskReader(request);
  const events = await repos.desk.moneyEvents(shop.domain, 200);
  return json({
    timezone: shop.timezone,
    rows: events.map((e) => ({
      id: e.id,
      requestId: e.requestId,
      amount: e.amountMinor !== null && e.currency ? formatMoneyIn(e.amountMinor, e.currency, locale) : "—",
      method: e.type === "refunded" ? "Refund to original payment" : "Store credit",
      expiresOn: typeof e.data.expiresOn === "string" ? e.data.expiresOn : null,
      shopifyResultId: typeof e.data.shopifyResultId === "string" ? e.data.shopifyResultId : null,
      shopifyOrderId: typeof e.data.shopifyOrderId === "string" ? e.data.shopifyOrderId : null,
      key: typeof e.data.key === "string" ? e.data.key : null,
      staff: e.staffName ?? (e.staffId ? fallbackName(e.staffId) : "—"),
      at: e.at.toISOString(),
    })),
  });
};

export default function MoneyAudit() {
  const { rows, timezone } = useLoaderData<typeof loader>();
  return (
    <Page title="Money audit" subtitle="Every refund and store credit sent from the desk" backAction={{ content: "Requests", url: "/app/requests" }} fullWidth>
      <Card padding="0">
        <IndexTable
          resourceName={{ singular: "money movement", plural: "money movements" }}
          itemCount={rows.length}
          selectable={false}
          emptyState={
            <EmptyState heading="No money has moved yet" image="">
              <p>Refunds and store credit sent from a request appear here with who sent them.</p>
            </EmptyState>
          }
          headings={[{ title: "When" }, { title: "Amount" }, { title: "Method" }, { title: "Shopify refund or credit" }, { title: "Order" }, { title: "Staff member" }, { title: "Request" }]}
        >
          {rows.map((r, i) => (
            <IndexTable.Row id={r.id} key={r.id} position={i}>
              <IndexTable.Cell>{new Date(r.at).toLocaleString("en-GB", { timeZone: timezone, dateStyle: "medium", timeStyle: "short" })}</IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" fontWeight="semibold">
                  {r.amount}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                {r.method}
                {r.expiresOn ? ` (expires ${r.expiresOn})` : ""}
              </IndexTable.Cell>
              <IndexTable.Cell>{r.shopifyResultId ?? "—"}</IndexTable.Cell>
              <IndexTable.Cell>{r.shopifyOrderId ?? "—"}</IndexTable.Cell>
              <IndexTable.Cell>{r.staff}</IndexTable.Cell>
              <IndexTable.Cell>
                <Link to={`/app/requests/${r.requestId}`}>Open</Link>
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </Card>
    </Page>
  );
}
