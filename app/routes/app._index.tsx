import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { deskContext, deskReader } from "../desk/context.server";
import { retryJobSchema } from "../desk/forms.server";
import type { DeskStatus } from "../desk/machine";
import { statusLabel } from "../desk/ui";
import { homeView } from "../desk/views.server";
import { adminT } from "../i18n/i18n.server";
import { useAdminLocale, useT } from "../i18n/react";
import { queue } from "../jobs/process-queue.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Home · Aftercare" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, repos, locale } = await deskReader(request);
  const view = await homeView({ ...repos, queue }, shop.domain, shop.timezone, new Date(), locale);
  return json({ title: adminT(locale)("home.metaTitle"), shop: { name: shop.name ?? shop.domain, currency: shop.currency, timezone: shop.timezone, policyPreset: shop.policyPreset }, ...view });
};

/** Retry a failed job: one more attempt for a job of this shop that used all of its own. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, locale } = await deskContext(request);
  const t = adminT(locale);
  const parsed = retryJobSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false, message: t("home.failed.sayWhich") }, { status: 400 });
  if (!(await queue.retry(shop.domain, parsed.data.jobId))) return json({ ok: false, message: t("home.failed.noSuchJob") }, { status: 404 });
  return json({ ok: true, message: t("home.failed.queued") });
};

const KIND_COLOURS = { return: "#2c6ecb", warranty: "#b98900", service: "#007f5f" } as const;

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const total = Object.values(data.counts).reduce((a, b) => a + b, 0);
  return (
    <Page title={t("home.title")} subtitle={`${data.shop.name} · ${data.shop.currency} · ${data.shop.timezone}`} primaryAction={{ content: t("home.allRequests"), url: "/app/requests" }}>
      {data.failedJobs.length ? <FailedJobs jobs={data.failedJobs} timezone={data.shop.timezone} /> : null}
      {total === 0 ? (
        <Card>
          <EmptyState heading={t("home.empty.heading")} image="">
            <p>{t(data.shop.policyPreset ? "home.empty.bodyPreset" : "home.empty.body")}</p>
          </EmptyState>
        </Card>
      ) : (
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("home.needsAction")}
                  </Text>
                  <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
                    {data.actionNow.map((a) => (
                      <Link key={a.status} to={`/app/requests?tab=all&status=${a.status}`} style={{ textDecoration: "none", color: "inherit" }}>
                        <Card background={a.count ? "bg-surface-secondary" : undefined}>
                          <BlockStack gap="100">
                            <Text as="p" variant="headingXl">
                              {a.count}
                            </Text>
                            <Text as="p">{a.label}</Text>
                          </BlockStack>
                        </Card>
                      </Link>
                    ))}
                  </InlineGrid>
                  {data.paymentsToCheck ? (
                    <Text as="p" tone="critical">
                      {t("home.paymentsToCheck", { count: data.paymentsToCheck })}
                    </Text>
                  ) : null}
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("home.perWeek")}
                  </Text>
                  <WeekChart weeks={data.perWeek} />
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t("home.oldest")}
                  </Text>
                  {data.oldest ? (
                    <BlockStack gap="100">
                      <Link to={`/app/requests/${data.oldest.id}`}>
                        {data.oldest.reference} · {data.oldest.orderName}
                      </Link>
                      <Text as="p" tone="subdued">
                        {data.oldest.customerName ?? t("home.guest")} · {data.oldest.status} · {t("home.waiting", { count: data.oldest.waitingDays })}
                      </Text>
                    </BlockStack>
                  ) : (
                    <Text as="p" tone="subdued">
                      {t("home.nothingWaiting")}
                    </Text>
                  )}
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {data.month}
                  </Text>
                  <Figure label={t("home.figures.returns")} value={String(data.figures.returns)} />
                  <Figure label={t("home.figures.refunded")} value={data.figures.refunds.join(" · ") || t("home.figures.nothing")} />
                  <Figure label={t("home.figures.credit")} value={data.figures.credit.join(" · ") || t("home.figures.nothing")} />
                  <Figure label={t("home.figures.exchanges")} value={String(data.figures.exchanges)} />
                  <Figure label={t("home.figures.services")} value={String(data.figures.services)} />
                  <Figure label={t("home.figures.overrides")} value={String(data.figures.overrides)} />
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t("home.byStatus")}
                  </Text>
                  {(Object.entries(data.counts) as [DeskStatus, number][]).map(([status, count]) => (
                    <InlineStack key={status} align="space-between">
                      <Link to={`/app/requests?tab=all&status=${status}`}>{statusLabel(status, t)}</Link>
                      <Badge>{String(count)}</Badge>
                    </InlineStack>
                  ))}
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>
      )}
    </Page>
  );
}

/** Background work that used all its attempts: what it was, why it failed, and a retry. */
function FailedJobs({ jobs, timezone }: { jobs: { id: string; label: string; error: string; attempts: number; failedAt: string }[]; timezone: string }) {
  const fetcher = useFetcher<{ ok: boolean; message: string }>();
  const t = useT();
  const { locale } = useAdminLocale();
  return (
    <div style={{ marginBottom: "var(--p-space-400)" }}>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("home.failed.title", { count: jobs.length })}
          </Text>
          <Text as="p" tone="subdued">
            {t("home.failed.body")}
          </Text>
          {fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null}
          {jobs.map((job) => (
            <InlineStack key={job.id} align="space-between" blockAlign="center" gap="200" wrap={false}>
              <BlockStack gap="050">
                <Text as="p" fontWeight="semibold">
                  {job.label}
                </Text>
                <Text as="p" tone="subdued">
                  {job.error} · {t("home.failed.attempts", { count: job.attempts })} · {t("home.failed.last", { when: new Date(job.failedAt).toLocaleString(locale, { timeZone: timezone }) })}
                </Text>
              </BlockStack>
              <fetcher.Form method="post">
                <input type="hidden" name="intent" value="retry-job" />
                <input type="hidden" name="jobId" value={job.id} />
                <Button submit loading={fetcher.state !== "idle" && fetcher.formData?.get("jobId") === job.id} accessibilityLabel={t("home.failed.retryLabel", { label: job.label })}>
                  {t("home.failed.retry")}
                </Button>
              </fetcher.Form>
            </InlineStack>
          ))}
        </BlockStack>
      </Card>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <InlineStack align="space-between" gap="200">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" fontWeight="semibold">
        {value}
      </Text>
    </InlineStack>
  );
}

/** Stacked bars of requests per week by kind: plain SVG, sized up front (no layout shift). */
function WeekChart({ weeks }: { weeks: { week: string; return: number; warranty: number; service: number }[] }) {
  const t = useT();
  const width = 560;
  const height = 180;
  const max = Math.max(1, ...weeks.map((w) => w.return + w.warranty + w.service));
  const bar = width / weeks.length;
  const scale = (n: number) => (n / max) * (height - 30);
  const summary = weeks.map((w) => t("home.chart.week", { week: w.week, returns: w.return, warranty: w.warranty, services: w.service })).join("; ");
  return (
    <BlockStack gap="200">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} role="img" aria-label={t("home.chart.label", { summary })}>
        {weeks.map((w, i) => {
          let y = height - 20;
          return (
            <g key={w.week}>
              {(["return", "warranty", "service"] as const).map((k) => {
                const h = scale(w[k]);
                y -= h;
                return h > 0 ? <rect key={k} x={i * bar + 8} y={y} width={bar - 16} height={h} fill={KIND_COLOURS[k]} /> : null;
              })}
              <text x={i * bar + bar / 2} y={height - 4} fontSize="11" textAnchor="middle" fill="#616161">
                {w.week}
              </text>
            </g>
          );
        })}
      </svg>
      <InlineStack gap="300">
        {(Object.keys(KIND_COLOURS) as (keyof typeof KIND_COLOURS)[]).map((k) => (
          <InlineStack key={k} gap="100" blockAlign="center">
            <span style={{ display: "inline-block", width: 12, height: 12, background: KIND_COLOURS[k] }} aria-hidden />
            <Text as="span">{t(k === "return" ? "home.chart.returns" : k === "warranty" ? "home.chart.warranty" : "home.chart.services")}</Text>
          </InlineStack>
        ))}
      </InlineStack>
    </BlockStack>
  );
}
