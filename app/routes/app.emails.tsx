import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, ChoiceList, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";

import { chooseSender, editorView, parseLanguage, parseStep, parseTemplate, previewEmail, resetTemplate, saveTemplate, sendTestEmail, TemplateInputError } from "../messaging/editor.server";
import { adminLocale, adminT } from "../i18n/i18n.server";
import { useT } from "../i18n/react";
import { editorDeps, mailConfigured } from "../messaging/index.server";
import { authenticate } from "../shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shopper emails · Aftercare" }];

type Preview = { subject: string; html: string; requestId: string | null };
type ActionData = { ok: boolean; intent: string; message: string; field?: string; preview?: Preview };

const pick = <T,>(parse: (v: unknown) => T, value: unknown, fallback: T): T => {
  try {
    return parse(value);
  } catch {
    return fallback;
  }
};

// The template editor (app/messaging/editor.server.ts): each step's email, per language, with a
// live preview on a real request of the shop and a test send.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const step = pick(parseStep, url.searchParams.get("step"), "received");
  const language = pick(parseLanguage, url.searchParams.get("language"), "en");
  const deps = editorDeps(admin.graphql);
  const view = await editorView(deps, session.shop, step, language, mailConfigured);
  let preview: Preview | null = null;
  let previewProblem: string | null = null;
  try {
    const email = await previewEmail(deps, session.shop, { step, language, template: view.template });
    preview = { subject: email.subject, html: email.html, requestId: email.requestId };
  } catch (error) {
    if (!(error instanceof TemplateInputError)) throw error;
    previewProblem = error.message;
  }
  return json({ title: adminT(adminLocale(request))("emails.metaTitle"), view, preview, previewProblem });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const deps = editorDeps(admin.graphql);
  const shop = session.shop;
  const t = adminT(adminLocale(request));
  try {
    const step = parseStep(form.get("step"));
    if (intent === "sender") {
      const sender = await chooseSender(deps, shop, step, form.get("sender"));
      return json<ActionData>({ ok: true, intent, message: sender === "shopify" ? t("emails.senderShopify") : t("emails.senderAftercare") });
    }
    const language = parseLanguage(form.get("language"));
    if (intent === "reset") {
      await resetTemplate(deps, shop, step, language);
      return json<ActionData>({ ok: true, intent, message: t("emails.resetDone") });
    }
    const template = parseTemplate({ subject: form.get("subject"), body: form.get("body") });
    const requestId = typeof form.get("requestId") === "string" && form.get("requestId") !== "" ? String(form.get("requestId")) : null;
    if (intent === "save") {
      await saveTemplate(deps, shop, step, language, template);
      return json<ActionData>({ ok: true, intent, message: t("emails.saved") });
    }
    if (intent === "preview") {
      const email = await previewEmail(deps, shop, { step, language, template, requestId });
      return json<ActionData>({ ok: true, intent, message: "", preview: { subject: email.subject, html: email.html, requestId: email.requestId } });
    }
    if (intent === "test") {
      const sent = await sendTestEmail(deps, shop, { step, language, template, requestId, to: form.get("to") });
      return json<ActionData>({ ok: true, intent, message: t("emails.sent", { to: sent.to }) });
    }
    return json<ActionData>({ ok: false, intent, message: t("emails.unknown") }, { status: 400 });
  } catch (error) {
    if (error instanceof TemplateInputError) return json<ActionData>({ ok: false, intent, message: error.message, field: error.field }, { status: error.field === "request" ? 404 : 400 });
    throw error;
  }
};

export default function Emails() {
  const data = useLoaderData<typeof loader>();
  // Each step and language is its own editor: its wording, preview and messages start afresh.
  return <Editor key={`${data.view.step}/${data.view.language}`} {...data} />;
}

function Editor({ view, preview: initial, previewProblem }: ReturnType<typeof useLoaderData<typeof loader>>) {
  const navigate = useNavigate();
  const t = useT();
  const editor = useFetcher<ActionData>();
  const previewer = useFetcher<ActionData>();
  const senders = useFetcher<ActionData>();
  const [subject, setSubject] = useState(view.template.subject);
  const [body, setBody] = useState(view.template.body);
  const [requestId, setRequestId] = useState(initial?.requestId ?? "");
  const [to, setTo] = useState("");
  const current = view.steps.find((s) => s.step === view.step) ?? view.steps[0];
  // The catalogue names the template's placeholders ({words}) as they are typed; Shopify's format would fill them in.
  const braces = Object.fromEntries(view.placeholders.map((p) => [p.name.slice(1, -1), p.name]));
  const first = useRef(true);
  // Saving revalidates the loader: the saved wording becomes the page's, and the badge goes.
  const edited = subject !== view.template.subject || body !== view.template.body;

  // The live preview: the wording as typed, a moment after the last keystroke (the loader rendered the first).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => previewer.submit({ intent: "preview", step: view.step, language: view.language, subject, body, requestId }, { method: "post" }), 350);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [subject, body, requestId]);

  const preview = previewer.data?.preview ?? initial;
  const problem = previewer.data && !previewer.data.ok ? previewer.data.message : previewProblem;
  const result = editor.data;
  const fieldError = (field: string) => (result && !result.ok && result.field === field ? result.message : undefined);
  const go = (step: string, language: string) => navigate(`/app/emails?step=${step}&language=${language}`);
  const submit = (intent: string) => editor.submit({ intent, step: view.step, language: view.language, subject, body, requestId, to }, { method: "post" });

  return (
    <Page title={t("emails.title")} subtitle={t("emails.subtitle")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {!view.mailConfigured && (
              <Banner tone="warning" title={t("emails.noRelay")}>
                <p>{t("emails.noRelayBody")}</p>
              </Banner>
            )}
            <Card>
              <BlockStack gap="300">
                <InlineStack gap="400" wrap>
                  <Select label={t("emails.email")} options={view.steps.map((s) => ({ label: t(`emails.steps.${s.step}.label`), value: s.step }))} value={view.step} onChange={(step) => go(step, view.language)} />
                  <Select label={t("emails.language")} options={view.languages.map((l) => ({ label: l.name, value: l.language }))} value={view.language} onChange={(language) => go(view.step, language)} />
                </InlineStack>
                <Text as="p" tone="subdued">
                  {t(`emails.steps.${current.step}.when`, braces)}
                </Text>
                {current.shopifyCanSend && (
                  <ChoiceList
                    title={t("emails.who")}
                    choices={[
                      { label: t("emails.byAftercare"), value: "aftercare" },
                      { label: t("emails.byShopify"), value: "shopify" },
                    ]}
                    selected={[senders.formData?.get("sender")?.toString() ?? current.sender]}
                    onChange={([sender]) => senders.submit({ intent: "sender", step: view.step, sender }, { method: "post" })}
                  />
                )}
                {senders.data && (
                  <div role="status">
                    <Text as="p" tone={senders.data.ok ? "success" : "critical"}>
                      {senders.data.message}
                    </Text>
                  </div>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    {t("emails.wording")}
                  </Text>
                  <InlineStack gap="200">
                    {edited && <Badge tone="attention">{t("emails.notSaved")}</Badge>}
                    <Badge tone={view.isDefault ? undefined : "info"}>{view.isDefault ? t("emails.default") : t("emails.yours")}</Badge>
                  </InlineStack>
                </InlineStack>
                <div lang={view.language} dir={view.dir}>
                  <BlockStack gap="300">
                    <TextField label={t("emails.subject")} value={subject} onChange={setSubject} autoComplete="off" error={fieldError("subject")} />
                    <TextField label={t("emails.text")} value={body} onChange={setBody} multiline={10} autoComplete="off" error={fieldError("body")} />
                  </BlockStack>
                </div>
                <Text as="p" tone="subdued">
                  {t("emails.paragraphs")}
                </Text>
                <InlineStack gap="200">
                  <Button variant="primary" onClick={() => submit("save")} loading={editor.state !== "idle" && editor.formData?.get("intent") === "save"}>
                    {t("emails.save")}
                  </Button>
                  {!view.isDefault && <Button onClick={() => submit("reset")}>{t("emails.reset")}</Button>}
                </InlineStack>
                {result && result.intent !== "test" && result.message && (
                  <div role="status">
                    <Text as="p" tone={result.ok ? "success" : "critical"}>
                      {result.message}
                    </Text>
                  </div>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("emails.preview")}
                </Text>
                {view.requests.length > 0 && <Select label={t("emails.shownWith")} options={view.requests.map((r) => ({ label: r.label, value: r.id }))} value={requestId} onChange={setRequestId} />}
                {problem && (
                  <div role="status">
                    <Text as="p" tone="critical">
                      {problem}
                    </Text>
                  </div>
                )}
                {preview && (
                  <>
                    <Text as="p" variant="bodyMd">
                      <span>{t("emails.subjectIs")}</span>
                      <span lang={view.language} dir={view.dir} data-testid="preview-subject">
                        {preview.subject}
                      </span>
                    </Text>
                    <Box borderColor="border" borderWidth="025" borderRadius="200" overflowX="hidden" overflowY="hidden">
                      <iframe title={t("emails.previewFrame")} srcDoc={preview.html} sandbox="" style={{ width: "100%", height: 560, border: 0, display: "block" }} />
                    </Box>
                  </>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("emails.test")}
                </Text>
                <TextField label={t("emails.sendTo")} type="email" value={to} onChange={setTo} autoComplete="email" error={fieldError("to")} helpText={t("emails.sendHelp")} />
                <InlineStack>
                  <Button onClick={() => submit("test")} disabled={!view.mailConfigured} loading={editor.state !== "idle" && editor.formData?.get("intent") === "test"}>
                    {t("emails.send")}
                  </Button>
                </InlineStack>
                {result?.intent === "test" && result.ok && (
                  <div role="status">
                    <Text as="p" tone="success">
                      {result.message}
                    </Text>
                  </div>
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingSm">
                {t("emails.placeholders")}
              </Text>
              {view.placeholders.map((p) => (
                <Text as="p" key={p.name}>
                  <code>{p.name}</code> {t(`emails.placeholder.${p.name.slice(1, -1)}`, { defaultValue: p.help })}
                </Text>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
