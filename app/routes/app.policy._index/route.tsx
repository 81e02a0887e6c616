import { defer, json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineGrid, InlineStack, List, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";

import { ChangedDecisions } from "../../components/policy/ChangedDecisions";
import { PolicyEditor } from "../../components/policy/PolicyEditor";
import { policyHighlightsIn } from "../../components/policy/words";
import { useArrived } from "../../components/useArrived";
import { PRESET_DOCUMENTS, PRESET_NAMES, policySchema } from "../../domain";
import { emptyPolicy } from "../../domain/policy/empty";
import { formatMoneyIn, parseMinorUnits } from "../../domain/money";
import { localeOf } from "../../desk/context.server";
import { adminLocale, adminT } from "../../i18n/i18n.server";
import { useT } from "../../i18n/react";
import { shops } from "../../repositories/index.server";
import { authenticate } from "../../shopify.server";
import { editorAction, type EditorActionResult } from "./actions.server";
import { loadCatalogue } from "./catalogue.server";
import { policyService } from "../../policies/index.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Policy editor · Aftercare" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const shop = (await shops.find(session.shop)) ?? (await shops.recordInstall(session.shop));
  const t = adminT(adminLocale(request));
  const locale = localeOf(request, shop.country);
  // Fixed service prices in the shop's money as the merchant reads it ("Polish and re-plate (£45.00)", "45,00 £"), not a bare "45".
  const amount = (decimal: string) => formatMoneyIn(parseMinorUnits(decimal, shop.currency), shop.currency, locale);
  const highlights = (policy: Parameters<typeof policyHighlightsIn>[2]) => policyHighlightsIn(t, locale, policy, amount);
  if (!(await policyService.hasStarted(session.shop))) {
    // The presets' names and summaries in the admin's language; the documents themselves (what shoppers read) stay as written.
    const presets = PRESET_NAMES.map((name) => {
      const policy = policySchema.parse(PRESET_DOCUMENTS[name]);
      return { name, title: t(`policyEditor.presets.names.${name}.title`), summary: t(`policyEditor.presets.names.${name}.summary`), highlights: highlights(policy) };
    });
    return json({ stage: "start" as const, title: t("policyEditor.start.metaTitle"), presets, empty: highlights(policySchema.parse(emptyPolicy())) });
  }
  // The shop's catalogue (an Admin API call) only counts the products each item group matches
  // and names the cheapest item: the page is sent without waiting for it, and it follows.
  const catalogue = loadCatalogue(admin.graphql);
  const [{ document, saved }, live] = await Promise.all([policyService.draftDocument(session.shop), policyService.live(session.shop)]);
  return defer({
    stage: "edit" as const,
    title: t("policyEditor.metaTitle"),
    presets: PRESET_NAMES.map((name) => ({ value: name, label: t(`policyEditor.presets.names.${name}.title`) })),
    shop: { country: shop.country, currency: shop.currency },
    document,
    draftSaved: saved,
    live: { number: live.number, source: live.source, highlights: highlights(live.policy) },
    catalogue,
  });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  return editorAction(session.shop, admin.graphql, await request.formData(), adminT(adminLocale(request)));
};

export default function PolicyPage() {
  const data = useLoaderData<typeof loader>();
  if (data.stage === "start") return <StartPage presets={data.presets} empty={data.empty} />;
  return <EditPage data={data} />;
}

type StartProps = { presets: { name: string; title: string; summary: string; highlights: string[] }[]; empty: string[] };

function StartPage({ presets, empty }: StartProps) {
  const t = useT();
  const submit = useSubmit();
  const navigation = useNavigation();
  const choose = (choice: string) => submit({ intent: "start", choice }, { method: "post" });
  return (
    <Page title={t("policyEditor.start.title")}>
      <BlockStack gap="400">
        <Text as="p">{t("policyEditor.start.intro")}</Text>
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          {presets.map((p) => (
            <Card key={p.name}>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {p.title}
                </Text>
                <Text as="p" tone="subdued">
                  {p.summary}
                </Text>
                <List>
                  {p.highlights.map((h) => (
                    <List.Item key={h}>{h}</List.Item>
                  ))}
                </List>
                <InlineStack>
                  <Button accessibilityLabel={t("policyEditor.start.fromLabel", { title: p.title })} onClick={() => choose(p.name)} loading={navigation.state !== "idle"}>
                    {t("policyEditor.start.fromThis")}
                  </Button>
                </InlineStack>
              </BlockStack>
            </Card>
          ))}
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("policyEditor.start.empty")}
              </Text>
              <List>
                {empty.map((h) => (
                  <List.Item key={h}>{h}</List.Item>
                ))}
              </List>
              <InlineStack>
                <Button onClick={() => choose("empty")}>{t("policyEditor.start.empty")}</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </InlineGrid>
      </BlockStack>
    </Page>
  );
}

type EditData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { stage: "edit" }>;

function EditPage({ data }: { data: EditData }) {
  const t = useT();
  const save = useFetcher<EditorActionResult>();
  const publish = useFetcher<EditorActionResult>();
  const result = useActionData<EditorActionResult>();
  const catalogue = useArrived(data.catalogue);
  const saved = save.data?.saved ? save.data : null;
  const serverErrors = save.data?.errors;
  const published = publish.data ?? result;
  return (
    <Page
      title={t("policyEditor.title")}
      subtitle={data.live.number ? t("policyEditor.live", { number: data.live.number }) : t("policyEditor.notPublished")}
      secondaryActions={[
        { content: t("policyEditor.tryScenario"), url: "/app/policy/simulate" },
        { content: t("policyEditor.versions"), url: "/app/policy/versions" },
      ]}
    >
      {/* A grid, not Layout's wrapping flex: the long editor column arrives in the document's first
          chunks and is painted at its own width before the side column is parsed (Layout painted it
          full width, then narrowed it: a layout shift of 0.05 on every load). */}
      <InlineGrid columns={{ xs: 1, md: ["twoThirds", "oneThird"] }} gap="400" alignItems="start">
        <div>
          <BlockStack gap="400">
            {saved && data.draftSaved && (
              <Banner tone="success" title={t("policyEditor.saved.title")}>
                <Text as="p">{t("policyEditor.saved.body")}</Text>
              </Banner>
            )}
            {published?.message && (
              <Banner tone={published.ok ? "success" : "critical"} title={published.message}>
                {published.changed && published.changed.length > 0 && (
                  <BlockStack gap="100">
                    <Text as="p">{t("policyEditor.changed")}</Text>
                    <ChangedDecisions changed={published.changed} />
                  </BlockStack>
                )}
              </Banner>
            )}
            <PolicyEditor
              key={JSON.stringify(data.document).length}
              initial={data.document}
              country={data.shop.country}
              currency={data.shop.currency}
              cheapestItem={catalogue?.cheapest}
              catalogue={catalogue ? { items: catalogue.items, complete: catalogue.complete } : null}
              serverErrors={serverErrors}
              saving={save.state !== "idle"}
              onSave={(document) => save.submit({ intent: "save", document: JSON.stringify(document) }, { method: "post" })}
            />
          </BlockStack>
        </div>
        <div>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("policyEditor.publish.heading")}
                </Text>
                <Text as="p" tone="subdued">
                  {data.draftSaved ? t("policyEditor.publish.body") : t("policyEditor.publish.saveFirst")}
                </Text>
                <InlineStack gap="200">
                  <Button variant="primary" disabled={!data.draftSaved} loading={publish.state !== "idle" && publish.formData?.get("intent") === "publish"} onClick={() => publish.submit({ intent: "publish" }, { method: "post" })}>
                    {t("policyEditor.publish.publish")}
                  </Button>
                  <Button disabled={!data.draftSaved} onClick={() => publish.submit({ intent: "discard" }, { method: "post" })}>
                    {t("policyEditor.publish.discard")}
                  </Button>
                </InlineStack>
              </BlockStack>
            </Card>
            <PresetCard presets={data.presets} />
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("policyEditor.livePolicy.heading")}
                </Text>
                <List>
                  {data.live.highlights.map((h) => (
                    <List.Item key={h}>{h}</List.Item>
                  ))}
                </List>
                <Button loading={publish.state !== "idle" && publish.formData?.get("intent") === "publishText"} onClick={() => publish.submit({ intent: "publishText" }, { method: "post" })}>
                  {t("policyEditor.livePolicy.publishText")}
                </Button>
              </BlockStack>
            </Card>
          </BlockStack>
        </div>
      </InlineGrid>
    </Page>
  );
}

/** Any of the four presets, at any time: compared with the policy being edited, or taken as a new draft. */
function PresetCard({ presets }: { presets: { value: string; label: string }[] }) {
  const t = useT();
  const [preset, setPreset] = useState(presets[0]?.value ?? "");
  const compare = useFetcher<EditorActionResult>();
  const restart = useFetcher<EditorActionResult>();
  const comparison = compare.data?.comparison;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("policyEditor.presets.heading")}
        </Text>
        <Text as="p" tone="subdued">
          {t("policyEditor.presets.body")}
        </Text>
        <Select label={t("policyEditor.presets.label")} options={presets} value={preset} onChange={setPreset} />
        <InlineStack gap="200">
          <Button loading={compare.state !== "idle"} onClick={() => compare.submit({ intent: "comparePreset", preset }, { method: "post" })}>
            {t("policyEditor.presets.compare")}
          </Button>
          <Button loading={restart.state !== "idle"} onClick={() => restart.submit({ intent: "fromPreset", preset }, { method: "post" })}>
            {t("policyEditor.presets.restart")}
          </Button>
        </InlineStack>
        {restart.data?.message ? (
          <Banner tone={restart.data.ok ? "success" : "critical"} title={restart.data.message} />
        ) : null}
        {comparison ? (
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {comparison.changes.length === 0 ? t("policyEditor.presets.same", { preset: comparison.preset }) : t("policyEditor.presets.differences", { count: comparison.changes.length, preset: comparison.preset })}
            </Text>
            {comparison.changes.length > 0 ? (
              <List>
                {comparison.changes.slice(0, 15).map((c) => (
                  <List.Item key={c.path}>
                    <code>{c.path}</code>: {t("policyEditor.presets.line", { ours: c.ours, preset: comparison.preset, theirs: c.theirs })}
                  </List.Item>
                ))}
              </List>
            ) : null}
            {comparison.changes.length > 15 ? <Text as="p" tone="subdued">{t("policyEditor.presets.more", { count: comparison.changes.length - 15 })}</Text> : null}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
