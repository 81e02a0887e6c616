import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Button, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { useState } from "react";

import { adminLanguageOf } from "../i18n/admin";
import { adminLocale, adminT } from "../i18n/i18n.server";
import { useT } from "../i18n/react";
import { dataExports, shops } from "../repositories/index.server";
import { authenticate } from "../shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Customer data requests · Aftercare" }];

// Customer data requests (customers/data_request): each export Aftercare prepared, for the
// merchant to download and send to the customer. Only this shop's exports are listed.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const timezone = (await shops.find(session.shop))?.timezone ?? "UTC";
  const exports = await dataExports.list(session.shop);
  // The merchant's language (Shopify admin's locale) for the words and the dates, in the shop's zone.
  const locale = adminLocale(request);
  const t = adminT(locale);
  const dates = new Intl.DateTimeFormat(adminLanguageOf(locale) === "fr" ? "fr-FR" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: timezone });
  return json({
    title: t("privacy.metaTitle"),
    exports: exports.map((e) => ({
      id: e.id,
      who: e.email ?? e.customerId ?? t("privacy.unknownCustomer"),
      requestedAt: dates.format(e.requestedAt),
      requests: Array.isArray((e.data as { requests?: unknown[] }).requests) ? (e.data as { requests: unknown[] }).requests.length : 0,
    })),
  });
};

export default function Privacy() {
  const { exports } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Page title={t("privacy.title")}>
      <Layout>
        <Layout.Section>
          <Card padding="0">
            {exports.length === 0 ? (
              <EmptyState heading={t("privacy.empty")} image="">
                <p>{t("privacy.emptyBody")}</p>
              </EmptyState>
            ) : (
              <IndexTable itemCount={exports.length} selectable={false} headings={[{ title: t("privacy.column.customer") }, { title: t("privacy.column.requested") }, { title: t("privacy.column.held") }, { title: t("privacy.column.export") }]}>
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
                {t("privacy.whatHeading")}
              </Text>
              <Text as="p">{t("privacy.whatBody")}</Text>
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
  const t = useT();
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
      {failed ? t("privacy.failed") : t("privacy.download")}
    </Button>
  );
}
