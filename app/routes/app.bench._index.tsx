import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { BlockStack, Card, Select, EmptyState, IndexTable, InlineStack, Link as PolarisLink, Page, Pagination, Tabs, Text, Thumbnail, Box } from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";

import { adminT } from "../i18n/i18n.server";
import { useT } from "../i18n/react";
import { REPAIR_STATES, isOverdue } from "../repairs/machine";
import { QUEUE_PAGE_SIZE, TABS, shownCount } from "../repairs/queue-tabs";
import { queueSearchSchema } from "../repairs/forms.server";
import { benchContext } from "../repairs/context.server";
import { localToday } from "../repairs/bench.server";
import { serviceLabelOf } from "../repairs/policy";
import { DueDate, StateBadge, stateLabel, workLabel } from "../repairs/ui";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Bench · Aftercare" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, repairs, staff, policy, locale } = await benchContext(request);
  const parsed = queueSearchSchema.safeParse(Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== "")));
  if (!parsed.success) throw json({ message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, { status: 400 });
  const { tab: tabId, after, mine, state } = parsed.data;
  const tab = TABS.find((t) => t.id === tabId) ?? TABS[0];
  const today = localToday(new Date(), shop.timezone);
  const [page, counts] = await Promise.all([
    repairs.queue(shop.domain, { states: state ? [state] : tab.states, after: after ?? null, dueBefore: tab.overdue ? today : null, assigneeId: mine ? staff.id : null, take: QUEUE_PAGE_SIZE }),
    repairs.counts(shop.domain, today),
  ]);
  return json({
    title: adminT(locale)("bench.metaTitle"),
    tab: tab.id,
    state: state ?? "",
    mine: Boolean(mine),
    firstPage: !after,
    nextCursor: page.nextCursor,
    counts,
    any: Object.values(counts.byState).some((n) => n > 0),
    rows: page.rows.map((t) => ({
      id: t.id,
      job: t.job,
      image: t.itemImageUrl,
      item: t.itemTitle,
      customer: t.customerName,
      orderName: t.orderName,
      work: { origin: t.origin, kind: t.kind, service: t.service, serviceLabel: serviceLabelOf(policy, t.service) },
      dueOn: t.dueOn,
      overdue: isOverdue(t, today),
      rush: t.rush,
      assignee: t.assigneeName,
      state: t.state,
    })),
  });
};

export default function BenchQueue() {
  const data = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const tr = useT();
  const tabIndex = Math.max(0, TABS.findIndex((t) => t.id === data.tab));
  // A tab's count as shown ("1000+" where a closed state reached the cap) and as a number, which picks the plural.
  const number = (t: (typeof TABS)[number]) => (t.id === "overdue" ? data.counts.overdue : t.states.reduce((n, s) => n + data.counts.byState[s], 0));
  const count = (t: (typeof TABS)[number]) => (t.id === "overdue" ? String(data.counts.overdue) : shownCount(number(t), t.states.some((s) => data.counts.atLeast.includes(s))));
  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    next.delete("after");
    setParams(next);
  };

  return (
    <Page title={tr("bench.title")} subtitle={tr("bench.subtitle", { overdue: data.counts.overdue, open: count(TABS[0]) })} backAction={{ content: tr("bench.home"), url: "/app" }} fullWidth>
      <BlockStack gap="400">
        <Card padding="0">
          <Tabs
            tabs={TABS.map((t) => {
              const n = count(t);
              const label = tr(`bench.tabs.${t.id}`);
              return { id: `tab-${t.id}`, content: tr("bench.tab", { label, count: n }), accessibilityLabel: tr("bench.tabTickets", { label, count: number(t), total: n }), panelID: `panel-${t.id}` };
            })}
            selected={tabIndex}
            onSelect={(i) => go({ tab: TABS[i].id, state: null })}
          />
          <Box padding="300">
            <InlineStack gap="300" blockAlign="end">
              <Select label={tr("bench.stateFilter")} value={data.state} onChange={(v) => go({ state: v || null })} options={[{ label: tr("bench.anyState"), value: "" }, ...REPAIR_STATES.map((s) => ({ label: tr("bench.stateCount", { state: stateLabel(s, tr), count: shownCount(data.counts.byState[s], data.counts.atLeast.includes(s)) }), value: s }))]} />
              <PolarisLink onClick={() => go({ mine: data.mine ? null : "1" })}>{data.mine ? tr("bench.everyone") : tr("bench.mine")}</PolarisLink>
            </InlineStack>
          </Box>
          {/* A page's worth of rows is reserved, so a tab or filter with fewer tickets does not pull the pagination up. */}
          <div style={{ minHeight: `calc(${QUEUE_PAGE_SIZE} * ${ROW_HEIGHT} + 2.75rem)` }}>
          <IndexTable
            resourceName={{ singular: tr("bench.ticket.singular"), plural: tr("bench.ticket.plural") }}
            itemCount={data.rows.length}
            selectable={false}
            emptyState={
              <EmptyState heading={data.any ? tr("bench.empty.here") : tr("bench.empty.none")} image="">
                <p>{data.any ? tr("bench.empty.tryAnother") : tr("bench.empty.noneBody")}</p>
              </EmptyState>
            }
            headings={[{ title: tr("bench.column.job") }, ...COLUMNS.map((c) => ({ title: tr(`bench.column.${c}`) }))]}
          >
            {data.rows.map((t, index) => (
              <IndexTable.Row id={t.id} key={t.id} position={index}>
                <IndexTable.Cell>
                  <PolarisLink url={`/app/bench/${t.id}`} removeUnderline dataPrimaryLink>
                    <Text as="span" fontWeight="semibold">
                      {t.job}
                    </Text>
                  </PolarisLink>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <InlineStack gap="200" blockAlign="center" wrap={false}>
                    <Thumbnail source={t.image ?? ImageIcon} alt={t.image ? t.item : ""} size="small" />
                    <Text as="span" truncate>
                      {t.item}
                    </Text>
                  </InlineStack>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <BlockStack>
                    <Text as="span">{t.customer ?? tr("bench.guest")}</Text>
                    <Text as="span" tone="subdued" variant="bodySm">
                      {t.orderName}
                    </Text>
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>{workLabel(t.work, tr)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <DueDate dueOn={t.dueOn} overdue={t.overdue} rush={t.rush} />
                </IndexTable.Cell>
                <IndexTable.Cell>{t.assignee ?? <Text as="span" tone="subdued">{tr("bench.nobody")}</Text>}</IndexTable.Cell>
                <IndexTable.Cell>
                  <StateBadge state={t.state} />
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
          </div>
          <Box padding="300">
            <InlineStack align="center">
              <Pagination
                hasPrevious={!data.firstPage}
                previousTooltip={tr("bench.previous")}
                onPrevious={() => navigate(-1)}
                hasNext={data.nextCursor !== null}
                onNext={() => {
                  const next = new URLSearchParams(params);
                  if (data.nextCursor !== null) next.set("after", String(data.nextCursor));
                  setParams(next);
                }}
                label={data.firstPage ? tr("bench.firstPage") : tr("bench.laterPage")}
              />
            </InlineStack>
          </Box>
        </Card>
      </BlockStack>
    </Page>
  );
}

const COLUMNS = ["item", "customer", "work", "due", "assignee", "state"] as const;

/** A row with its thumbnail and the customer's two lines. */
const ROW_HEIGHT = "3.75rem";
