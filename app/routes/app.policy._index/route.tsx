import { defer, json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineGrid, InlineStack, List, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";

import { PolicyEditor } from "../../components/policy/PolicyEditor";
import { useArrived } from "../../components/useArrived";
import { PRESET_DOCUMENTS, PRESET_NAMES, policySchema } from "../../domain";
import { emptyPolicy } from "../../domain/policy/empty";
import { formatMoneyIn, parseMinorUnits, shopLocale } from "../../domain/money";
import { policyHighlights } from "../../domain/policy/text";
import { shops } from "../../repositories/index.server";
import { authenticate } from "../../shopify.server";
import { editorAction, type EditorActionResult } from "./actions.server";
import { loadCatalogue } from "./catalogue.server";
import { policyService } from "../../policies/index.server";

export const meta: MetaFunction = () => [{ title: "Policy editor · Aftercare" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const shop = (await shops.find(session.shop)) ?? (await shops.recordInstall(session.shop));
  // Fixed service prices in the shop's money ("Polish and re-plate (£45.00)"), not a bare "45".
  const amount = (decimal: string) => formatMoneyIn(parseMinorUnits(decimal, shop.currency), shop.currency, shopLocale("en", shop.country));
  if (!(await policyService.hasStarted(session.shop))) {
    const presets = PRESET_NAMES.map((name) => {
      const policy = policySchema.parse(PRESET_DOCUMENTS[name]);
      return { name, title: policy.name, summary: policy.summary ?? "", highlights: policyHighlights(policy, amount) };
    });
    return json({ stage: "start" as const, presets, empty: policyHighlights(policySchema.parse(emptyPolicy()), amount) });
  }
  // The shop's catalogue (an Admin API call) only counts the products each item group matches
  // and names the cheapest item: the page is sent without waiting for it, and it follows.
  const catalogue = loadCatalogue(admin.graphql);
  const [{ document, saved }, live] = await Promise.all([policyService.draftDocument(session.shop), policyService.live(session.shop)]);
  return defer({
    stage: "edit" as const,
    presets: PRESET_NAMES.map((name) => ({ value: name, label: PRESET_DOCUMENTS[name].name })),
    shop: { country: shop.country, currency: shop.currency },
    document,
    draftSaved: saved,
    live: { number: live.number, source: live.source, highlights: policyHighlights(live.policy, amount) },
    catalogue,
  });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  return editorAction(session.shop, admin.graphql, await request.formData());
};

export default function PolicyPage() {
  const data = useLoaderData<typeof loader>();
  if (data.stage === "start") return <StartPage presets={data.presets} empty={data.empty} />;
  return <EditPage data={data} />;
}

type StartProps = { presets: { name: string; title: string; summary: string; highlights: string[] }[]; empty: string[] };

function StartPage({ presets, empty }: StartProps) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const choose = (choice: string) => submit({ intent: "start", choice }, { method: "post" });
  return (
    <Page title="Choose where your policy starts">
      <BlockStack gap="400">
        <Text as="p">Start from a policy like one of these shops&apos;, or from nothing. You can change every rule afterwards; nothing reaches shoppers until you publish.</Text>
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
                  <Button accessibilityLabel={`Start from ${p.title}`} onClick={() => choose(p.name)} loading={navigation.state !== "idle"}>
                    Start from this policy
                  </Button>
                </InlineStack>
              </BlockStack>
            </Card>
          ))}
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Start empty
              </Text>
              <List>
                {empty.map((h) => (
                  <List.Item key={h}>{h}</List.Item>
                ))}
              </List>
              <InlineStack>
                <Button onClick={() => choose("empty")}>Start empty</Button>
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
  const save = useFetcher<EditorActionResult>();
  const publish = useFetcher<EditorActionResult>();
  const result = useActionData<EditorActionResult>();
  const catalogue = useArrived(data.catalogue);
  const saved = save.data?.saved ? save.data : null;
  const serverErrors = save.data?.errors;
  const published = publish.data ?? result;
  return (
    <Page
      title="Policy editor"
      subtitle={data.live.number ? `Live: version ${data.live.number}` : "Not published from the editor yet"}
      secondaryActions={[
        { content: "Try a scenario", url: "/app/policy/simulate" },
        { content: "Versions", url: "/app/policy/versions" },
      ]}
    >
      {/* A grid, not Layout's wrapping flex: the long editor column arrives in the document's first
          chunks and is painted at its own width before the side column is parsed (Layout painted it
          full width, then narrowed it: a layout shift of 0.05 on every load). */}
      <InlineGrid columns={{ xs: 1, md: ["twoThirds", "oneThird"] }} gap="400" alignItems="start">
        <div>
          <BlockStack gap="400">
            {saved && data.draftSaved && (
              <Banner tone="success" title="Draft saved">
                <Text as="p">Shoppers still see the published version until you publish.</Text>
              </Banner>
            )}
            {published?.message && (
              <Banner tone={published.ok ? "success" : "critical"} title={published.message}>
                {published.changed && published.changed.length > 0 && (
                  <BlockStack gap="100">
                    <Text as="p">These saved scenarios now decide differently:</Text>
                    <List>
                      {published.changed.map((c) => (
                        <List.Item key={c.scenarioId}>
                          {c.name}: {c.before} → {c.after}
                        </List.Item>
                      ))}
                    </List>
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
                  Publish
                </Text>
                <Text as="p" tone="subdued">
                  {data.draftSaved ? "Your saved draft becomes the live policy; the previous version is kept." : "Save a draft first."}
                </Text>
                <InlineStack gap="200">
                  <Button variant="primary" disabled={!data.draftSaved} loading={publish.state !== "idle" && publish.formData?.get("intent") === "publish"} onClick={() => publish.submit({ intent: "publish" }, { method: "post" })}>
                    Publish draft
                  </Button>
                  <Button disabled={!data.draftSaved} onClick={() => publish.submit({ intent: "discard" }, { method: "post" })}>
                    Discard draft
                  </Button>
                </InlineStack>
              </BlockStack>
            </Card>
            <PresetCard presets={data.presets} />
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Live policy
                </Text>
                <List>
                  {data.live.highlights.map((h) => (
                    <List.Item key={h}>{h}</List.Item>
                  ))}
                </List>
                <Button loading={publish.state !== "idle" && publish.formData?.get("intent") === "publishText"} onClick={() => publish.submit({ intent: "publishText" }, { method: "post" })}>
                  Publish as the shop&apos;s refund policy
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
  const [preset, setPreset] = useState(presets[0]?.value ?? "");
  const compare = useFetcher<EditorActionResult>();
  const restart = useFetcher<EditorActionResult>();
  const comparison = compare.data?.comparison;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Presets
        </Text>
        <Text as="p" tone="subdued">
          Compare your policy with one of the four presets, or start a new draft from it. The live policy stays until you publish.
        </Text>
        <Select label="Preset" options={presets} value={preset} onChange={setPreset} />
        <InlineStack gap="200">
          <Button loading={compare.state !== "idle"} onClick={() => compare.submit({ intent: "comparePreset", preset }, { method: "post" })}>
            Compare with my policy
          </Button>
          <Button loading={restart.state !== "idle"} onClick={() => restart.submit({ intent: "fromPreset", preset }, { method: "post" })}>
            Start a new draft from it
          </Button>
        </InlineStack>
        {restart.data?.message ? (
          <Banner tone={restart.data.ok ? "success" : "critical"} title={restart.data.message} />
        ) : null}
        {comparison ? (
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {comparison.changes.length === 0 ? `Your policy is the same as ${comparison.preset}.` : `${comparison.changes.length} difference${comparison.changes.length === 1 ? "" : "s"} from ${comparison.preset}`}
            </Text>
            {comparison.changes.length > 0 ? (
              <List>
                {comparison.changes.slice(0, 15).map((c) => (
                  <List.Item key={c.path}>
                    <code>{c.path}</code>: yours {c.ours}; {comparison.preset}: {c.theirs}
                  </List.Item>
                ))}
              </List>
            ) : null}
            {comparison.changes.length > 15 ? <Text as="p" tone="subdued">{`And ${comparison.changes.length - 15} more.`}</Text> : null}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
