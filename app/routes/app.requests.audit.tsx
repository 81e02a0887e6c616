import { fallbackName } from "../desk/staff.server";
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";

import { deskReader } from "../desk/context.server";
import { formatMoneyIn } from "../domain/money";
import { adminT } from "../i18n/i18n.server";
import { useAdminLocale, useT } from "../i18n/react";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Money audit · Aftercare" }];

/** Every money movement the desk made: amount, currency, method, Shopify ids, staff member, when. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, repos, locale } = await deskReader(request);
  const events = await repos.desk.moneyEvents(shop.domain, 200);
  return json({
    title: adminT(locale)("audit.metaTitle"),
    timezone: shop.timezone,
    rows: events.map((e) => ({
      id: e.id,
      requestId: e.requestId,
      amount: e.amountMinor !== null && e.currency ? formatMoneyIn(e.amountMinor, e.currency, locale) : "—",
      method: e.type === "refunded" ? ("refund" as const) : ("credit" as const),
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
  const t = useT();
  const { language } = useAdminLocale();
  // Dates and times in the merchant's language, in the shop's time zone.
  const intl = language === "fr" ? "fr-FR" : "en-GB";
  const day = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString(intl, { timeZone: "UTC", dateStyle: "medium" });
  return (
    <Page title={t("audit.title")} subtitle={t("audit.subtitle")} backAction={{ content: t("audit.back"), url: "/app/requests" }} fullWidth>
      <Card padding="0">
        <IndexTable
          resourceName={{ singular: t("audit.movement.singular"), plural: t("audit.movement.plural") }}
          itemCount={rows.length}
          selectable={false}
          emptyState={
            <EmptyState heading={t("audit.empty")} image="">
              <p>{t("audit.emptyBody")}</p>
            </EmptyState>
          }
          headings={[{ title: t("audit.column.when") }, { title: t("audit.column.amount") }, { title: t("audit.column.method") }, { title: t("audit.column.result") }, { title: t("audit.column.order") }, { title: t("audit.column.staff") }, { title: t("audit.column.request") }]}
        >
          {rows.map((r, i) => (
            <IndexTable.Row id={r.id} key={r.id} position={i}>
              <IndexTable.Cell>{new Date(r.at).toLocaleString(intl, { timeZone: timezone, dateStyle: "medium", timeStyle: "short" })}</IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" fontWeight="semibold">
                  {r.amount}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                {r.expiresOn ? t("audit.expires", { method: t(`audit.${r.method}`), date: day(r.expiresOn) }) : t(`audit.${r.method}`)}
              </IndexTable.Cell>
              <IndexTable.Cell>{r.shopifyResultId ?? "—"}</IndexTable.Cell>
              <IndexTable.Cell>{r.shopifyOrderId ?? "—"}</IndexTable.Cell>
              <IndexTable.Cell>{r.staff}</IndexTable.Cell>
              <IndexTable.Cell>
                <Link to={`/app/requests/${r.requestId}`}>{t("audit.open")}</Link>
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </Card>
    </Page>
  );
}
