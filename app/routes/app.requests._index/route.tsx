import type { MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation, useNavigate, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Link as PolarisLink,
  Modal,
  Page,
  Pagination,
  ProgressBar,
  Select,
  Tabs,
  Text,
  TextField,
  useIndexResourceState,
} from "@shopify/polaris";
import { useCallback, useEffect, useRef, useState } from "react";

import { LIST_PAGE_SIZE, LIST_TABS } from "../../desk/list-tabs";
import { DESK_STATUSES, type DeskStatus } from "../../desk/machine";
import { DeclineFields, StatusBadge, kindLabel, reasonLabel, statusLabel } from "../../desk/ui";
import { useAdminLocale, useT } from "../../i18n/react";
import { SearchBox } from "./SearchBox";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Requests · Aftercare" }];

const TABS = LIST_TABS;

export { action, loader } from "./data.server";
import type { loader } from "./data.server";

export default function Requests() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useAdminLocale();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const revalidator = useRevalidator();
  const [bulk, setBulk] = useState<{ intent: "approve" | "decline"; done: number; total: number; failures: string[] } | null>(null);
  const [declineOpen, setDeclineOpen] = useState(false);
  const [declineReason, setDeclineReason] = useState("OTHER");
  const [declineMessage, setDeclineMessage] = useState("");

  const rows = data.rows;
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(rows);

  const navigation = useNavigation();
  const pendingSearch = useRef<string | null>(null);
  useEffect(() => {
    pendingSearch.current = navigation.location && navigation.location.pathname === location.pathname ? navigation.location.search : null;
  }, [navigation.location, location.pathname]);
  const set = useCallback(
    // From the URL being opened if a navigation is under way (a tab clicked while a debounced
    // search waited), else the current one: a change never undoes one still loading.
    (changes: Record<string, string | null>) =>
      setParams((current) => {
        const next = new URLSearchParams(pendingSearch.current ?? current);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        next.delete("after");
        return next;
      }),
    [setParams],
  );

  const search = useCallback((q: string) => set({ q: q.trim() || null }), [set]);

  const selectedRequested = rows.filter((r) => selectedResources.includes(r.id) && r.status === "requested");
  const runBulk = async (intent: "approve" | "decline") => {
    const ids = selectedRequested.map((r) => r.id);
    setBulk({ intent, done: 0, total: ids.length, failures: [] });
    const failures: string[] = [];
    for (const [i, id] of ids.entries()) {
      const form = new FormData();
      form.set("intent", intent);
      form.set("id", id);
      if (intent === "decline") {
        form.set("reason", declineReason);
        form.set("message", declineMessage);
      }
      const response = await fetch(`${location.pathname}?index&_data=${encodeURIComponent("routes/app.requests._index")}`, { method: "POST", body: form });
      const body = (await response.json().catch(() => ({ ok: false, message: `HTTP ${response.status}` }))) as { ok: boolean; message: string };
      if (!body.ok) failures.push(`${rows.find((r) => r.id === id)?.reference ?? id}: ${body.message}`);
      setBulk({ intent, done: i + 1, total: ids.length, failures: [...failures] });
    }
    clearSelection();
    revalidator.revalidate();
  };

  const tabIndex = Math.max(0, TABS.findIndex((t) => t.id === data.tab));
  const empty = !data.anyRequests ? (
    <EmptyState heading={t("requests.empty.heading")} image="" action={{ content: t("requests.empty.policy"), url: "/app" }}>
      <p>{t("requests.empty.body")}</p>
    </EmptyState>
  ) : (
    <EmptyState heading={t("requests.empty.noMatch")} image="">
      <p>{t("requests.empty.noMatchBody")}</p>
    </EmptyState>
  );

  return (
    <Page title={t("requests.title")} backAction={{ content: t("requests.home"), url: "/app" }} secondaryActions={[{ content: t("requests.moneyAudit"), url: "/app/requests/audit" }]} fullWidth>
      <BlockStack gap="400">
        {bulk ? (
          <Banner
            tone={bulk.failures.length ? "warning" : bulk.done === bulk.total ? "success" : "info"}
            title={bulk.done < bulk.total ? t(bulk.intent === "approve" ? "requests.bulk.approving" : "requests.bulk.declining", { current: bulk.done + 1, total: bulk.total }) : t(bulk.intent === "approve" ? "requests.bulk.approved" : "requests.bulk.declined", { done: bulk.total - bulk.failures.length, total: bulk.total })}
            onDismiss={bulk.done === bulk.total ? () => setBulk(null) : undefined}
          >
            <BlockStack gap="200">
              <ProgressBar progress={bulk.total ? (bulk.done / bulk.total) * 100 : 100} size="small" />
              {bulk.failures.map((f) => (
                <Text as="p" key={f}>
                  {f}
                </Text>
              ))}
            </BlockStack>
          </Banner>
        ) : null}
        <Card padding="0">
          <Tabs tabs={TABS.map((tab) => ({ id: `tab-${tab.id}`, content: t(`requests.tabs.${tab.id}`), panelID: `panel-${tab.id}` }))} selected={tabIndex} onSelect={(i) => set({ tab: TABS[i].id, status: null })} />
          <Box padding="300">
            <div>
              <InlineStack gap="300" wrap blockAlign="end">
                <SearchBox initial={params.get("q") ?? ""} onSearch={search} />
                <Select label={t("requests.filters.kind")} value={params.get("kind") ?? ""} onChange={(v) => set({ kind: v })} options={[{ label: t("requests.filters.any"), value: "" }, ...KINDS.map((k) => ({ label: kindLabel(k, t), value: k }))]} />
                <Select label={t("requests.filters.status")} value={params.get("status") ?? ""} onChange={(v) => set({ status: v })} options={[{ label: t("requests.filters.anyInTab"), value: "" }, ...DESK_STATUSES.map((s) => ({ label: statusLabel(s, t), value: s }))]} />
                <Select label={t("requests.filters.reason")} value={params.get("reason") ?? ""} onChange={(v) => set({ reason: v })} options={[{ label: t("requests.filters.any"), value: "" }, ...REASONS.map((r) => ({ label: reasonLabel(r, t), value: r }))]} />
                <Select label={t("requests.filters.resolution")} value={params.get("resolution") ?? ""} onChange={(v) => set({ resolution: v })} options={[{ label: t("requests.filters.any"), value: "" }, ...RESOLUTION_FILTERS.map((r) => ({ label: t(`requests.resolution.${r}`), value: r }))]} />
                <TextField label={t("requests.filters.from")} type="date" value={params.get("from") ?? ""} onChange={(v) => set({ from: v })} autoComplete="off" />
                <TextField label={t("requests.filters.to")} type="date" value={params.get("to") ?? ""} onChange={(v) => set({ to: v })} autoComplete="off" />
                <Select label={t("requests.filters.sort")} value={params.get("sort") ?? "newest"} onChange={(v) => set({ sort: v })} options={[{ label: t("requests.filters.newest"), value: "newest" }, { label: t("requests.filters.oldest"), value: "oldest" }]} />
              </InlineStack>
            </div>
          </Box>
          {/* A page's worth of rows is reserved, so a tab, filter or search with fewer rows does not pull the pagination up. */}
          <div style={{ minHeight: `calc(${LIST_PAGE_SIZE} * ${ROW_HEIGHT} + 2.75rem)` }}>
          <IndexTable
            resourceName={{ singular: t("requests.resource.singular"), plural: t("requests.resource.plural") }}
            itemCount={rows.length}
            selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
            onSelectionChange={handleSelectionChange}
            emptyState={empty}
            promotedBulkActions={[
              { content: t("requests.bulk.approve", { count: selectedRequested.length }), onAction: () => void runBulk("approve"), disabled: selectedRequested.length === 0 || Boolean(bulk && bulk.done < bulk.total) },
              { content: t("requests.bulk.decline", { count: selectedRequested.length }), onAction: () => setDeclineOpen(true), disabled: selectedRequested.length === 0 || Boolean(bulk && bulk.done < bulk.total) },
            ]}
            headings={COLUMNS.map((c) => ({ title: t(`requests.columns.${c}`) })) as [{ title: string }, ...{ title: string }[]]}
          >
            {rows.map((r, index) => (
              <IndexTable.Row id={r.id} key={r.id} position={index} selected={selectedResources.includes(r.id)}>
                <IndexTable.Cell>
                  <PolarisLink url={`/app/requests/${r.id}`} removeUnderline dataPrimaryLink>
                    <Text as="span" fontWeight="semibold">
                      {r.reference}
                    </Text>
                  </PolarisLink>
                </IndexTable.Cell>
                <IndexTable.Cell>{r.orderName}</IndexTable.Cell>
                <IndexTable.Cell>{r.customer}</IndexTable.Cell>
                <IndexTable.Cell>{kindLabel(r.kind, t)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" truncate>
                    {r.items}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>{r.reasons.map((reason) => reasonLabel(reason, t)).join(", ")}</IndexTable.Cell>
                <IndexTable.Cell>
                  <StatusBadge status={r.status as DeskStatus} />
                  {r.resolution ? <Badge>{t(`requests.resolutionBadge.${r.resolution}`, { defaultValue: r.resolution.replace("_", " ") })}</Badge> : null}
                  {r.shopifyReturn === "retrying" ? <Badge tone="attention">{t("requests.returnPending")}</Badge> : r.shopifyReturn === "stopped" ? <Badge tone="critical">{t("requests.returnNotOpened")}</Badge> : null}
                </IndexTable.Cell>
                <IndexTable.Cell>{new Date(r.createdAt).toLocaleDateString(locale, { timeZone: data.timezone, day: "numeric", month: "short", year: "numeric" })}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
          </div>
          <Box padding="300">
            <InlineStack align="center">
              <Pagination
                hasPrevious={!data.firstPage}
                previousTooltip={t("requests.previous")}
                onPrevious={() => navigate(-1)}
                hasNext={Boolean(data.nextCursor)}
                onNext={() => {
                  const next = new URLSearchParams(params);
                  if (data.nextCursor) next.set("after", data.nextCursor);
                  setParams(next);
                }}
                label={t(data.firstPage ? "requests.firstPage" : "requests.laterPage")}
              />
            </InlineStack>
          </Box>
        </Card>
      </BlockStack>
      <Modal
        open={declineOpen}
        onClose={() => setDeclineOpen(false)}
        title={t("requests.bulk.declineTitle", { count: selectedRequested.length })}
        primaryAction={{
          content: t("requests.bulk.declineButton"),
          destructive: true,
          disabled: !declineMessage.trim(),
          onAction: () => {
            setDeclineOpen(false);
            void runBulk("decline");
          },
        }}
        secondaryActions={[{ content: t("requests.bulk.cancel"), onAction: () => setDeclineOpen(false) }]}
      >
        <Modal.Section>
          <DeclineFields reason={declineReason} onReason={setDeclineReason} message={declineMessage} onMessage={setDeclineMessage} />
        </Modal.Section>
      </Modal>
    </Page>
  );
}

/** The height a row of the list is given (one line of text and a badge), for the reserved space. */
const ROW_HEIGHT = "3.25rem";
const KINDS = ["return", "warranty", "service"] as const;
const REASONS = ["changed_mind", "defective", "damaged_in_transit", "wrong_item", "loose_crystal", "other"] as const;
const RESOLUTION_FILTERS = ["refund", "store_credit", "repair", "replacement", "parts", "exchange", "quote"] as const;
const COLUMNS = ["request", "order", "customer", "kind", "items", "reason", "status", "received"] as const;
