import { defer, json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineGrid, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { useArrived } from "../../components/useArrived";
import { DecisionCard } from "./DecisionCard";
import { localeOf } from "../../desk/context.server";
import { CAUSES, POSTAGE_METHODS, PREFERRED_RESOLUTIONS, REASONS, REQUEST_KINDS, SERVICES } from "../../domain/vocabulary";
import { CAUSE_NAMES, SERVICE_NAMES } from "../../domain/policy/words";
import { composedToOrder, simulationFormSchema, simulationPayloadSchema, simulator, type SideBySide } from "../../policies/index.server";
import { policies, shops } from "../../repositories/index.server";
import { authenticate } from "../../shopify.server";
import { ShopifyNotFoundError } from "../../shopify/errors";
import { fetchOrderForDecision } from "../../shopify/orders.server";
import { fetchRecentOrders } from "../../shopify/policies.server";
import { ScenarioError } from "../../domain";

export const meta: MetaFunction = () => [{ title: "Try a scenario · Aftercare" }];

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
  const form = Object.fromEntries(await request.formData());
  const intent = simulationFormSchema.safeParse(form);
  if (!intent.success) return json<SimulateResult>({ ok: false, message: "Say what to try." }, { status: 400 });
  let raw: unknown;
  try {
    raw = JSON.parse(intent.data.payload);
  } catch {
    return json<SimulateResult>({ ok: false, message: "The scenario is not valid JSON." }, { status: 400 });
  }
  const payload = simulationPayloadSchema.safeParse(raw);
  if (!payload.success) return json<SimulateResult>({ ok: false, message: payload.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, { status: 400 });
  const shopRow = (await shops.find(session.shop)) ?? (await shops.recordInstall(session.shop));
  let shop = { country: shopRow.country, timezone: shopRow.timezone, currency: shopRow.currency };
  let order;
  if (payload.data.source.kind === "order") {
    try {
      const found = await fetchOrderForDecision(admin.graphql, payload.data.source.orderId);
      shop = found.shop;
      order = found.order;
    } catch (error) {
      if (error instanceof ShopifyNotFoundError) return json<SimulateResult>({ ok: false, message: "That order was not found in your shop." }, { status: 404 });
      throw error;
    }
  } else {
    order = composedToOrder(payload.data.source.order);
  }
  const input = { now: payload.data.now, shop, order, request: payload.data.request };
  try {
    if (intent.data.intent === "save") {
      if (!intent.data.name) return json<SimulateResult>({ ok: false, message: "Name the scenario to save it." }, { status: 400 });
      await simulator.save(session.shop, intent.data.name, input);
    }
    const result = await simulator.run(session.shop, input);
    return json<SimulateResult>({ ok: true, draft: result.draft, published: result.published, saved: intent.data.intent === "save" ? intent.data.name : undefined });
  } catch (error) {
    if (error instanceof ScenarioError) return json<SimulateResult>({ ok: false, message: error.message }, { status: 400 });
    throw error;
  }
};

const daysAgo = (today: string, n: number) => new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const options = (values: readonly string[], names?: Record<string, string>) => values.map((v) => ({ label: names?.[v] ?? v.replace(/_/g, " "), value: v }));

export default function Simulator() {
  const data = useLoaderData<typeof loader>();
  // A fresh form per order: the lines to choose from come with the order.
  return <SimulatorForm key={data.order?.id ?? "compose"} />;
}

function SimulatorForm() {
  const data = useLoaderData<typeof loader>();
  const orders = useArrived(data.orders);
  const navigate = useNavigate();
  const fetcher = useFetcher<SimulateResult>();
  const [now, setNow] = useState(data.today);
  const [composed, setComposed] = useState({ title: "Silver bangle", productType: "Bracelets", tags: "", unitPrice: "80.00", compareAt: "", quantity: "1", placedAt: daysAgo(data.today, 23), deliveredAt: daysAgo(data.today, 20), shippingCharged: "4.95", shippingCountry: data.shop.country, engraving: "" });
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
    <Page title="Try a scenario" backAction={{ content: "Policy editor", url: "/app/policy" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  The order
                </Text>
                <Select
                  label="Order"
                  options={[{ label: "Compose an order", value: "" }, ...(orders ?? []).map((o) => ({ label: `${o.name} · ${o.processedAt.slice(0, 10)} · ${o.fulfillment.toLowerCase()}${o.customer ? ` · ${o.customer}` : ""}`, value: o.id }))]}
                  value={data.order?.id ?? ""}
                  onChange={(v) => navigate(v ? `?order=${encodeURIComponent(v)}` : "?")}
                  helpText={orders ? "Your 25 most recent orders" : orders === undefined ? "Loading your recent orders…" : "Orders could not be loaded from Shopify: compose one."}
                />
                {data.order ? (
                  <BlockStack gap="100">
                    {data.order.lines.map((l) => (
                      <InlineGrid key={l.id} columns={2} gap="200">
                        <Checkbox label={l.title} checked={(chosen[l.id] ?? 0) > 0} onChange={(on) => setChosen((c) => ({ ...c, [l.id]: on ? l.quantity : 0 }))} />
                        <TextField label={`Quantity of ${l.title}`} type="number" autoComplete="off" value={String(chosen[l.id] ?? 0)} onChange={(v) => setChosen((c) => ({ ...c, [l.id]: Math.max(0, Math.min(l.quantity, Number(v) || 0)) }))} />
                      </InlineGrid>
                    ))}
                  </BlockStack>
                ) : (
                  <InlineGrid columns={{ xs: 1, md: 3 }} gap="200">
                    <TextField label="Item" autoComplete="off" value={composed.title} onChange={set("title")} />
                    <TextField label="Product type" autoComplete="off" value={composed.productType} onChange={set("productType")} />
                    <TextField label="Tags" autoComplete="off" value={composed.tags} onChange={set("tags")} helpText="Separate with commas" />
                    <TextField label="Price" autoComplete="off" value={composed.unitPrice} onChange={set("unitPrice")} suffix={data.shop.currency} />
                    <TextField label="Compare-at price" autoComplete="off" value={composed.compareAt} onChange={set("compareAt")} helpText="Higher than the price: on sale" />
                    <TextField label="Quantity" type="number" autoComplete="off" value={composed.quantity} onChange={set("quantity")} />
                    <TextField label="Ordered on" type="date" autoComplete="off" value={composed.placedAt} onChange={set("placedAt")} />
                    <TextField label="Delivered on" type="date" autoComplete="off" value={composed.deliveredAt} onChange={set("deliveredAt")} helpText="Empty: not delivered" />
                    <TextField label="Delivery charged" autoComplete="off" value={composed.shippingCharged} onChange={set("shippingCharged")} />
                    <TextField label="Shipped to (country code)" autoComplete="off" value={composed.shippingCountry} onChange={set("shippingCountry")} />
                    <TextField label="Engraving" autoComplete="off" value={composed.engraving} onChange={set("engraving")} helpText="Any text: made to order" />
                  </InlineGrid>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  The request
                </Text>
                <InlineGrid columns={{ xs: 1, md: 3 }} gap="200">
                  <Select label="Kind" options={options(REQUEST_KINDS)} value={kind} onChange={setKind} />
                  {kind === "service" && <Select label="Service" options={options(SERVICES, SERVICE_NAMES)} value={service} onChange={setService} />}
                  <Select label="Reason" options={options(REASONS)} value={reason} onChange={setReason} />
                  <Select label="Cause of damage" options={[{ label: "None or unknown", value: "" }, ...options(CAUSES, CAUSE_NAMES)]} value={cause} onChange={setCause} />
                  <Select label="Shopper prefers" options={[{ label: "No preference", value: "" }, ...options(PREFERRED_RESOLUTIONS)]} value={preferred} onChange={setPreferred} />
                  <TextField label="Photos attached" type="number" autoComplete="off" value={photos} onChange={setPhotos} />
                  <TextField label="Decide on" type="date" autoComplete="off" value={now} onChange={setNow} />
                </InlineGrid>
                <InlineGrid columns={{ xs: 2, md: 4 }} gap="100">
                  <Checkbox label="Used" checked={condition.used} onChange={(v) => setCondition((c) => ({ ...c, used: v }))} />
                  <Checkbox label="Worn" checked={condition.worn} onChange={(v) => setCondition((c) => ({ ...c, worn: v }))} />
                  <Checkbox label="Tags attached" checked={condition.tagsAttached} onChange={(v) => setCondition((c) => ({ ...c, tagsAttached: v }))} />
                  <Checkbox label="Original packaging" checked={condition.originalPackaging} onChange={(v) => setCondition((c) => ({ ...c, originalPackaging: v }))} />
                  <Checkbox label="Packaging opened" checked={condition.packagingOpened} onChange={(v) => setCondition((c) => ({ ...c, packagingOpened: v }))} />
                  <Checkbox label="Soiled" checked={condition.soiled} onChange={(v) => setCondition((c) => ({ ...c, soiled: v }))} />
                  <Checkbox label="Damaged" checked={condition.damaged} onChange={(v) => setCondition((c) => ({ ...c, damaged: v }))} />
                  <Checkbox label="Proof of purchase" checked={proof} onChange={setProof} />
                  <Checkbox label="Books the store's courier" checked={courier} onChange={setCourier} />
                  <Checkbox label="Accepted liability terms" checked={liability} onChange={setLiability} />
                </InlineGrid>
                <Text as="h3" variant="headingSm">
                  Postage the shopper paid
                </Text>
                <InlineGrid columns={{ xs: 1, md: 4 }} gap="200">
                  <TextField label="Postage paid" autoComplete="off" value={postage.amount} onChange={(v) => setPostage((p) => ({ ...p, amount: v }))} helpText="Empty: not sent yet" suffix={data.shop.currency} />
                  <Select label="Sent" options={options(POSTAGE_METHODS, { post: "By post", courier: "By courier" })} value={postage.method} onChange={(v) => setPostage((p) => ({ ...p, method: v }))} />
                  <TextField label="Sent from (country code)" autoComplete="off" value={postage.fromCountry} onChange={(v) => setPostage((p) => ({ ...p, fromCountry: v }))} />
                  <Checkbox label="Proof of postage" checked={postage.proof} onChange={(v) => setPostage((p) => ({ ...p, proof: v }))} />
                </InlineGrid>
                <Checkbox label="Inspected on receipt (what the shop found)" checked={inspected} onChange={setInspected} />
                {inspected && (
                  <BlockStack gap="100">
                    <Select label="Cause the shop found" options={[{ label: "None or unknown", value: "" }, ...options(CAUSES, CAUSE_NAMES)]} value={inspectedCause} onChange={setInspectedCause} />
                    <InlineGrid columns={{ xs: 2, md: 4 }} gap="100">
                      {(
                        [
                          ["used", "Found used"],
                          ["worn", "Found worn"],
                          ["tagsAttached", "Tags attached on receipt"],
                          ["originalPackaging", "Original packaging on receipt"],
                          ["packagingOpened", "Packaging found opened"],
                          ["soiled", "Found soiled"],
                          ["damaged", "Found damaged"],
                        ] as const
                      ).map(([key, label]) => (
                        <Checkbox key={key} label={label} checked={inspection[key]} onChange={(v) => setInspection((c) => ({ ...c, [key]: v }))} />
                      ))}
                    </InlineGrid>
                  </BlockStack>
                )}
                <InlineStack gap="200" blockAlign="end">
                  <Button variant="primary" onClick={() => submit("simulate")} loading={fetcher.state !== "idle"}>
                    Decide
                  </Button>
                  <TextField label="Scenario name" autoComplete="off" value={name} onChange={setName} />
                  <Button onClick={() => submit("save")} disabled={!name.trim()}>
                    Save as a regression check
                  </Button>
                </InlineStack>
              </BlockStack>
            </Card>
            {result && !result.ok && (
              <Banner tone="critical" title="This scenario cannot be decided">
                <Text as="p">{result.message}</Text>
              </Banner>
            )}
            {result?.ok && result.saved && <Banner tone="success" title={`Saved "${result.saved}": it is re-run on every publish.`} />}
            {result?.ok && (
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
                <DecisionCard title="Draft" decision={result.draft} titles={titles} locale={data.locale} currency={data.shop.currency} />
                <DecisionCard title="Published" decision={result.published} titles={titles} locale={data.locale} currency={data.shop.currency} />
              </InlineGrid>
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Saved scenarios
              </Text>
              {data.saved.length ? (
                <List>
                  {data.saved.map((s) => (
                    <List.Item key={s.id}>{s.name}</List.Item>
                  ))}
                </List>
              ) : (
                <Text as="p" tone="subdued">
                  None yet. Saved scenarios are re-run on every publish, and you are told which decisions change.
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

