import type { MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, useFetcher, useLoaderData, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, Checkbox, Divider, FormLayout, InlineStack, Layout, Page, Select, Text, TextField, Thumbnail } from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import { useEffect, useState } from "react";

import { NotFoundPage } from "../../desk/ui";
import { type RepairMove, type RepairState } from "../../repairs/machine";
import { useAdminLocale, useT } from "../../i18n/react";
import { DueDate, StateBadge, localDateIn, whenIn, workLabel } from "../../repairs/ui";
import type { loader } from "./data.server";
import { Field } from "./Field";
import { NextSteps } from "./NextSteps";

// A missing ticket throws before the loader's words are at hand: its title stays English.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.title : "Ticket not found · Aftercare" }];


export { action, loader } from "./data.server";

type Result = { ok: boolean; message: string; fields?: Record<string, string> };

export default function Ticket() {
  const data = useLoaderData<typeof loader>();
  const fetcher = useFetcher<Result>();
  const tr = useT();
  const { language } = useAdminLocale();
  const when = (iso: string) => whenIn(iso, data.timezone, language);
  const t = data.ticket;
  const work = workLabel(t.work, tr);
  const busy = fetcher.state !== "idle";
  const result = fetcher.data;
  const errors = result && !result.ok ? (result.fields ?? {}) : {};
  const post = (fields: Record<string, string>) => fetcher.submit({ ...fields, from: t.state }, { method: "post" });
  const can = (m: RepairMove) => data.moves.includes(m);

  const [intake, setIntake] = useState({ description: "", condition: "", declaredValue: "", instructions: "", termsAccepted: false, turnaroundDays: data.turnaroundDays ? String(data.turnaroundDays) : "", rush: false, location: "" });
  const [assess, setAssess] = useState({ cause: "", findings: "" });
  const [quote, setQuote] = useState({ description: "" });
  const [lines, setLines] = useState([{ title: "", quantity: "1", price: "" }]);
  const setLine = (i: number, change: Partial<(typeof lines)[number]>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...change } : l)));
  const [location, setLocation] = useState(t.location ?? "");
  const [correction, setCorrection] = useState("");
  useEffect(() => {
    if (result?.ok) setCorrection("");
  }, [result]);

  // The PDF is fetched with App Bridge's fetch (it carries the session token the route asks for)
  // and opened in a tab of its own to print.
  const [printError, setPrintError] = useState<string | null>(null);
  const print = async (size: "a5" | "tag") => {
    setPrintError(null);
    const tab = window.open("", "_blank");
    const response = await fetch(`/app/bench/${t.id}/envelope?size=${size}`);
    if (!response.ok) {
      tab?.close();
      setPrintError(await response.text());
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    if (tab) tab.location.href = url;
    else window.location.assign(url);
  };

  // A quote Shopify holds as a draft order is accepted by its payment (the ticket follows Shopify), not by a button.
  const plain = (["accept", "decline", "expire", "start", "finish", "send_back", "collect"] as RepairMove[]).filter((m) => can(m) && !(m === "accept" && t.quote?.draftOrderId));

  return (
    <Page
      title={`${t.job} · ${work}`}
      titleMetadata={<StateBadge state={t.state as RepairState} />}
      subtitle={tr("ticket.subtitle", { item: t.item, customer: t.customer ?? tr("bench.guest"), order: t.orderName })}
      backAction={{ content: tr("bench.title"), url: "/app/bench" }}
      secondaryActions={[
        { content: tr("ticket.printEnvelope"), onAction: () => void print("a5") },
        { content: tr("ticket.printTag"), onAction: () => void print("tag") },
        { content: tr("ticket.openRequest"), url: `/app/requests/${t.requestId}` },
      ]}
    >
      <BlockStack gap="400">
        {printError ? (
          <Banner tone="critical" title={tr("ticket.envelopeFailed")} onDismiss={() => setPrintError(null)}>
            <p>{printError}</p>
          </Banner>
        ) : null}
        {result?.message ? (
          <Banner tone={result.ok ? "success" : "critical"} title={result.ok ? result.message : tr("ticket.notDone")}>
            {result.ok ? null : <p>{result.message}</p>}
          </Banner>
        ) : null}
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {tr("ticket.intake.heading")}
                  </Text>
                  {t.intake ? (
                    <BlockStack gap="200">
                      <Field label={tr("ticket.intake.description")}>{t.intake.description}</Field>
                      <Field label={tr("ticket.intake.condition")}>{t.intake.condition}</Field>
                      <Field label={tr("ticket.intake.declaredValue")}>{t.intake.declaredValue ?? tr("ticket.intake.noneDeclared")}</Field>
                      <Field label={tr("ticket.intake.instructions")}>{t.intake.instructions || tr("ticket.intake.none")}</Field>
                      <Field label={tr("ticket.intake.terms")}>{t.intake.termsAcceptedAt ? tr("ticket.intake.termsAccepted", { when: when(t.intake.termsAcceptedAt) }) : tr("ticket.intake.termsNotAccepted")}</Field>
                      <Text as="p" tone="subdued" variant="bodySm">
                        {tr("ticket.intake.takenIn", { staff: t.intake.staffName ?? tr("ticket.intake.staff"), when: when(t.intake.at) })}
                      </Text>
                    </BlockStack>
                  ) : can("intake") ? (
                    <FormLayout>
                      <TextField label={tr("ticket.intake.describe")} helpText={tr("ticket.intake.describeHelp")} value={intake.description} onChange={(v) => setIntake({ ...intake, description: v })} multiline={2} autoComplete="off" error={errors.description} />
                      <TextField label={tr("ticket.intake.conditionFound")} value={intake.condition} onChange={(v) => setIntake({ ...intake, condition: v })} multiline={2} autoComplete="off" error={errors.condition} />
                      <FormLayout.Group>
                        <TextField label={tr("ticket.intake.declaredValue")} value={intake.declaredValue} onChange={(v) => setIntake({ ...intake, declaredValue: v })} autoComplete="off" inputMode="decimal" error={errors.declaredValue} />
                        <TextField label={tr("ticket.intake.turnaround")} type="number" value={intake.turnaroundDays} onChange={(v) => setIntake({ ...intake, turnaroundDays: v })} autoComplete="off" helpText={data.turnaroundDays ? tr("ticket.intake.turnaroundPolicy") : tr("ticket.intake.turnaroundNone")} error={errors.turnaroundDays} />
                        <TextField label={tr("ticket.intake.location")} value={intake.location} onChange={(v) => setIntake({ ...intake, location: v })} autoComplete="off" placeholder={tr("ticket.intake.locationPlaceholder")} />
                      </FormLayout.Group>
                      <TextField label={tr("ticket.intake.instructions")} value={intake.instructions} onChange={(v) => setIntake({ ...intake, instructions: v })} multiline={2} autoComplete="off" />
                      <Checkbox label={tr("ticket.intake.rush")} checked={intake.rush} onChange={(v) => setIntake({ ...intake, rush: v })} />
                      <Checkbox label={tr("ticket.intake.termsCheck")} checked={intake.termsAccepted} onChange={(v) => setIntake({ ...intake, termsAccepted: v })} error={errors.termsAccepted} />
                      <Button variant="primary" loading={busy} onClick={() => post({ intent: "move", move: "intake", ...intake, termsAccepted: String(intake.termsAccepted), rush: String(intake.rush) })}>
                        {tr("bench.move.intake")}
                      </Button>
                    </FormLayout>
                  ) : (
                    <Text as="p" tone="subdued">
                      {tr("ticket.intake.noIntake")}
                    </Text>
                  )}
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {tr("ticket.assessment.heading")}
                  </Text>
                  {t.assessment ? (
                    <BlockStack gap="200">
                      <Field label={tr("ticket.assessment.cause")}>{t.assessment.cause ? tr(`bench.cause.${t.assessment.cause}`, { defaultValue: t.assessment.cause }) : tr("ticket.assessment.noCause")}</Field>
                      <Field label={tr("ticket.assessment.found")}>{t.assessment.findings}</Field>
                    </BlockStack>
                  ) : can("assess") ? (
                    <FormLayout>
                      <Select label={tr("ticket.assessment.causeSelect")} options={[{ label: tr("ticket.assessment.noneOfThese"), value: "" }, ...data.causes.map((c) => ({ value: c.value, label: c.rule ? tr("ticket.assessment.causeRule", { cause: tr(`bench.cause.${c.value}`), rule: c.rule }) : tr(`bench.cause.${c.value}`) }))]} value={assess.cause} onChange={(v) => setAssess({ ...assess, cause: v })} error={errors.cause} />
                      <TextField label={tr("ticket.assessment.findings")} value={assess.findings} onChange={(v) => setAssess({ ...assess, findings: v })} multiline={3} autoComplete="off" error={errors.findings} />
                      <Button variant="primary" loading={busy} onClick={() => post({ intent: "move", move: "assess", ...assess })}>
                        {tr("bench.move.assess")}
                      </Button>
                    </FormLayout>
                  ) : (
                    <Text as="p" tone="subdued">
                      {tr("ticket.assessment.later")}
                    </Text>
                  )}
                  {t.quote ? (
                    <>
                      <Divider />
                      <Field label={tr("ticket.quote.label")}>{`${t.quote.amount} — ${t.quote.description}`}</Field>
                      {t.quote.lines.map((l, i) => (
                        <Text key={i} as="p">{`${l.quantity} × ${l.title} · ${l.price}`}</Text>
                      ))}
                      <Field label={tr("ticket.quote.shopify")}>
                        {t.quote.orderId
                          ? t.quote.paidAt
                            ? tr("ticket.quote.paidOn", { when: when(t.quote.paidAt) })
                            : tr("ticket.quote.paid")
                          : t.quote.draftOrderId
                            ? tr("ticket.quote.invoiced")
                            : tr("ticket.quote.making")}
                      </Field>
                      {t.quote.deposit && <Field label={tr("ticket.quote.deposit")}>{t.quote.deposit.deposit}</Field>}
                      {t.quote.deposit && <Field label={tr("ticket.quote.balance")}>{t.quote.deposit.balance}</Field>}
                      {t.quote.depositRefund && <Field label={tr("ticket.quote.depositRefund")}>{t.quote.depositRefund}</Field>}
                    </>
                  ) : can("quote") ? (
                    <>
                      <Divider />
                      <Text as="h3" variant="headingSm">
                        {tr("ticket.quote.heading")}
                      </Text>
                      <FormLayout>
                        <TextField label={tr("ticket.quote.work")} value={quote.description} onChange={(v) => setQuote({ ...quote, description: v })} autoComplete="off" error={errors.description} />
                        {lines.map((line, i) => (
                          <FormLayout.Group key={i} condensed>
                            <TextField label={tr("ticket.quote.line", { number: i + 1 })} value={line.title} onChange={(v) => setLine(i, { title: v })} autoComplete="off" error={errors[`lines.${i}.title`]} />
                            <TextField label={tr("ticket.quote.quantity")} type="number" min={1} value={line.quantity} onChange={(v) => setLine(i, { quantity: v })} autoComplete="off" />
                            <TextField label={tr("ticket.quote.price")} value={line.price} onChange={(v) => setLine(i, { price: v })} autoComplete="off" inputMode="decimal" error={errors[`lines.${i}.price`]} />
                          </FormLayout.Group>
                        ))}
                        {errors.lines ? <Text as="p" tone="critical">{errors.lines}</Text> : null}
                        <InlineStack gap="200">
                          <Button onClick={() => setLines([...lines, { title: "", quantity: "1", price: "" }])} disabled={lines.length >= 20}>
                            {tr("ticket.quote.addLine")}
                          </Button>
                          <Button variant="primary" loading={busy} onClick={() => post({ intent: "move", move: "quote", ...quote, lines: JSON.stringify(lines) })}>
                            {tr("bench.move.quote")}
                          </Button>
                        </InlineStack>
                      </FormLayout>
                    </>
                  ) : null}
                </BlockStack>
              </Card>
              <NextSteps plain={plain} canCancel={can("cancel")} busy={busy} pending={String(fetcher.formData?.get("move") ?? "")} post={post} reasonError={errors.reason} />
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {tr("ticket.timeline.heading")}
                  </Text>
                  <ol aria-label={tr("ticket.timeline.label")} style={{ listStyle: "none", margin: 0, padding: 0 }}>
                    {data.timeline.map((e) => (
                      <li key={e.id}>
                        <Box paddingBlockEnd="200">
                          <Text as="p">{e.message}</Text>
                          <Text as="p" tone="subdued" variant="bodySm">
                            {`${e.staffName ?? "Aftercare"} · ${when(e.at)}`}
                          </Text>
                        </Box>
                      </li>
                    ))}
                  </ol>
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="300">
                  <InlineStack gap="200" blockAlign="center" wrap={false}>
                    <Thumbnail source={t.image ?? ImageIcon} alt={t.image ? t.item : ""} size="medium" />
                    <Text as="p">{t.item}</Text>
                  </InlineStack>
                  <Field label={tr("ticket.side.due")}>
                    <DueDate dueOn={t.dueOn} overdue={t.overdue} rush={t.rush} />
                  </Field>
                  {t.dueOn ? <Text as="span" visuallyHidden>{tr("ticket.side.promised", { date: localDateIn(t.dueOn, language) })}</Text> : null}
                  <Field label={tr("ticket.side.assignee")}>{t.assignee ?? tr("bench.nobody")}</Field>
                  <InlineStack gap="200">
                    <Button disabled={busy} onClick={() => post({ intent: "assign_me" })}>
                      {tr("ticket.side.assignMe")}
                    </Button>
                    {t.assignee ? (
                      <Button disabled={busy} onClick={() => post({ intent: "unassign" })}>
                        {tr("ticket.side.unassign")}
                      </Button>
                    ) : null}
                    <Button disabled={busy} onClick={() => post({ intent: "rush", rush: String(!t.rush) })}>
                      {t.rush ? tr("ticket.side.notRush") : tr("ticket.side.markRush")}
                    </Button>
                  </InlineStack>
                  <InlineStack gap="200" blockAlign="end">
                    <div style={{ flex: 1 }}>
                      <TextField label={tr("ticket.intake.location")} value={location} onChange={setLocation} autoComplete="off" placeholder={tr("ticket.intake.locationPlaceholder")} />
                    </div>
                    <Button disabled={busy} onClick={() => post({ intent: "locate", location })}>
                      {tr("ticket.side.save")}
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Card>
              {t.intake ? (
                <Card>
                  <FormLayout>
                    <TextField label={tr("ticket.side.correction")} value={correction} onChange={setCorrection} multiline={2} autoComplete="off" helpText={tr("ticket.side.correctionHelp")} error={errors.note} />
                    <Button disabled={busy} onClick={() => post({ intent: "correct", note: correction })}>
                      {tr("ticket.side.recordCorrection")}
                    </Button>
                  </FormLayout>
                </Card>
              ) : null}
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}


export function ErrorBoundary() {
  const error = useRouteError();
  const tr = useT();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage message={tr("ticket.notFound")} />;
  throw error;
}
