import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, List, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";

import { PolicyNotFoundError, policyService, type ChangedDecision } from "../../policies/index.server";
import { policies } from "../../repositories/index.server";
import { authenticate } from "../../shopify.server";

export const meta: MetaFunction = () => [{ title: "Policy versions · Aftercare" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const history = await policies.history(session.shop);
  const url = new URL(request.url);
  // Built here, not at the top of the module, where it would put zod in the page's browser bundle.
  const query = z.object({ a: z.coerce.number().int().positive(), b: z.coerce.number().int().positive() }).safeParse({ a: url.searchParams.get("a"), b: url.searchParams.get("b") });
  let comparison: { a: number; b: number; changes: { path: string; before: string; after: string }[] } | null = null;
  if (query.success) {
    try {
      const changes = await policyService.compare(session.shop, query.data.a, query.data.b);
      const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));
      comparison = { ...query.data, changes: changes.map((c) => ({ path: c.path, before: show(c.before), after: show(c.after) })) };
    } catch (error) {
      if (!(error instanceof PolicyNotFoundError)) throw error;
    }
  }
  return json({
    versions: history.map((v) => ({ number: v.number, note: v.note, publishedAt: v.publishedAt?.toISOString() ?? null, restoredFrom: v.restoredFrom })),
    comparison,
  });
};

type RestoreResult = { ok: boolean; message: string; changed?: ChangedDecision[] };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = z.object({ intent: z.literal("restore"), number: z.coerce.number().int().positive() }).safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json<RestoreResult>({ ok: false, message: "Choose a version to restore." }, { status: 400 });
  try {
    const result = await policyService.restore(session.shop, parsed.data.number);
    return json<RestoreResult>({ ok: true, message: `Version ${parsed.data.number} restored: it is live again as version ${result.version.number}.`, changed: result.changed });
  } catch (error) {
    if (error instanceof PolicyNotFoundError) return json<RestoreResult>({ ok: false, message: error.message }, { status: 404 });
    throw error;
  }
};

export default function Versions() {
  const { versions, comparison } = useLoaderData<typeof loader>();
  const result = useActionData<RestoreResult>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [params] = useSearchParams();
  const options = versions.map((v) => ({ label: `Version ${v.number}`, value: String(v.number) }));
  const [a, setA] = useState(params.get("a") ?? options[1]?.value ?? options[0]?.value ?? "");
  const [b, setB] = useState(params.get("b") ?? options[0]?.value ?? "");
  return (
    <Page title="Policy versions" backAction={{ content: "Policy editor", url: "/app/policy" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && (
              <Banner tone={result.ok ? "success" : "critical"} title={result.message}>
                {result.changed && result.changed.length > 0 && (
                  <List>
                    {result.changed.map((c) => (
                      <List.Item key={c.scenarioId}>
                        {c.name}: {c.before} → {c.after}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Banner>
            )}
            <Card>
              {versions.length === 0 ? (
                <Text as="p">Nothing published from the editor yet.</Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "text"]}
                  headings={["Version", "Published", "Note", ""]}
                  rows={versions.map((v, i) => [
                    `${v.number}${i === 0 ? " (live)" : ""}`,
                    v.publishedAt ? new Date(v.publishedAt).toLocaleString("en-GB", { timeZone: "UTC" }) + " UTC" : "",
                    v.note ?? "",
                    i === 0 ? (
                      ""
                    ) : (
                      <Button
                        key={v.number}
                        accessibilityLabel={`Restore version ${v.number}`}
                        loading={navigation.state !== "idle" && navigation.formData?.get("number") === String(v.number)}
                        onClick={() => submit({ intent: "restore", number: String(v.number) }, { method: "post" })}
                      >
                        Restore
                      </Button>
                    ),
                  ])}
                />
              )}
            </Card>
            {versions.length > 1 && (
              <Card>
                <Form method="get">
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingMd">
                      Compare two versions
                    </Text>
                    <InlineStack gap="200" blockAlign="end">
                      <Select label="From" name="a" options={options} value={a} onChange={setA} />
                      <Select label="To" name="b" options={options} value={b} onChange={setB} />
                      <Button submit>Compare</Button>
                    </InlineStack>
                  </BlockStack>
                </Form>
              </Card>
            )}
            {comparison && (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {`Version ${comparison.a} → version ${comparison.b}`}
                  </Text>
                  {comparison.changes.length === 0 ? (
                    <Text as="p">The two versions say the same.</Text>
                  ) : (
                    <DataTable columnContentTypes={["text", "text", "text"]} headings={["Rule", "Before", "After"]} rows={comparison.changes.map((c) => [c.path, c.before, c.after])} />
                  )}
                </BlockStack>
              </Card>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
