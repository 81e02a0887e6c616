import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { deskContext, deskReader } from "../desk/context.server";
import { retryJobSchema } from "../desk/forms.server";
import { STATUS_LABELS, type DeskStatus } from "../desk/machine";
import { homeView } from "../desk/views.server";
import { queue } from "../jobs/process-queue.server";

export const meta: MetaFunction = () => [{ title: "Home · Aftercare" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, repos, locale } = await deskReader(request);
  const view = await homeView({ ...repos, queue }, shop.domain, shop.timezone, new Date(), locale);
  return json({ shop: { name: shop.name ?? shop.domain, currency: shop.currency, timezone: shop.timezone, policyPreset: shop.policyPreset }, ...view });
};

/** Retry a failed job: one more attempt for a job of this shop that used all of its own. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await deskContext(request);
  const parsed = retryJobSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false, message: "Say which failed job to retry." }, { status: 400 });
  if (!(await queue.retry(shop.domain, parsed.data.jobId))) return json({ ok: false, message: "There is no such failed job in this shop." }, { status: 404 });
  return json({ ok: true, message: "Queued again; it runs in a moment." });
};

const KIND_COLOURS = { return: "#2c6ecb", warranty: "#b98900", service: "#007f5f" } as const;

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const total = Object.values(data.counts).reduce((a, b) => a + b, 0);
  return (
    <Page title="Aftercare" subtitle={`${data.shop.name} · ${data.shop.currency} · ${data.shop.timezone}`} primaryAction={{ content: "All requests", url: "/app/requests" }}>
      {data.failedJobs.length ? <FailedJobs jobs={data.failedJobs} /> : null}
      {total === 0 ? (
        <Card>
          <EmptyState heading="No requests yet" image="">
            <p>
              Shoppers ask for returns, warranty repairs and services from their order page. Each request lands here, already checked
              against your policy{data.shop.policyPreset ? " (started from one of our presets)" : ""}.
            </p>
          </EmptyState>
        </Card>
      ) : (
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Needs action now
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
                      {data.paymentsToCheck} payment{data.paymentsToCheck === 1 ? "" : "s"} waiting to be confirmed or checked by a person.
                    </Text>
                  ) : null}
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Requests per week
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
                    Oldest waiting
                  </Text>
                  {data.oldest ? (
                    <BlockStack gap="100">
                      <Link to={`/app/requests/${data.oldest.id}`}>
                        {data.oldest.reference} · {data.oldest.orderName}
                      </Link>
                      <Text as="p" tone="subdued">
                        {data.oldest.customerName ?? "Guest"} · {data.oldest.status} · waiting {data.oldest.waitingDays} day{data.oldest.waitingDays === 1 ? "" : "s"}
                      </Text>
                    </BlockStack>
                  ) : (
                    <Text as="p" tone="subdued">
                      Nothing is waiting.
                    </Text>
                  )}
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {data.month}
                  </Text>
                  <Figure label="Returns resolved" value={String(data.figures.returns)} />
                  <Figure label="Refunded" value={data.figures.refunds.join(" · ") || "Nothing"} />
                  <Figure label="Store credit issued" value={data.figures.credit.join(" · ") || "Nothing"} />
                  <Figure label="Exchanges" value={String(data.figures.exchanges)} />
                  <Figure label="Repairs and services done" value={String(data.figures.services)} />
                  <Figure label="Policy overrides" value={String(data.figures.overrides)} />
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    By status
                  </Text>
                  {(Object.entries(data.counts) as [DeskStatus, number][]).map(([status, count]) => (
                    <InlineStack key={status} align="space-between">
                      <Link to={`/app/requests?tab=all&status=${status}`}>{STATUS_LABELS[status]}</Link>
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
function FailedJobs({ jobs }: { jobs: { id: string; label: string; error: string; attempts: number; failedAt: string }[] }) {
  const fetcher = useFetcher<{ ok: boolean; message: string }>();
  return (
    <div style={{ marginBottom: "var(--p-space-400)" }}>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {jobs.length} background task{jobs.length === 1 ? "" : "s"} failed
          </Text>
          <Text as="p" tone="subdued">
            Aftercare tried each of these several times, waiting longer each time. Retry once the cause is fixed; nothing is ever paid twice.
          </Text>
          {fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null}
          {jobs.map((job) => (
            <InlineStack key={job.id} align="space-between" blockAlign="center" gap="200" wrap={false}>
              <BlockStack gap="050">
                <Text as="p" fontWeight="semibold">
                  {job.label}
                </Text>
                <Text as="p" tone="subdued">
                  {job.error} · {job.attempts} attempt{job.attempts === 1 ? "" : "s"} · last {new Date(job.failedAt).toLocaleString()}
                </Text>
              </BlockStack>
              <fetcher.Form method="post">
                <input type="hidden" name="intent" value="retry-job" />
                <input type="hidden" name="jobId" value={job.id} />
                <Button submit loading={fetcher.state !== "idle" && fetcher.formData?.get("jobId") === job.id} accessibilityLabel={`Retry: ${job.label}`}>
                  Retry
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
  const width = 560;
  const height = 180;
  const max = Math.max(1, ...weeks.map((w) => w.return + w.warranty + w.service));
  const bar = width / weeks.length;
  const scale = (n: number) => (n / max) * (height - 30);
  const summary = weeks.map((w) => `${w.week}: ${w.return} returns, ${w.warranty} warranty, ${w.service} services`).join("; ");
  return (
    <BlockStack gap="200">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} role="img" aria-label={`Requests per week by kind. ${summary}`}>
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
            <Text as="span">{k === "return" ? "Returns" : k === "warranty" ? "Warranty" : "Services"}</Text>
          </InlineStack>
        ))}
      </InlineStack>
    </BlockStack>
  );
}
