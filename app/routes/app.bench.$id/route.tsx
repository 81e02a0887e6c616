import type { MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, useFetcher, useLoaderData, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, Checkbox, Divider, FormLayout, InlineStack, Layout, Page, Select, Text, TextField, Thumbnail } from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import { useEffect, useState } from "react";

import { NotFoundPage } from "../../desk/ui";
import { type RepairMove, type RepairState } from "../../repairs/machine";
import { DueDate, StateBadge, localDateWords } from "../../repairs/ui";
import type { loader } from "./data.server";
import { Field } from "./Field";
import { NextSteps } from "./NextSteps";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.ticket.job} · ${data.ticket.work} · Bench · Aftercare` : "Ticket not found · Aftercare" }];


export { action, loader } from "./data.server";

type Result = { ok: boolean; message: string; fields?: Record<string, string> };

function when(iso: string, timezone: string): string {
  return new Date(iso).toLocaleString("en-GB", { timeZone: timezone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

export default function Ticket() {
  const data = useLoaderData<typeof loader>();
  const fetcher = useFetcher<Result>();
  const t = data.ticket;
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
      title={`${t.job} · ${t.work}`}
      titleMetadata={<StateBadge state={t.state as RepairState} />}
      subtitle={`${t.item} · ${t.customer} · order ${t.orderName}`}
      backAction={{ content: "Bench", url: "/app/bench" }}
      secondaryActions={[
        { content: "Print job envelope", onAction: () => void print("a5") },
        { content: "Print tag", onAction: () => void print("tag") },
        { content: "Open the request", url: `/app/requests/${t.requestId}` },
      ]}
    >
      <BlockStack gap="400">
        {printError ? (
          <Banner tone="critical" title="The envelope could not be made" onDismiss={() => setPrintError(null)}>
            <p>{printError}</p>
          </Banner>
        ) : null}
        {result?.message ? (
          <Banner tone={result.ok ? "success" : "critical"} title={result.ok ? result.message : "Not done"}>
            {result.ok ? null : <p>{result.message}</p>}
          </Banner>
        ) : null}
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Intake record
                  </Text>
                  {t.intake ? (
                    <BlockStack gap="200">
                      <Field label="Description">{t.intake.description}</Field>
                      <Field label="Condition and marks">{t.intake.condition}</Field>
                      <Field label="Declared value">{t.intake.declaredValue ?? "None declared"}</Field>
                      <Field label="Customer's instructions">{t.intake.instructions || "None"}</Field>
                      <Field label="Repair terms">{t.intake.termsAcceptedAt ? `Accepted ${when(t.intake.termsAcceptedAt, data.timezone)}` : "Not accepted"}</Field>
                      <Text as="p" tone="subdued" variant="bodySm">
                        {`Taken in by ${t.intake.staffName ?? "staff"} on ${when(t.intake.at, data.timezone)}. Kept as written: corrections go on the timeline.`}
                      </Text>
                    </BlockStack>
                  ) : can("intake") ? (
                    <FormLayout>
                      <TextField label="Description in your words" helpText={'For example "yellow metal ring, one white stone, customer states 18ct gold and diamond".'} value={intake.description} onChange={(v) => setIntake({ ...intake, description: v })} multiline={2} autoComplete="off" error={errors.description} />
                      <TextField label="Condition and marks found" value={intake.condition} onChange={(v) => setIntake({ ...intake, condition: v })} multiline={2} autoComplete="off" error={errors.condition} />
                      <FormLayout.Group>
                        <TextField label="Declared value" value={intake.declaredValue} onChange={(v) => setIntake({ ...intake, declaredValue: v })} autoComplete="off" inputMode="decimal" error={errors.declaredValue} />
                        <TextField label="Turnaround (working days)" type="number" value={intake.turnaroundDays} onChange={(v) => setIntake({ ...intake, turnaroundDays: v })} autoComplete="off" helpText={data.turnaroundDays ? "The service's turnaround in the policy." : "The policy gives none for this work: the promise you make."} error={errors.turnaroundDays} />
                        <TextField label="Storage location" value={intake.location} onChange={(v) => setIntake({ ...intake, location: v })} autoComplete="off" placeholder="Safe, tray 3" />
                      </FormLayout.Group>
                      <TextField label="Customer's instructions" value={intake.instructions} onChange={(v) => setIntake({ ...intake, instructions: v })} multiline={2} autoComplete="off" />
                      <Checkbox label="Rush" checked={intake.rush} onChange={(v) => setIntake({ ...intake, rush: v })} />
                      <Checkbox label="The customer accepted the shop's repair terms" checked={intake.termsAccepted} onChange={(v) => setIntake({ ...intake, termsAccepted: v })} error={errors.termsAccepted} />
                      <Button variant="primary" loading={busy} onClick={() => post({ intent: "move", move: "intake", ...intake, termsAccepted: String(intake.termsAccepted), rush: String(intake.rush) })}>
                        Take in
                      </Button>
                    </FormLayout>
                  ) : (
                    <Text as="p" tone="subdued">
                      No intake was recorded.
                    </Text>
                  )}
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Assessment
                  </Text>
                  {t.assessment ? (
                    <BlockStack gap="200">
                      <Field label="Cause">{t.assessment.cause ?? "None of the policy's causes"}</Field>
                      <Field label="Found and the work">{t.assessment.findings}</Field>
                    </BlockStack>
                  ) : can("assess") ? (
                    <FormLayout>
                      <Select label="Cause (the policy's)" options={[{ label: "None of these", value: "" }, ...data.causes]} value={assess.cause} onChange={(v) => setAssess({ ...assess, cause: v })} error={errors.cause} />
                      <TextField label="What the bench found and the work it needs" value={assess.findings} onChange={(v) => setAssess({ ...assess, findings: v })} multiline={3} autoComplete="off" error={errors.findings} />
                      <Button variant="primary" loading={busy} onClick={() => post({ intent: "move", move: "assess", ...assess })}>
                        Record assessment
                      </Button>
                    </FormLayout>
                  ) : (
                    <Text as="p" tone="subdued">
                      Assessed once the item is taken in.
                    </Text>
                  )}
                  {t.quote ? (
                    <>
                      <Divider />
                      <Field label="Quote">{`${t.quote.amount} — ${t.quote.description}`}</Field>
                      {t.quote.lines.map((l, i) => (
                        <Text key={i} as="p">{`${l.quantity} × ${l.title} · ${l.price}`}</Text>
                      ))}
                      <Field label="Shopify">
                        {t.quote.orderId
                          ? `Paid${t.quote.paidAt ? ` on ${when(t.quote.paidAt, data.timezone)}` : ""}: the draft order completed into an order.`
                          : t.quote.draftOrderId
                            ? "Draft order made, invoice sent; the ticket moves on when Shopify shows it paid. Paying at the counter: take the payment on the draft order in Shopify admin or POS."
                            : "The draft order is being made in Shopify (sent once, automatically)."}
                      </Field>
                      {t.quote.deposit && <Field label="Deposit">{t.quote.deposit.deposit}</Field>}
                      {t.quote.deposit && <Field label="Balance">{t.quote.deposit.balance}</Field>}
                      {t.quote.depositRefund && <Field label="Deposit refund">{t.quote.depositRefund}</Field>}
                    </>
                  ) : can("quote") ? (
                    <>
                      <Divider />
                      <Text as="h3" variant="headingSm">
                        Quote paid work
                      </Text>
                      <FormLayout>
                        <TextField label="The quoted work" value={quote.description} onChange={(v) => setQuote({ ...quote, description: v })} autoComplete="off" error={errors.description} />
                        {lines.map((line, i) => (
                          <FormLayout.Group key={i} condensed>
                            <TextField label={`Line ${i + 1}`} value={line.title} onChange={(v) => setLine(i, { title: v })} autoComplete="off" error={errors[`lines.${i}.title`]} />
                            <TextField label="Quantity" type="number" min={1} value={line.quantity} onChange={(v) => setLine(i, { quantity: v })} autoComplete="off" />
                            <TextField label="Price of one" value={line.price} onChange={(v) => setLine(i, { price: v })} autoComplete="off" inputMode="decimal" error={errors[`lines.${i}.price`]} />
                          </FormLayout.Group>
                        ))}
                        {errors.lines ? <Text as="p" tone="critical">{errors.lines}</Text> : null}
                        <InlineStack gap="200">
                          <Button onClick={() => setLines([...lines, { title: "", quantity: "1", price: "" }])} disabled={lines.length >= 20}>
                            Add a line
                          </Button>
                          <Button variant="primary" loading={busy} onClick={() => post({ intent: "move", move: "quote", ...quote, lines: JSON.stringify(lines) })}>
                            Quote the work
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
                    Timeline
                  </Text>
                  <ol aria-label="Ticket timeline" style={{ listStyle: "none", margin: 0, padding: 0 }}>
                    {data.timeline.map((e) => (
                      <li key={e.id}>
                        <Box paddingBlockEnd="200">
                          <Text as="p">{e.message}</Text>
                          <Text as="p" tone="subdued" variant="bodySm">
                            {`${e.staffName ?? "Aftercare"} · ${when(e.at, data.timezone)}`}
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
                  <Field label="Due">
                    <DueDate dueOn={t.dueOn} overdue={t.overdue} rush={t.rush} />
                  </Field>
                  {t.dueOn ? <Text as="span" visuallyHidden>{`Promised for ${localDateWords(t.dueOn)}`}</Text> : null}
                  <Field label="Assignee">{t.assignee ?? "Nobody"}</Field>
                  <InlineStack gap="200">
                    <Button disabled={busy} onClick={() => post({ intent: "assign_me" })}>
                      Assign to me
                    </Button>
                    {t.assignee ? (
                      <Button disabled={busy} onClick={() => post({ intent: "unassign" })}>
                        Unassign
                      </Button>
                    ) : null}
                    <Button disabled={busy} onClick={() => post({ intent: "rush", rush: String(!t.rush) })}>
                      {t.rush ? "Not a rush" : "Mark as rush"}
                    </Button>
                  </InlineStack>
                  <InlineStack gap="200" blockAlign="end">
                    <div style={{ flex: 1 }}>
                      <TextField label="Storage location" value={location} onChange={setLocation} autoComplete="off" placeholder="Safe, tray 3" />
                    </div>
                    <Button disabled={busy} onClick={() => post({ intent: "locate", location })}>
                      Save
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Card>
              {t.intake ? (
                <Card>
                  <FormLayout>
                    <TextField label="Correction to the intake record" value={correction} onChange={setCorrection} multiline={2} autoComplete="off" helpText="Recorded on the timeline; the record stays as written." error={errors.note} />
                    <Button disabled={busy} onClick={() => post({ intent: "correct", note: correction })}>
                      Record correction
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
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage message="There is no such repair ticket in this shop." />;
  throw error;
}
