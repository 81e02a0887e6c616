import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, useActionData, useFetcher, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Divider,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  List,
  Modal,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";

import { DeskPhotoFull, DeskPhotoThumbnail } from "../components/DeskPhoto";
import { ParcelCard } from "../parcels/desk-ui";
import { parcelForDesk } from "../parcels/desk.server";
import { RequestNotFound, type ExchangePreview, type MoneyPreview } from "../desk/actions.server";
import { deskContext, deskReader } from "../desk/context.server";
import { requestIdSchema as idSchema, requestIntentSchema as intentSchema } from "../desk/forms.server";
import { MONEY_RESOLUTIONS, RESOLUTION_LABELS, type DeskStatus, type Resolution } from "../desk/machine";
import { DeclineFields, ExchangeSummary, InvoiceBanner, NotFoundPage, StatusBadge, exchangeConfirmLabel, kindLabel, reasonLabel } from "../desk/ui";
import { InspectionCard, InspectionFields, type FormLine } from "../desk/inspection-ui";
import { detailView } from "../desk/views.server";
import { releaseHold } from "../flow/release.server";
import { flowStore } from "../repositories/flow-store.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.request.reference} · ${data.request.orderName} · Aftercare` : "Request not found · Aftercare" }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, repos, locale } = await deskReader(request);
  const id = idSchema.safeParse(params.id);
  const found = id.success ? await repos.requests.find(shop.domain, id.data) : null;
  if (!found) throw json({ message: "There is no such request in this shop." }, { status: 404 });
  return json({ ...(await detailView(repos, shop.domain, found, locale)), parcel: await parcelForDesk(shop.domain, found.id, locale), timezone: shop.timezone, hold: await flowStore.holdOf(shop.domain, found.id) });
};

/** `fields`: a refusal's messages by form field ("amount"), shown beside that field. */
type ActionData = { ok: boolean; message: string; intent: string; preview?: MoneyPreview; exchange?: ExchangePreview; fields?: Record<string, string> };

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, desk, staff, repos } = await deskContext(request);
  const id = idSchema.safeParse(params.id);
  if (!id.success) return json<ActionData>({ ok: false, intent: "", message: "There is no such request in this shop." }, { status: 404 });
  const form = Object.fromEntries([...(await request.formData()).entries()].filter(([, v]) => v !== ""));
  const parsed = intentSchema.safeParse(form);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) if (issue.path.length) fields[String(issue.path[0])] ??= issue.message;
    return json<ActionData>({ ok: false, intent: String(form.intent ?? ""), message: parsed.error.issues.map((i) => i.message).join("; "), fields }, { status: 400 });
  }
  const input = parsed.data;
  try {
    let result;
    switch (input.intent) {
      case "approve":
        result = await desk.approve(shop.domain, id.data);
        break;
      case "decline":
        result = await desk.decline(shop.domain, id.data, input);
        break;
      case "cancel":
        result = await desk.cancel(shop.domain, id.data, input);
        break;
      case "receive":
        result = await desk.receive(shop.domain, id.data);
        break;
      case "inspect":
        result = await desk.inspect(shop.domain, id.data, input);
        break;
      case "note":
        result = await desk.note(shop.domain, id.data, input);
        break;
      case "override":
        result = await desk.override(shop.domain, id.data, input);
        break;
      case "preview": {
        const preview = await desk.preview(shop.domain, id.data, input);
        if ("ok" in preview) return json<ActionData>({ ...preview, intent: "preview" }, { status: preview.ok ? 200 : preview.status });
        return json<ActionData>({ ok: true, intent: "preview", message: "", preview });
      }
      case "exchange_preview": {
        const exchange = await desk.exchangePreview(shop.domain, id.data);
        if ("ok" in exchange) return json<ActionData>({ ...exchange, intent: "preview" }, { status: exchange.ok ? 200 : exchange.status });
        return json<ActionData>({ ok: true, intent: "preview", message: "", exchange });
      }
      case "invoice":
        result = await desk.invoice(shop.domain, id.data);
        break;
      case "resolve":
        result = await desk.resolve(shop.domain, id.data, input);
        break;
      case "quote":
        result = await desk.quote(shop.domain, id.data, input);
        break;
      case "withdraw_quote":
        result = await desk.withdrawQuote(shop.domain, id.data);
        break;
      case "release_hold":
        result = await releaseHold({ flow: flowStore, desk: repos.desk }, shop.domain, id.data, staff);
        break;
    }
    return json<ActionData>({ ok: result.ok, intent: input.intent, message: result.message, ...(!result.ok && result.fields ? { fields: result.fields } : {}) }, { status: result.ok ? 200 : result.status });
  } catch (error) {
    if (error instanceof RequestNotFound) return json<ActionData>({ ok: false, intent: input.intent, message: "There is no such request in this shop." }, { status: 404 });
    throw error;
  }
};

function when(iso: string, timezone: string): string {
  return new Date(iso).toLocaleString("en-GB", { timeZone: timezone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

export default function RequestDetail() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const fetcher = useFetcher<ActionData>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" || fetcher.state === "submitting";
  const r = data.request;
  const can = (a: string) => data.actions.includes(a as never);

  const [modal, setModal] = useState<null | "decline" | "inspect" | "resolve" | "confirm" | "override" | "photo" | "quote">(null);
  const [quoteAmount, setQuoteAmount] = useState("");
  const [quoteText, setQuoteText] = useState("");
  // The quote's refusal beside its field, until that field is changed.
  const [quoteErrors, setQuoteErrors] = useState<Record<string, string | undefined>>({});
  const [parts, setParts] = useState("1");
  const [declineReason, setDeclineReason] = useState("OTHER");
  const [declineMessage, setDeclineMessage] = useState("");
  const [findings, setFindings] = useState<FormLine[]>(data.inspectForm);
  const [inspectNote, setInspectNote] = useState("");
  // The resolve dialog starts on what the shopper asked for, when this request can be resolved that way.
  const preferred = data.resolutions.find((m) => m === r.preferredResolution && !data.unavailable[m as Resolution]);
  const [method, setMethod] = useState<Resolution>((preferred ?? data.resolutions.find((m) => !data.unavailable[m as Resolution]) ?? data.resolutions[0]) as Resolution);
  // The list follows the policy's latest decision (an inspection can change it): keep the choice on it.
  useEffect(() => {
    if (data.resolutions.length && !data.resolutions.includes(method as never)) setMethod((data.resolutions.find((m) => !data.unavailable[m as Resolution]) ?? data.resolutions[0]) as Resolution);
  }, [data.resolutions, data.unavailable, method]);
  // Empty: the policy's expiry; a number of days overrides it (with a note, recorded).
  const [expires, setExpires] = useState("");
  const [resolveNote, setResolveNote] = useState("");
  const [note, setNote] = useState("");
  const [overrideLine, setOverrideLine] = useState<string | null>(null);
  const [overrideDecision, setOverrideDecision] = useState("approve");
  const [overrideNote, setOverrideNote] = useState("");
  const [photo, setPhoto] = useState<{ key: string; label: string } | null>(null);

  const result = fetcher.data ?? actionData;
  // The figures the merchant confirms stay on screen until the dialog closes.
  const [preview, setPreview] = useState<MoneyPreview | undefined>(undefined);
  const [exchangePreview, setExchangePreview] = useState<ExchangePreview | undefined>(undefined);

  useEffect(() => {
    // An answer is in as soon as the fetcher stops submitting (the page's data may still be reloading).
    if (fetcher.state === "submitting" || !fetcher.data) return;
    if (fetcher.data.intent === "preview") {
      if (fetcher.data.ok && (fetcher.data.preview || fetcher.data.exchange)) {
        setPreview(fetcher.data.preview);
        setExchangePreview(fetcher.data.exchange);
        setModal("confirm");
      }
    } else if (!fetcher.data.ok && fetcher.data.fields && Object.keys(fetcher.data.fields).length) {
      // A refusal about a field of the open dialog: the dialog stays, with the message beside the field.
      if (fetcher.data.intent === "quote") setQuoteErrors(fetcher.data.fields);
    } else {
      setModal(null);
      if (fetcher.data.ok && fetcher.data.intent === "note") setNote("");
    }
  }, [fetcher.state, fetcher.data]);

  const post = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post" });
  const isMoney = MONEY_RESOLUTIONS.includes(method);
  // An exchange is reviewed too: the items sent and how its difference is settled.
  const reviewed = isMoney || method === "exchange";

  const quoteOpen = can("quote") && data.quoteOffered && (!data.quote || data.quote.status === "declined" || data.quote.status === "withdrawn");
  const secondary = [
    // After receipt, a decline follows the policy's refusal on what was found, in its words.
    can("decline") && (r.status === "requested" || data.inspection?.refusedAll)
      ? { content: r.status === "requested" ? "Decline…" : "Decline and send back…", destructive: true, onAction: () => { if (r.status !== "requested" && !declineMessage) setDeclineMessage(data.inspection?.declineWords.slice(0, 500) ?? ""); setModal("decline"); }, disabled: busy }
      : null,
    can("inspect") ? { content: "Record inspection…", onAction: () => setModal("inspect"), disabled: busy } : null,
    quoteOpen ? { content: "Quote a paid repair…", onAction: () => setModal("quote"), disabled: busy } : null,
  ].filter((a): a is NonNullable<typeof a> => a !== null);
  const primary = can("approve")
    ? { content: "Approve", onAction: () => post({ intent: "approve" }), loading: busy && fetcher.formData?.get("intent") === "approve", disabled: busy }
    : can("receive")
      ? { content: "Mark received", onAction: () => post({ intent: "receive" }), loading: busy && fetcher.formData?.get("intent") === "receive", disabled: busy }
      : can("resolve") && data.resolutions.length
        ? { content: "Resolve…", onAction: () => setModal("resolve"), disabled: busy }
        : undefined;

  return (
    <Page
      title={`${r.reference} · ${r.orderName}`}
      titleMetadata={<StatusBadge status={r.status as DeskStatus} />}
      subtitle={`${kindLabel(r.kind)}${r.service ? ` (${r.service.replace(/_/g, " ")})` : ""} · received ${when(r.createdAt, data.timezone)}${r.resolution ? ` · resolved by ${RESOLUTION_LABELS[r.resolution as Resolution]?.toLowerCase() ?? r.resolution}` : ""}`}
      backAction={{ content: "Requests", url: "/app/requests" }}
      primaryAction={primary}
      secondaryActions={secondary}
    >
      <BlockStack gap="400">
        {result && result.intent !== "preview" && result.message ? (
          <Banner tone={result.ok ? "success" : "critical"} title={result.ok ? result.message : "Not done"}>
            {result.ok ? null : <p>{result.message}</p>}
          </Banner>
        ) : null}
        {data.hold && !data.hold.releasedAt ? (
          <Banner tone="warning" title="Held for review by a Shopify Flow workflow" action={{ content: "Release hold", onAction: () => post({ intent: "release_hold" }), loading: busy && fetcher.formData?.get("intent") === "release_hold", disabled: busy }}>
            <p>{data.hold.reason ? `${data.hold.reason}. ` : ""}It is not approved until someone releases the hold.</p>
          </Banner>
        ) : null}
        {fetcher.data?.intent === "preview" && !fetcher.data.ok ? (
          <Banner tone="critical" title="Nothing can be moved yet">
            <p>{fetcher.data.message}</p>
          </Banner>
        ) : null}
        {data.invoice && data.invoice.state !== "sent" ? (
          <InvoiceBanner invoice={data.invoice} busy={busy} onSend={() => post({ intent: "invoice" })} />
        ) : null}
        {r.shopifyReturn ? (
          <Banner tone={r.shopifyReturn.state === "retrying" ? "warning" : "critical"} title={`Shopify has not opened this return yet: ${r.shopifyReturn.reason}`}>
            {r.shopifyReturn.state === "retrying" && r.shopifyReturn.retryAt ? (
              <p>{`Retrying automatically; next attempt at ${when(r.shopifyReturn.retryAt, data.timezone)} (${r.shopifyReturn.attempts} so far). Nothing is needed from you unless it keeps failing.`}</p>
            ) : (
              <p>{`Aftercare stopped after ${r.shopifyReturn.attempts} attempts. Open the return from the order in Shopify admin (Return items), which this request then follows, or decline the request with a message to the shopper.`}</p>
            )}
          </Banner>
        ) : null}
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="400">
                  <Text as="h2" variant="headingMd">
                    Items and the policy&apos;s decision
                  </Text>
                  {r.lines.map((line) => (
                    <BlockStack gap="200" key={line.id}>
                      <InlineStack align="space-between" blockAlign="center">
                        <Text as="h3" variant="headingSm">
                          {line.quantity} × {line.title || "Item"}
                        </Text>
                        <InlineStack gap="200">
                          {line.eligible === null ? <Badge>No decision</Badge> : line.eligible ? <Badge tone="success">Eligible</Badge> : <Badge tone="critical">Not eligible</Badge>}
                          {line.override ? <Badge tone="attention">{line.override.decision === "approve" ? "Goodwill override" : "Refused by override"}</Badge> : null}
                        </InlineStack>
                      </InlineStack>
                      <Text as="p" tone="subdued">
                        Reason: {reasonLabel(line.reason)}
                        {line.cause ? ` · cause: ${line.cause.replace(/_/g, " ")}` : ""}
                      </Text>
                      {line.exchangeFor ? (
                        <Text as="p">
                          <Text as="span" fontWeight="semibold">
                            Exchange for:
                          </Text>{" "}
                          {line.exchangeFor}
                        </Text>
                      ) : null}
                      {line.condition.length ? (
                        <BlockStack gap="100">
                          <Text as="p" tone="subdued">
                            The shopper&apos;s answers about its condition:
                          </Text>
                          <List type="bullet">
                            {line.condition.map((c) => (
                              <List.Item key={c.question}>{`${c.question}: ${c.answer}`}</List.Item>
                            ))}
                          </List>
                        </BlockStack>
                      ) : null}
                      {line.notes ? <Text as="p">&ldquo;{line.notes}&rdquo;</Text> : null}
                      {line.explanation.length ? (
                        <List type="bullet">
                          {line.explanation.map((e, i) => (
                            <List.Item key={i}>
                              <Text as="span" tone={e.outcome === "blocked" ? "critical" : undefined}>
                                {e.text}
                              </Text>
                            </List.Item>
                          ))}
                        </List>
                      ) : null}
                      {line.override ? (
                        <Text as="p" tone="subdued">
                          Override by {line.override.by}: {line.override.note}
                        </Text>
                      ) : null}
                      {line.photos.length ? (
                        <InlineStack gap="200">
                          {line.photos.map((p, n) => (
                            <DeskPhotoThumbnail key={p} requestId={r.id} photoKey={p} label={`Shopper's photo ${n + 1} of ${line.title}`} onOpen={() => { setPhoto({ key: p, label: `Shopper's photo ${n + 1} of ${line.title}` }); setModal("photo"); }} />
                          ))}
                        </InlineStack>
                      ) : null}
                      {can("override") ? (
                        <InlineStack>
                          <Button variant="plain" onClick={() => { setOverrideLine(line.id); setOverrideDecision(line.eligible === false ? "approve" : "refuse"); setModal("override"); }}>
                            Override this decision…
                          </Button>
                        </InlineStack>
                      ) : null}
                      <Divider />
                    </BlockStack>
                  ))}
                  {r.refund ? (
                    <BlockStack gap="100">
                      <Text as="h3" variant="headingSm">
                        The engine&apos;s refund: {r.refund.formatted} ({r.refund.method === "store_credit" ? "store credit" : "to the original payment"})
                      </Text>
                      <List type="bullet">
                        {r.refund.explanation.map((t, i) => (
                          <List.Item key={i}>{t}</List.Item>
                        ))}
                      </List>
                    </BlockStack>
                  ) : null}
                </BlockStack>
              </Card>
              {data.parcel ? <ParcelCard parcel={data.parcel} requestId={r.id} onOpenProof={(key, label) => { setPhoto({ key, label }); setModal("photo"); }} /> : null}
              {data.inspection ? <InspectionCard inspection={data.inspection} when={(iso) => when(iso, data.timezone)} quoteAllowed={Boolean(quoteOpen)} onQuote={() => setModal("quote")} /> : null}
              {data.quote ? (
                <Card>
                  <BlockStack gap="200">
                    <InlineStack align="space-between" blockAlign="center">
                      <Text as="h2" variant="headingMd">
                        Repair quote
                      </Text>
                      <Badge tone={data.quote.status === "accepted" ? "success" : data.quote.status === "declined" ? "critical" : data.quote.status === "withdrawn" ? undefined : "attention"}>
                        {data.quote.status === "awaiting" ? "Awaiting the shopper" : data.quote.status === "accepted" ? (data.quote.invoiceUrl ? "Accepted · invoice sent" : "Accepted · invoice pending") : data.quote.status === "withdrawn" ? "Withdrawn" : "Declined"}
                      </Badge>
                    </InlineStack>
                    <Text as="p">
                      {data.quote.amount} for {data.quote.description}
                      {data.quote.by ? ` · quoted by ${data.quote.by}` : ""}
                    </Text>
                    {data.quote.draftOrderId ? (
                      <Text as="p" tone="subdued">
                        Shopify draft order {data.quote.draftOrderId.split("/").pop()}
                      </Text>
                    ) : null}
                    {data.quote.status === "awaiting" ? (
                      <InlineStack>
                        <Button onClick={() => post({ intent: "withdraw_quote" })} loading={busy && fetcher.formData?.get("intent") === "withdraw_quote"} disabled={busy}>
                          Withdraw quote
                        </Button>
                      </InlineStack>
                    ) : null}
                  </BlockStack>
                </Card>
              ) : null}
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Timeline
                  </Text>
                  {data.timeline.length === 0 ? (
                    <Text as="p" tone="subdued">
                      Nothing has happened yet.
                    </Text>
                  ) : (
                    <ol style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Timeline">
                      {data.timeline.map((e) => (
                        <li key={e.id} style={{ padding: "6px 0", borderBottom: "1px solid var(--p-color-border-secondary)" }}>
                          <InlineStack gap="200" blockAlign="center">
                            <Badge tone={e.type === "failed" ? "critical" : e.type === "refunded" || e.type === "credited" || e.type === "invoiced" ? "success" : e.type === "override" ? "attention" : e.by === "Shopify admin" ? "info" : undefined}>{e.type}</Badge>
                            <Text as="span">{e.message}</Text>
                            {e.internal ? <Badge size="small">Team only</Badge> : null}
                          </InlineStack>
                          <Text as="p" tone="subdued" variant="bodySm">
                            {e.by} · {when(e.at, data.timezone)}
                          </Text>
                        </li>
                      ))}
                    </ol>
                  )}
                  <fetcher.Form method="post">
                    <input type="hidden" name="intent" value="note" />
                    <BlockStack gap="200">
                      <TextField label="Internal note" name="note" value={note} onChange={setNote} multiline={2} autoComplete="off" helpText="Only your team sees notes." />
                      <InlineStack>
                        <Button submit disabled={!note.trim() || busy}>
                          Add note
                        </Button>
                      </InlineStack>
                    </BlockStack>
                  </fetcher.Form>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Money movements
                  </Text>
                  {data.money.length === 0 ? (
                    <Text as="p" tone="subdued">
                      No money has moved for this request.
                    </Text>
                  ) : (
                    <table style={{ width: "100%", borderCollapse: "collapse" }}>
                      <thead>
                        <tr style={{ textAlign: "left" }}>
                          <th scope="col">Amount</th>
                          <th scope="col">Method</th>
                          <th scope="col">Status</th>
                          <th scope="col">Shopify id</th>
                          <th scope="col">Staff</th>
                          <th scope="col">When</th>
                        </tr>
                      </thead>
                      <tbody>
                        {data.money.map((m) => (
                          <tr key={m.key}>
                            <td>{m.amount}</td>
                            <td>{m.kind.replace("_", " ")}</td>
                            <td>{m.status}</td>
                            <td style={{ wordBreak: "break-all" }}>{m.shopifyResultId ?? "—"}</td>
                            <td>{m.staff ?? "—"}</td>
                            <td>{when(m.at, data.timezone)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Order
                  </Text>
                  <Text as="p">
                    {/* App Bridge opens shopify:// links in Shopify admin, around the app. */}
                    <Link url={`shopify://admin/orders/${r.orderId.split("/").pop()}`} target="_top">
                      {r.orderName} in Shopify
                    </Link>
                  </Text>
                  {r.shopifyReturnUrl ? (
                    <Text as="p">
                      <Link url={r.shopifyReturnUrl} target="_top">
                        {`The return in Shopify (${r.shopifyReturnId?.split("/").pop()})`}
                      </Link>
                    </Text>
                  ) : null}
                  <Text as="p" tone="subdued">
                    Paid in {r.currency}
                    {r.shopifyReturnId ? "" : " · no Shopify return"}
                  </Text>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Customer
                  </Text>
                  <Text as="p">{r.customerName ?? "Guest"}</Text>
                  {r.customerEmail ? <Text as="p" tone="subdued">{r.customerEmail}</Text> : null}
                  {r.preferredResolution ? (
                    <Text as="p">
                      Asked for: {RESOLUTION_LABELS[r.preferredResolution as Resolution]?.toLowerCase() ?? r.preferredResolution.replace(/_/g, " ")}
                    </Text>
                  ) : null}
                  {r.customerNote ? (
                    <Box paddingBlockStart="200">
                      <Text as="p">Their words: &ldquo;{r.customerNote}&rdquo;</Text>
                    </Box>
                  ) : null}
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Past requests
                  </Text>
                  {data.history.length === 0 ? (
                    <Text as="p" tone="subdued">
                      None before this one.
                    </Text>
                  ) : (
                    <List>
                      {data.history.map((h) => (
                        <List.Item key={h.id}>
                          <a href={`/app/requests/${h.id}`}>{h.reference}</a> · {h.orderName} · {kindLabel(h.kind)} · {h.status}
                        </List.Item>
                      ))}
                    </List>
                  )}
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>

      <Modal
        open={modal === "decline"}
        onClose={() => setModal(null)}
        title={r.status === "requested" ? "Decline this request" : "Decline after inspection"}
        primaryAction={{ content: "Decline request", destructive: true, disabled: !declineMessage.trim() || busy, loading: busy, onAction: () => post({ intent: "decline", reason: declineReason, message: declineMessage }) }}
        secondaryActions={[{ content: "Cancel", onAction: () => setModal(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="300">
            {r.status !== "requested" ? (
              <Text as="p">{`The policy refused every item on what was found. The message starts from the policy's words; the items are marked to be sent back to the shopper${r.shopifyReturnId ? " and the Shopify return is cancelled" : ""}.`}</Text>
            ) : null}
            <DeclineFields
              reason={declineReason}
              onReason={setDeclineReason}
              message={declineMessage}
              onMessage={setDeclineMessage}
              helpText={r.status === "requested" ? undefined : "Shown to the shopper on their request's status page."}
            />
          </BlockStack>
        </Modal.Section>
      </Modal>

      <Modal
        open={modal === "inspect"}
        onClose={() => setModal(null)}
        title="Record the inspection"
        primaryAction={{ content: "Save and decide", disabled: busy, loading: busy, onAction: () => post({ intent: "inspect", lines: JSON.stringify(findings.map((f) => ({ lineId: f.id, condition: f.condition, cause: f.cause }))), note: inspectNote }) }}
        secondaryActions={[{ content: "Cancel", onAction: () => setModal(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="300">
            <Text as="p" tone="subdued">
              Tick what holds for each item as it arrived, in the policy&apos;s words. The policy then decides again on what you found.
            </Text>
            <InspectionFields lines={findings} onChange={setFindings} />
            <TextField label="Inspection note" value={inspectNote} onChange={setInspectNote} multiline={3} autoComplete="off" />
          </BlockStack>
        </Modal.Section>
      </Modal>

      <Modal
        open={modal === "resolve"}
        onClose={() => setModal(null)}
        title="Resolve this request"
        primaryAction={{
          content: reviewed ? "Review before sending" : "Resolve",
          disabled: busy,
          loading: busy,
          onAction: () => (method === "exchange" ? post({ intent: "exchange_preview" }) : isMoney ? post({ intent: "preview", method, expiresInDays: method === "store_credit" ? expires : "" }) : setModal("confirm")),
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setModal(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="300">
            <Select
              label="Resolution"
              helpText="What the policy offers for this request, in its order."
              options={data.resolutions.map((m) => ({ value: m, label: data.unavailable[m as Resolution] ? `${RESOLUTION_LABELS[m as Resolution]} (${data.unavailable[m as Resolution]})` : RESOLUTION_LABELS[m as Resolution], disabled: Boolean(data.unavailable[m as Resolution]) }))}
              value={method}
              onChange={(v) => setMethod(v as Resolution)}
            />
            {method === "store_credit" ? (
              <Select
                label="Store credit expires"
                value={expires}
                onChange={setExpires}
                helpText="Another expiry than the policy's is recorded as an override and needs a note saying why."
                options={[
                  { label: "As the policy says", value: "" },
                  { label: "In 90 days", value: "90" },
                  { label: "In 180 days", value: "180" },
                  { label: "In 365 days", value: "365" },
                ]}
              />
            ) : null}
            {method === "parts" ? <TextField label="Parts sent" type="number" min={1} value={parts} onChange={setParts} autoComplete="off" helpText="Counted against the item's allowance under the policy." /> : null}
            <TextField label="Note for the timeline" value={resolveNote} onChange={setResolveNote} autoComplete="off" />
          </BlockStack>
        </Modal.Section>
      </Modal>

      <Modal
        open={modal === "quote"}
        onClose={() => setModal(null)}
        title="Quote a paid repair"
        primaryAction={{ content: "Send quote to the shopper", disabled: !quoteAmount.trim() || !quoteText.trim() || busy, loading: busy, onAction: () => post({ intent: "quote", amount: quoteAmount, description: quoteText }) }}
        secondaryActions={[{ content: "Cancel", onAction: () => setModal(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="300">
            <TextField
              label={`Price (${r.currency})`}
              value={quoteAmount}
              onChange={(value) => {
                setQuoteAmount(value);
                setQuoteErrors((errors) => ({ ...errors, amount: undefined }));
              }}
              autoComplete="off"
              inputMode="decimal"
              error={quoteErrors.amount}
              helpText="The shopper sees it on their status page and accepts or declines; an accepted quote becomes a Shopify invoice."
            />
            <TextField
              label="What the quote covers"
              value={quoteText}
              onChange={(value) => {
                setQuoteText(value);
                setQuoteErrors((errors) => ({ ...errors, description: undefined }));
              }}
              multiline={2}
              autoComplete="off"
              error={quoteErrors.description}
            />
          </BlockStack>
        </Modal.Section>
      </Modal>

      <Modal
        open={modal === "confirm"}
        onClose={() => setModal(null)}
        title={isMoney ? "Confirm the money" : method === "exchange" ? "Confirm the exchange" : "Confirm the resolution"}
        primaryAction={{
          content: isMoney && preview ? `Send ${preview.formatted}` : method === "exchange" && exchangePreview ? exchangeConfirmLabel(exchangePreview) : "Confirm",
          disabled: busy,
          loading: busy,
          onAction: () => post({ intent: "resolve", method, expiresInDays: method === "store_credit" ? expires : "", note: resolveNote, parts: method === "parts" ? parts : "" }),
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setModal(null) }]}
      >
        <Modal.Section>
          {isMoney && preview ? (
            <BlockStack gap="300">
              {preview.warning ? (
                <Banner tone="warning" title="Shopify's figure differs">
                  <p>{preview.warning}</p>
                </Banner>
              ) : null}
              <InlineGrid columns={2} gap="200">
                <Text as="span" tone="subdued">Amount</Text>
                <Text as="span" fontWeight="semibold">{preview.formatted}</Text>
                <Text as="span" tone="subdued">How</Text>
                <Text as="span">{preview.how}</Text>
                <Text as="span" tone="subdued">To</Text>
                <Text as="span">{preview.to}</Text>
                <Text as="span" tone="subdued">Currency</Text>
                <Text as="span">{preview.currency} (what the shopper paid in)</Text>
                <Text as="span" tone="subdued">Engine&apos;s figure for the items</Text>
                <Text as="span">{preview.itemsFormatted}</Text>
                <Text as="span" tone="subdued">Shopify&apos;s suggested refund for the items</Text>
                <Text as="span">{preview.shopifyFormatted ?? "Not available"}</Text>
                {preview.postageFormatted ? (
                  <>
                    <Text as="span" tone="subdued">Postage repaid (included)</Text>
                    <Text as="span">{preview.postageFormatted}</Text>
                  </>
                ) : null}
              </InlineGrid>
              <Text as="p" tone="subdued">
                Sent once: a second click, a retry or a colleague acting at the same time cannot send it again.
              </Text>
            </BlockStack>
          ) : method === "exchange" && exchangePreview ? (
            <ExchangeSummary preview={exchangePreview} />
          ) : (
            <Text as="p">
              {method === "exchange"
                ? `Process the exchange in Shopify? The shopper gets ${r.lines.filter((l) => l.exchangeFor).map((l) => `${l.quantity > 1 ? `${l.quantity} × ` : ""}${l.exchangeFor}`).join(", ")} for the items sent back; at the same price no money moves.`
                : `Resolve this request by ${RESOLUTION_LABELS[method]?.toLowerCase() ?? "this resolution"}? No money moves.`}
            </Text>
          )}
        </Modal.Section>
      </Modal>

      <Modal
        open={modal === "override"}
        onClose={() => setModal(null)}
        title="Override the policy's decision"
        primaryAction={{ content: "Record override", disabled: !overrideNote.trim() || busy, loading: busy, onAction: () => post({ intent: "override", lineId: overrideLine ?? "", decision: overrideDecision, note: overrideNote }) }}
        secondaryActions={[{ content: "Cancel", onAction: () => setModal(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="300">
            <Select
              label="Decision"
              value={overrideDecision}
              onChange={setOverrideDecision}
              options={[
                { value: "approve", label: "Accept as a goodwill gesture" },
                { value: "refuse", label: "Refuse this line" },
              ]}
            />
            <TextField label="Why (required)" value={overrideNote} onChange={setOverrideNote} multiline={3} autoComplete="off" helpText="Recorded on the timeline and counted in this month's figures." />
          </BlockStack>
        </Modal.Section>
      </Modal>

      <Modal open={modal === "photo"} onClose={() => setModal(null)} title={photo?.label ?? "Shopper's photo"} size="large">
        <Modal.Section>{photo ? <DeskPhotoFull requestId={r.id} photoKey={photo.key} label={photo.label} /> : null}</Modal.Section>
      </Modal>
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage message="There is no such request in this shop." />;
  throw error;
}
