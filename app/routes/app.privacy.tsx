import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Button, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { useState } from "react";

import { dataExports, shops } from "../repositories/index.server";
import { authenticate } from "../shopify.server";

export const meta: MetaFunction = () => [{ title: "Customer data requests · Aftercare" }];

// Customer data requests (customers/data_request): each export Aftercare prepared, for the
// merchant to download and send to the customer. Only this shop's exports are listed.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const timezone = (await shops.find(session.shop))?.timezone ?? "UTC";
  const exports = await dataExports.list(session.shop);
  return json({
    exports: exports.map((e) => ({
      id: e.id,
      who: e.email ?? e.customerId ?? "unknown customer",
      requestedAt: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: timezone }).format(e.requestedAt),
      requests: Array.isArray((e.data as { requests?: unknown[] }).requests) ? (e.data as { requests: unknown[] }).requests.length : 0,
    })),
  });
};

export default function Privacy() {
  const { exports } = useLoaderData<typeof loader>();
  return (
    <Page title="Customer data requests">
      <Layout>
        <Layout.Section>
          <Card padding="0">
            {exports.length === 0 ? (
              <EmptyState heading="No customer data requests" image="">
                <p>When a customer asks Shopify for their data, Aftercare prepares what it holds about them here, to download and send on.</p>
              </EmptyState>
            ) : (
              <IndexTable itemCount={exports.length} selectable={false} headings={[{ title: "Customer" }, { title: "Requested" }, { title: "Requests held" }, { title: "Export" }]}>
                {exports.map((e, index) => (
                  <IndexTable.Row id={e.id} key={e.id} position={index}>
                    <IndexTable.Cell>{e.who}</IndexTable.Cell>
                    <IndexTable.Cell>{e.requestedAt}</IndexTable.Cell>
                    <IndexTable.Cell>{e.requests}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <DownloadButton id={e.id} />
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingSm">
                What is in an export
              </Text>
              <Text as="p">Every request Aftercare holds for the customer, with its lines, notes, photos and decisions. A customers/redact from Shopify removes the export too.</Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/**
 * Fetches the export (App Bridge adds the session token to the app's own fetches) and saves it
 * as a file: a plain link would leave the embedded admin without a token.
 */
function DownloadButton({ id }: { id: string }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  async function download() {
    setBusy(true);
    setFailed(false);
    try {
      const response = await fetch(`/app/privacy/${encodeURIComponent(id)}`);
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = `aftercare-data-request-${id}.json`;
      link.click();
      URL.revokeObjectURL(url);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button onClick={() => void download()} loading={busy} tone={failed ? "critical" : undefined}>
      {failed ? "Download failed: try again" : "Download JSON"}
    </Button>
  );
}
