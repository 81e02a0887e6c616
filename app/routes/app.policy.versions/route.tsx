import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";

import { ChangedDecisions } from "../../components/policy/ChangedDecisions";
import { adminLocale, adminT } from "../../i18n/i18n.server";
import { useAdminLocale, useT } from "../../i18n/react";
import { PolicyNotFoundError, policyService, type ChangedDecision } from "../../policies/index.server";
import { policies, shops } from "../../repositories/index.server";
import { authenticate } from "../../shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Policy versions · Aftercare" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const history = await policies.history(session.shop);
  const shop = await shops.find(session.shop);
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
    title: adminT(adminLocale(request))("versions.metaTitle"),
    // Publication times read in the shop's time zone, as the rest of the admin's dates.
    timezone: shop?.timezone ?? "UTC",
    versions: history.map((v) => ({ number: v.number, note: v.note, publishedAt: v.publishedAt?.toISOString() ?? null, restoredFrom: v.restoredFrom })),
    comparison,
  });
};

type RestoreResult = { ok: boolean; message: string; changed?: ChangedDecision[] };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const t = adminT(adminLocale(request));
  const parsed = z.object({ intent: z.literal("restore"), number: z.coerce.number().int().positive() }).safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json<RestoreResult>({ ok: false, message: t("versions.chooseVersion") }, { status: 400 });
  try {
    const result = await policyService.restore(session.shop, parsed.data.number);
    return json<RestoreResult>({ ok: true, message: t("versions.restored", { number: parsed.data.number, live: result.version.number }), changed: result.changed });
  } catch (error) {
    if (error instanceof PolicyNotFoundError) return json<RestoreResult>({ ok: false, message: t("versions.noSuchVersion", { number: parsed.data.number }) }, { status: 404 });
    throw error;
  }
};

/**
 * The notes the policy service writes on a version ("edited", "restored version 2", "started from
 * UK jeweller"), stored as English words on existing rows: read back into the admin's language,
 * the policy's name as written. A note the app did not write is shown as it is.
 */
const NOTES: [RegExp, string, (m: RegExpExecArray) => Record<string, string>][] = [
  [/^edited$/, "edited", () => ({})],
  [/^started empty$/, "startedEmpty", () => ({})],
  [/^restored version (\d+)$/, "restored", (m) => ({ number: m[1] ?? "" })],
  [/^started again from (.+)$/, "startedAgain", (m) => ({ name: m[1] ?? "" })],
  [/^started from (.+)$/, "startedFrom", (m) => ({ name: m[1] ?? "" })],
];

function noteText(t: ReturnType<typeof useT>, note: string | null): string {
  if (!note) return "";
  for (const [pattern, key, values] of NOTES) {
    const m = pattern.exec(note);
    if (m) return t(`versions.notes.${key}`, values(m));
  }
  return note;
}

export default function Versions() {
  const { versions, comparison, timezone } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useAdminLocale();
  const when = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: timezone }).format(new Date(iso));
  const result = useActionData<RestoreResult>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [params] = useSearchParams();
  const options = versions.map((v) => ({ label: t("versions.option", { number: v.number }), value: String(v.number) }));
  const [a, setA] = useState(params.get("a") ?? options[1]?.value ?? options[0]?.value ?? "");
  const [b, setB] = useState(params.get("b") ?? options[0]?.value ?? "");
  return (
    <Page title={t("versions.title")} backAction={{ content: t("versions.back"), url: "/app/policy" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && (
              <Banner tone={result.ok ? "success" : "critical"} title={result.message}>
                {result.changed && result.changed.length > 0 && (
                  <ChangedDecisions changed={result.changed} />
                )}
              </Banner>
            )}
            <Card>
              {versions.length === 0 ? (
                <Text as="p">{t("versions.none")}</Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "text"]}
                  headings={[t("versions.version"), t("versions.published"), t("versions.note"), ""]}
                  rows={versions.map((v, i) => [
                    i === 0 ? t("versions.liveNumber", { number: v.number }) : String(v.number),
                    v.publishedAt ? when(v.publishedAt) : "",
                    noteText(t, v.note),
                    i === 0 ? (
                      ""
                    ) : (
                      <Button
                        key={v.number}
                        accessibilityLabel={t("versions.restoreLabel", { number: v.number })}
                        loading={navigation.state !== "idle" && navigation.formData?.get("number") === String(v.number)}
                        onClick={() => submit({ intent: "restore", number: String(v.number) }, { method: "post" })}
                      >
                        {t("versions.restore")}
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
                      {t("versions.compareHeading")}
                    </Text>
                    <InlineStack gap="200" blockAlign="end">
                      <Select label={t("versions.from")} name="a" options={options} value={a} onChange={setA} />
                      <Select label={t("versions.to")} name="b" options={options} value={b} onChange={setB} />
                      <Button submit>{t("versions.compare")}</Button>
                    </InlineStack>
                  </BlockStack>
                </Form>
              </Card>
            )}
            {comparison && (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t("versions.comparison", { a: comparison.a, b: comparison.b })}
                  </Text>
                  {comparison.changes.length === 0 ? (
                    <Text as="p">{t("versions.same")}</Text>
                  ) : (
                    <DataTable columnContentTypes={["text", "text", "text"]} headings={[t("versions.rule"), t("versions.before"), t("versions.after")]} rows={comparison.changes.map((c) => [<code key={c.path}>{c.path}</code>, c.before, c.after])} />
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
