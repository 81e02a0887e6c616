import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, useActionData, useFetcher, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { useEffect, useState } from "react";

import { ParcelCard } from "../../parcels/desk-ui";
import { parcelForDesk } from "../../parcels/desk.server";
import type { ExchangePreview, MoneyPreview } from "../../desk/actions.server";
import { deskReader } from "../../desk/context.server";
import { requestIdSchema as idSchema } from "../../desk/forms.server";
import type { DeskStatus, Resolution } from "../../desk/machine";
import { InvoiceBanner, NotFoundPage, StatusBadge, kindLabel, resolutionLabel } from "../../desk/ui";
import { useAdminLocale, useT } from "../../i18n/react";
import { InspectionCard, type FormLine } from "../../desk/inspection-ui";
import { RefundTimingCard } from "../../desk/refund-timing-ui";
import { refundMomentForDesk } from "../../desk/refund-timing.server";
import { detailView } from "../../desk/views.server";
import { adminT } from "../../i18n/i18n.server";
import { flowStore } from "../../repositories/flow-store.server";
import { requestAction } from "./actions.server";
import { CancelDialog, DeclineDialog, InspectDialog, OverrideDialog, PhotoDialog, QuoteDialog } from "./Dialogs";
import { LinesCard } from "./LinesCard";
import { MoneyCard, QuoteCard, TimelineCard } from "./RecordCards";
import { RequestSidebar } from "./RequestSidebar";
import { ConfirmDialog, ResolveDialog } from "./ResolveDialogs";
import { when, type ActionData, type Dialog } from "./types";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.request.reference} · ${data.request.orderName} · Aftercare` : "Request not found · Aftercare" }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, repos, locale } = await deskReader(request);
  const id = idSchema.safeParse(params.id);
  const found = id.success ? await repos.requests.find(shop.domain, id.data) : null;
  if (!found) throw json({ message: adminT(locale)("request.notFound") }, { status: 404 });
  const [view, parcel] = await Promise.all([detailView(repos, shop.domain, found, locale), parcelForDesk(shop.domain, found.id, locale)]);
  const refundMoment = await refundMomentForDesk(repos.desk, shop.domain, found, view.resolutions, parcel);
  return json({ ...view, parcel, refundMoment, timezone: shop.timezone, hold: await flowStore.holdOf(shop.domain, found.id) });
};

export const action = (args: ActionFunctionArgs) => requestAction(args);

export default function RequestDetail() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const fetcher = useFetcher<ActionData>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" || fetcher.state === "submitting";
  const t = useT();
  const { language } = useAdminLocale();
  const at = (iso: string) => when(iso, data.timezone, language);
  const r = data.request;
  const can = (a: string) => data.actions.includes(a as never);

  const [modal, setModal] = useState<Dialog>(null);
  const [quoteAmount, setQuoteAmount] = useState("");
  const [quoteText, setQuoteText] = useState("");
  // The quote's refusal beside its field, until that field is changed.
  const [quoteErrors, setQuoteErrors] = useState<Record<string, string | undefined>>({});
  const [parts, setParts] = useState("1");
  const [declineReason, setDeclineReason] = useState("OTHER");
  const [declineMessage, setDeclineMessage] = useState("");
  const [cancelReason, setCancelReason] = useState("");
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
  const close = () => setModal(null);

  const quoteOpen = can("quote") && data.quoteOffered && (!data.quote || data.quote.status === "declined" || data.quote.status === "withdrawn");
  const secondary = [
    // After receipt, a decline follows the policy's refusal on what was found, in its words.
    can("decline") && (r.status === "requested" || data.inspection?.refusedAll)
      ? { content: r.status === "requested" ? t("request.decline") : t("request.declineSendBack"), destructive: true, onAction: () => { if (r.status !== "requested" && !declineMessage) setDeclineMessage(data.inspection?.declineWords.slice(0, 500) ?? ""); setModal("decline"); }, disabled: busy }
      : null,
    can("cancel") ? { content: t("request.cancel"), destructive: true, onAction: () => setModal("cancel"), disabled: busy } : null,
    can("inspect") ? { content: t("request.inspect"), onAction: () => setModal("inspect"), disabled: busy } : null,
    quoteOpen ? { content: t("request.quote"), onAction: () => setModal("quote"), disabled: busy } : null,
  ].filter((a): a is NonNullable<typeof a> => a !== null);
  const primary = can("approve")
    ? { content: t("request.approve"), onAction: () => post({ intent: "approve" }), loading: busy && fetcher.formData?.get("intent") === "approve", disabled: busy }
    : can("receive")
      ? { content: t("request.receive"), onAction: () => post({ intent: "receive" }), loading: busy && fetcher.formData?.get("intent") === "receive", disabled: busy }
      : can("resolve") && data.resolutions.length
        ? { content: t("request.resolveAction"), onAction: () => setModal("resolve"), disabled: busy }
        : undefined;

  return (
    <Page
      title={`${r.reference} · ${r.orderName}`}
      titleMetadata={<StatusBadge status={r.status as DeskStatus} />}
      subtitle={`${t("request.subtitle", { kind: kindLabel(r.kind, t), service: r.service ? ` (${r.service.replace(/_/g, " ")})` : "", when: at(r.createdAt) })}${r.resolution ? t("request.resolvedBy", { resolution: resolutionLabel(r.resolution, t).toLocaleLowerCase(language) }) : ""}`}
      backAction={{ content: t("request.back"), url: "/app/requests" }}
      primaryAction={primary}
      secondaryActions={secondary}
    >
      <BlockStack gap="400">
        {result && result.intent !== "preview" && result.message ? (
          <Banner tone={result.ok ? "success" : "critical"} title={result.ok ? result.message : t("request.notDone")}>
            {result.ok ? null : <p>{result.message}</p>}
          </Banner>
        ) : null}
        {data.hold && !data.hold.releasedAt ? (
          <Banner tone="warning" title={t("request.held")} action={{ content: t("request.release"), onAction: () => post({ intent: "release_hold" }), loading: busy && fetcher.formData?.get("intent") === "release_hold", disabled: busy }}>
            <p>{data.hold.reason ? `${data.hold.reason}. ` : ""}{t("request.heldBody")}</p>
          </Banner>
        ) : null}
        {fetcher.data?.intent === "preview" && !fetcher.data.ok ? (
          <Banner tone="critical" title={t("request.nothingMoved")}>
            <p>{fetcher.data.message}</p>
          </Banner>
        ) : null}
        {data.invoice && data.invoice.state !== "sent" ? (
          <InvoiceBanner invoice={data.invoice} busy={busy} onSend={() => post({ intent: "invoice" })} />
        ) : null}
        {r.shopifyReturn ? (
          <Banner tone={r.shopifyReturn.state === "retrying" ? "warning" : "critical"} title={t("request.returnNotOpened", { reason: r.shopifyReturn.reason })}>
            {r.shopifyReturn.state === "retrying" && r.shopifyReturn.retryAt ? (
              <p>{t("request.retrying", { when: at(r.shopifyReturn.retryAt), attempts: r.shopifyReturn.attempts })}</p>
            ) : (
              <p>{t("request.stopped", { attempts: r.shopifyReturn.attempts })}</p>
            )}
          </Banner>
        ) : null}
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <LinesCard request={r} canOverride={can("override")} onPhoto={(p) => { setPhoto(p); setModal("photo"); }} onOverride={(lineId, decision) => { setOverrideLine(lineId); setOverrideDecision(decision); setModal("override"); }} />
              {data.parcel ? <ParcelCard parcel={data.parcel} requestId={r.id} onOpenProof={(key, label) => { setPhoto({ key, label }); setModal("photo"); }} /> : null}
              {data.refundMoment ? <RefundTimingCard moment={data.refundMoment} hasParcel={Boolean(data.parcel)} busy={busy} post={post} onRefund={() => setModal("resolve")} /> : null}
              {data.inspection ? <InspectionCard inspection={data.inspection} when={at} quoteAllowed={Boolean(quoteOpen)} onQuote={() => setModal("quote")} /> : null}
              {data.quote ? <QuoteCard quote={data.quote} busy={busy} withdrawing={busy && fetcher.formData?.get("intent") === "withdraw_quote"} onWithdraw={() => post({ intent: "withdraw_quote" })} /> : null}
              <TimelineCard timeline={data.timeline} timezone={data.timezone} fetcher={fetcher} note={note} onNote={setNote} busy={busy} />
              <MoneyCard money={data.money} timezone={data.timezone} />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <RequestSidebar request={r} history={data.history} />
          </Layout.Section>
        </Layout>
      </BlockStack>

      <CancelDialog open={modal === "cancel"} onClose={close} busy={busy} post={post} r={r} cancelReason={cancelReason} setCancelReason={setCancelReason} />
      <DeclineDialog open={modal === "decline"} onClose={close} busy={busy} post={post} r={r} declineReason={declineReason} setDeclineReason={setDeclineReason} declineMessage={declineMessage} setDeclineMessage={setDeclineMessage} />
      <InspectDialog open={modal === "inspect"} onClose={close} busy={busy} post={post} findings={findings} setFindings={setFindings} inspectNote={inspectNote} setInspectNote={setInspectNote} />
      <ResolveDialog
        open={modal === "resolve"}
        onClose={close}
        busy={busy}
        post={post}
        data={r.status === "approved" ? { ...data, resolutions: data.resolutions.filter((m) => m === "refund" || m === "store_credit") } : data}
        method={method}
        setMethod={setMethod}
        expires={expires}
        setExpires={setExpires}
        parts={parts}
        setParts={setParts}
        resolveNote={resolveNote}
        setResolveNote={setResolveNote}
        onConfirm={() => setModal("confirm")}
      />
      <QuoteDialog
        open={modal === "quote"}
        onClose={close}
        busy={busy}
        post={post}
        r={r}
        quoteAmount={quoteAmount}
        setQuoteAmount={setQuoteAmount}
        quoteText={quoteText}
        setQuoteText={setQuoteText}
        quoteErrors={quoteErrors}
        setQuoteErrors={setQuoteErrors}
      />
      <ConfirmDialog open={modal === "confirm"} onClose={close} busy={busy} post={post} r={r} method={method} expires={expires} parts={parts} resolveNote={resolveNote} preview={preview} exchangePreview={exchangePreview} />
      <OverrideDialog open={modal === "override"} onClose={close} busy={busy} post={post} overrideLine={overrideLine} overrideDecision={overrideDecision} setOverrideDecision={setOverrideDecision} overrideNote={overrideNote} setOverrideNote={setOverrideNote} />
      <PhotoDialog open={modal === "photo"} onClose={close} r={r} photo={photo} />
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage message={t("request.notFound")} />;
  throw error;
}
