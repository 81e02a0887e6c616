import { defer, json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineGrid, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { useArrived } from "../../components/useArrived";
import { DecisionCard } from "./DecisionCard";
import { localeOf } from "../../desk/context.server";
import { CAUSES, POSTAGE_METHODS, PREFERRED_RESOLUTIONS, REASONS, REQUEST_KINDS, SERVICES } from "../../domain/vocabulary";
import type { Translate } from "../../i18n/admin";
import { adminLocale, adminT } from "../../i18n/i18n.server";
import { useAdminLocale, useT } from "../../i18n/react";
import { composedToOrder, simulationFormSchema, simulationPayloadSchema, simulator, type SideBySide } from "../../policies/index.server";
import { policies, shops } from "../../repositories/index.server";
import { authenticate } from "../../shopify.server";
import { ShopifyNotFoundError } from "../../shopify/errors";
import { fetchOrderForDecision } from "../../shopify/orders.server";
import { fetchRecentOrders } from "../../shopify/policies.server";
import { ScenarioError } from "../../domain";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Try a scenario · Aftercare" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const shop = (await shops.find(session.shop)) ?? (await shops.recordInstall(session.shop));
  const orderId = new URL(request.url).searchParams.get("order");
  // The 25 recent orders (an Admin API call) fill the order picker: the page is sent without
  // waiting for them, and they follow (null: Shopify did not answer, compose one instead).
  const orders = fetchRecentOrders(admin.graphql, 25).catch(() => null);
  const saved = await policies.scenarios(session.shop);
  let order: { id: string; name: string; lines: { id: string; title: string; quantity: number }[] } | null = null;
  if (orderId) {
    try {
      const found = await fetchOrderForDecision(admin.graphql, orderId);
      order = { id: orderId, name: found.orderName, lines: found.order.lines.map((l) => ({ id: l.id, title: l.title, quantity: l.quantity })) };
    } catch (error) {
      if (!(error instanceof ShopifyNotFoundError)) throw error;
    }
  }
  return defer({
    title: adminT(adminLocale(request))("simulator.metaTitle"),
    shop: { country: shop.country, timezone: shop.timezone, currency: shop.currency },
    locale: localeOf(request, shop.country),
    today: new Date().toISOString().slice(0, 10),
    orders,
    order,
    saved: saved.map((s) => ({ id: s.id, name: s.name })),
  });
};

type SimulateResult = (SideBySide & { ok: true; saved?: string }) | { ok: false; message: string };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const t = adminT(adminLocale(request));
  const form = Object.fromEntries(await request.formData());
  const intent = simulationFormSchema.safeParse(form);
  if (!intent.success) return json<SimulateResult>({ ok: false, message: t("simulator.error.sayWhat") }, { status: 400 });
  let raw: unknown;
  try {
    raw = JSON.parse(intent.data.payload);
  } catch {
    return json<SimulateResult>({ ok: false, message: t("simulator.error.notJson") }, { status: 400 });
  }
  const payload = simulationPayloadSchema.safeParse(raw);
  // The form builds the payload: what is wrong in it is named by its fields ("request.lines.0.quantity").
  if (!payload.success) return json<SimulateResult>({ ok: false, message: t("simulator.error.invalid", { fields: [...new Set(payload.error.issues.map((i) => i.path.join(".")))].join(", ") }) }, { status: 400 });
  const shopRow = (await shops.find(session.shop)) ?? (await shops.recordInstall(session.shop));
  let shop = { country: shopRow.country, timezone: shopRow.timezone, currency: shopRow.currency };
  let order;
  if (payload.data.source.kind === "order") {
    try {
      const found = await fetchOrderForDecision(admin.graphql, payload.data.source.orderId);
      shop = found.shop;
      order = found.order;
    } catch (error) {
      if (error instanceof ShopifyNotFoundError) return json<SimulateResult>({ ok: false, message: t("simulator.error.noOrder") }, { status: 404 });
      throw error;
    }
  } else {
    order = composedToOrder(payload.data.source.order);
  }
  const input = { now: payload.data.now, shop, order, request: payload.data.request };
  try {
    if (intent.data.intent === "save") {
      if (!intent.data.name) return json<SimulateResult>({ ok: false, message: t("simulator.error.name") }, { status: 400 });
      await simulator.save(session.shop, intent.data.name, input);
    }
    const result = await simulator.run(session.shop, input);
    return json<SimulateResult>({ ok: true, draft: result.draft, published: result.published, saved: intent.data.intent === "save" ? intent.data.name : undefined });
  } catch (error) {
    if (error instanceof ScenarioError) return json<SimulateResult>({ ok: false, message: t("simulator.error.scenario", { message: error.message }) }, { status: 400 });
    throw error;
  }
};

/** The shopper's answers about the item's condition, in the order the form asks them (and the shop's findings on receipt). */
const CONDITION_KEYS = ["used", "worn", "tagsAttached", "originalPackaging", "packagingOpened", "soiled", "damaged"] as const;

/** "#1001 · 3 déc. 2026 · expédiée · Nadia Window": the date in the shop's time zone, the fulfilment status in the admin's language. */
function orderLabel(t: Translate, locale: string, timeZone: string, o: { name: string; processedAt: string; fulfillment: string; customer: string | null }): string {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(new Date(o.processedAt));
  const status = t(`simulator.order.fulfillment.${o.fulfillment}`, { defaultValue: o.fulfillment.toLowerCase().replace(/_/g, " ") });
  return [o.name, date, status, o.customer].filter(Boolean).join(" · ");
}

const daysAgo = (today: string, n: number) => new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
/** Select options for a vocabulary, each value named by its key under `prefix` in the admin's language. */
const options = (t: Translate, values: readonly string[], prefix: string) => values.map((v) => ({ label: t(`${prefix}.${v}`), value: v }));

export default function Simulator() {
  const data = useLoaderData<typeof loader>();
  // A fresh form per order: the lines to choose from come with the order.
  return <SimulatorForm key={data.order?.id ?? "compose"} />;
}

function SimulatorForm() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useAdminLocale();
  const orders = useArrived(data.orders);
  const navigate = useNavigate();
  const fetcher = useFetcher<SimulateResult>();
  const [now, setNow] = useState(data.today);
  const [composed, setComposed] = useState({ title: t("simulator.order.sampleTitle"), productType: t("simulator.order.sampleType"), tags: "", unitPrice: "80.00", compareAt: "", quantity: "1", placedAt: daysAgo(data.today, 23), deliveredAt: daysAgo(data.today, 20), shippingCharged: "4.95", shippingCountry: data.shop.country, engraving: "" });
  const [chosen, setChosen] = useState<Record<string, number>>(() => Object.fromEntries((data.order?.lines ?? []).map((l) => [l.id, l.quantity])));
  const [kind, setKind] = useState("return");
  const [service, setService] = useState<string>(SERVICES[0]);
  const [reason, setReason] = useState("changed_mind");
  const [cause, setCause] = useState("");
  const [preferred, setPreferred] = useState("");
  const [condition, setCondition] = useState({ used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false, soiled: false, damaged: false });
  const [photos, setPhotos] = useState("0");
  const [proof, setProof] = useState(true);
  const [courier, setCourier] = useState(false);
  const [liability, setLiability] = useState(false);
  // Revision 3: the shopper's own postage, once sent, and what the shop found on receipt.
  const [postage, setPostage] = useState({ amount: "", method: "post", fromCountry: data.shop.country, proof: true });
  const [inspected, setInspected] = useState(false);
  const [inspection, setInspection] = useState({ used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false, soiled: false, damaged: false });
  const [inspectedCause, setInspectedCause] = useState("");
  const [name, setName] = useState("");
  const set = (key: keyof typeof composed) => (v: string) => setComposed((c) => ({ ...c, [key]: v }));

  const lineIds = data.order ? Object.entries(chosen).filter(([, q]) => q > 0) : [["C1", Number(composed.quantity) || 1] as const];
  const payload = () => ({
    now,
    source: data.order
      ? { kind: "order", orderId: data.order.id }
      : {
          kind: "compose",
          order: {
            placedAt: composed.placedAt,
            deliveredAt: composed.deliveredAt || null,
            shippingCountry: composed.shippingCountry || null,
            shippingCharged: composed.shippingCharged || "0",
            lines: [
              {
                id: "C1",
                title: composed.title,
                productType: composed.productType,
                tags: composed.tags.split(",").map((t) => t.trim()).filter(Boolean),
                quantity: Number(composed.quantity) || 1,
                unitPrice: composed.unitPrice,
                compareAtUnitPrice: composed.compareAt || null,
                properties: composed.engraving ? { Engraving: composed.engraving } : {},
                metafields: {},
              },
            ],
          },
        },
    request: {
      kind,
      service: kind === "service" ? service : null,
      preferredResolution: preferred || null,
      lines: lineIds.map(([lineId, quantity]) => ({
        lineId,
        quantity,
        reason,
        cause: cause || null,
        condition,
        partsRequested: null,
        inspection: inspected ? { condition: inspection, cause: inspectedCause || null } : null,
      })),
      proofOfPurchase: proof,
      photos: Number(photos) || 0,
      usesStoreCourier: courier,
      liabilityAccepted: liability,
      postage: postage.amount.trim() ? { amount: postage.amount.trim(), method: postage.method, fromCountry: postage.fromCountry.trim().toUpperCase() || null, proof: postage.proof } : null,
    },
  });
  const submit = (intent: "simulate" | "save") => fetcher.submit({ intent, payload: JSON.stringify(payload()), ...(intent === "save" ? { name } : {}) }, { method: "post" });
  const result = fetcher.data;
  const titles: Record<string, string> = data.order ? Object.fromEntries(data.order.lines.map((l) => [l.id, l.title])) : { C1: composed.title };

  return (
    <Page title={t("simulator.title")} backAction={{ content: t("simulator.back"), url: "/app/policy" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("simulator.order.heading")}
                </Text>
                <Select
                  label={t("simulator.order.label")}
                  options={[{ label: t("simulator.order.compose"), value: "" }, ...(orders ?? []).map((o) => ({ label: orderLabel(t, locale, data.shop.timezone, o), value: o.id }))]}
                  value={data.order?.id ?? ""}
                  onChange={(v) => navigate(v ? `?order=${encodeURIComponent(v)}` : "?")}
                  helpText={orders ? t("simulator.order.recent") : orders === undefined ? t("simulator.order.loading") : t("simulator.order.unavailable")}
                />
                {data.order ? (
                  <BlockStack gap="100">
                    {data.order.lines.map((l) => (
                      <InlineGrid key={l.id} columns={2} gap="200">
                        <Checkbox label={l.title} checked={(chosen[l.id] ?? 0) > 0} onChange={(on) => setChosen((c) => ({ ...c, [l.id]: on ? l.quantity : 0 }))} />
                        <TextField label={t("simulator.order.quantityOf", { title: l.title })} type="number" autoComplete="off" value={String(chosen[l.id] ?? 0)} onChange={(v) => setChosen((c) => ({ ...c, [l.id]: Math.max(0, Math.min(l.quantity, Number(v) || 0)) }))} />
                      </InlineGrid>
                    ))}
                  </BlockStack>
                ) : (
                  <InlineGrid columns={{ xs: 1, md: 3 }} gap="200">
                    <TextField label={t("simulator.order.item")} autoComplete="off" value={composed.title} onChange={set("title")} />
                    <TextField label={t("simulator.order.productType")} autoComplete="off" value={composed.productType} onChange={set("productType")} />
                    <TextField label={t("simulator.order.tags")} autoComplete="off" value={composed.tags} onChange={set("tags")} helpText={t("simulator.order.separate")} />
                    <TextField label={t("simulator.order.price")} autoComplete="off" value={composed.unitPrice} onChange={set("unitPrice")} suffix={data.shop.currency} />
                    <TextField label={t("simulator.order.compareAt")} autoComplete="off" value={composed.compareAt} onChange={set("compareAt")} helpText={t("simulator.order.compareAtHelp")} />
                    <TextField label={t("simulator.order.quantity")} type="number" autoComplete="off" value={composed.quantity} onChange={set("quantity")} />
                    <TextField label={t("simulator.order.orderedOn")} type="date" autoComplete="off" value={composed.placedAt} onChange={set("placedAt")} />
                    <TextField label={t("simulator.order.deliveredOn")} type="date" autoComplete="off" value={composed.deliveredAt} onChange={set("deliveredAt")} helpText={t("simulator.order.notDelivered")} />
                    <TextField label={t("simulator.order.deliveryCharged")} autoComplete="off" value={composed.shippingCharged} onChange={set("shippingCharged")} />
                    <TextField label={t("simulator.order.shippedTo")} autoComplete="off" value={composed.shippingCountry} onChange={set("shippingCountry")} />
                    <TextField label={t("simulator.order.engraving")} autoComplete="off" value={composed.engraving} onChange={set("engraving")} helpText={t("simulator.order.engravingHelp")} />
                  </InlineGrid>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("simulator.request.heading")}
                </Text>
                <InlineGrid columns={{ xs: 1, md: 3 }} gap="200">
                  <Select label={t("simulator.request.kind")} options={options(t, REQUEST_KINDS, "simulator.kind")} value={kind} onChange={setKind} />
                  {kind === "service" && <Select label={t("simulator.request.service")} options={options(t, SERVICES, "policyEditor.words.service")} value={service} onChange={setService} />}
                  <Select label={t("simulator.request.reason")} options={options(t, REASONS, "simulator.reason")} value={reason} onChange={setReason} />
                  <Select label={t("simulator.request.cause")} options={[{ label: t("simulator.request.noCause"), value: "" }, ...options(t, CAUSES, "policyEditor.words.cause")]} value={cause} onChange={setCause} />
                  <Select label={t("simulator.request.prefers")} options={[{ label: t("simulator.request.noPreference"), value: "" }, ...options(t, PREFERRED_RESOLUTIONS, "simulator.preferred")]} value={preferred} onChange={setPreferred} />
                  <TextField label={t("simulator.request.photos")} type="number" autoComplete="off" value={photos} onChange={setPhotos} />
                  <TextField label={t("simulator.request.decideOn")} type="date" autoComplete="off" value={now} onChange={setNow} />
                </InlineGrid>
                <InlineGrid columns={{ xs: 2, md: 4 }} gap="100">
                  {CONDITION_KEYS.map((key) => (
                    <Checkbox key={key} label={t(`simulator.request.${key}`)} checked={condition[key]} onChange={(v) => setCondition((c) => ({ ...c, [key]: v }))} />
                  ))}
                  <Checkbox label={t("simulator.request.proof")} checked={proof} onChange={setProof} />
                  <Checkbox label={t("simulator.request.courier")} checked={courier} onChange={setCourier} />
                  <Checkbox label={t("simulator.request.liability")} checked={liability} onChange={setLiability} />
                </InlineGrid>
                <Text as="h3" variant="headingSm">
                  {t("simulator.request.postageHeading")}
                </Text>
                <InlineGrid columns={{ xs: 1, md: 4 }} gap="200">
                  <TextField label={t("simulator.request.postagePaid")} autoComplete="off" value={postage.amount} onChange={(v) => setPostage((p) => ({ ...p, amount: v }))} helpText={t("simulator.request.notSent")} suffix={data.shop.currency} />
                  <Select label={t("simulator.request.sent")} options={options(t, POSTAGE_METHODS, "policyEditor.words.method")} value={postage.method} onChange={(v) => setPostage((p) => ({ ...p, method: v }))} />
                  <TextField label={t("simulator.request.sentFrom")} autoComplete="off" value={postage.fromCountry} onChange={(v) => setPostage((p) => ({ ...p, fromCountry: v }))} />
                  <Checkbox label={t("simulator.request.proofOfPostage")} checked={postage.proof} onChange={(v) => setPostage((p) => ({ ...p, proof: v }))} />
                </InlineGrid>
                <Checkbox label={t("simulator.request.inspected")} checked={inspected} onChange={setInspected} />
                {inspected && (
                  <BlockStack gap="100">
                    <Select label={t("simulator.request.inspectedCause")} options={[{ label: t("simulator.request.noCause"), value: "" }, ...options(t, CAUSES, "policyEditor.words.cause")]} value={inspectedCause} onChange={setInspectedCause} />
                    <InlineGrid columns={{ xs: 2, md: 4 }} gap="100">
                      {CONDITION_KEYS.map((key) => (
                        <Checkbox key={key} label={t(`simulator.request.found.${key}`)} checked={inspection[key]} onChange={(v) => setInspection((c) => ({ ...c, [key]: v }))} />
                      ))}
                    </InlineGrid>
                  </BlockStack>
                )}
                <InlineStack gap="200" blockAlign="end">
                  <Button variant="primary" onClick={() => submit("simulate")} loading={fetcher.state !== "idle"}>
                    {t("simulator.request.decide")}
                  </Button>
                  <TextField label={t("simulator.request.name")} autoComplete="off" value={name} onChange={setName} />
                  <Button onClick={() => submit("save")} disabled={!name.trim()}>
                    {t("simulator.request.save")}
                  </Button>
                </InlineStack>
              </BlockStack>
            </Card>
            {result && !result.ok && (
              <Banner tone="critical" title={t("simulator.cannot")}>
                <Text as="p">{result.message}</Text>
              </Banner>
            )}
            {result?.ok && result.saved && <Banner tone="success" title={t("simulator.savedBanner", { name: result.saved })} />}
            {result?.ok && (
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
                <DecisionCard title={t("simulator.result.draft")} decision={result.draft} titles={titles} locale={data.locale} currency={data.shop.currency} />
                <DecisionCard title={t("simulator.result.published")} decision={result.published} titles={titles} locale={data.locale} currency={data.shop.currency} />
              </InlineGrid>
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("simulator.saved.heading")}
              </Text>
              {data.saved.length ? (
                <List>
                  {data.saved.map((s) => (
                    <List.Item key={s.id}>{s.name}</List.Item>
                  ))}
                </List>
              ) : (
                <Text as="p" tone="subdued">
                  {t("simulator.saved.none")}
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

