import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, EmptyState, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";

import { deskContext } from "../desk/context.server";
import { STATUS_LABELS, type DeskStatus } from "../desk/machine";
import { homeView } from "../desk/views.server";

export const meta: MetaFunction = () => [{ title: "Home · Aftercare" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, repos } = await deskContext(request);
  const view = await homeView(repos, shop.domain, shop.timezone, new Date());
  return json({ shop: { name: shop.name ?? shop.domain, currency: shop.currency, timezone: shop.timezone, policyPreset: shop.policyPreset }, ...view });
};

const KIND_COLOURS = { return: "#2c6ecb", warranty: "#b98900", service: "#007f5f" } as const;

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const total = Object.values(data.counts).reduce((a, b) => a + b, 0);
  return (
    <Page title="Aftercare" subtitle={`${data.shop.name} · ${data.shop.currency} · ${data.shop.timezone}`} primaryAction={{ content: "All requests", url: "/app/requests" }}>
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
