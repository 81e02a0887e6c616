import { Banner, BlockStack, InlineGrid, Modal, Select, Text, TextField } from "@shopify/polaris";

import type { ExchangePreview, MoneyPreview } from "../../desk/actions.server";
import { MONEY_RESOLUTIONS, RESOLUTION_LABELS, type Resolution } from "../../desk/machine";
import { ExchangeSummary, exchangeConfirmLabel } from "../../desk/ui";
import type { DialogProps } from "./Dialogs";
import type { DetailView, RequestView } from "./types";

// Resolving the request: choose how (the resolve dialog), then confirm what moves (the confirm
// dialog, with the money preview or the exchange's figures the page fetched).

/** Choose the resolution the policy offers, with store credit's expiry, parts sent and a note. */
export function ResolveDialog(
  props: DialogProps & {
    data: Pick<DetailView, "resolutions" | "unavailable">;
    method: Resolution;
    setMethod: (m: Resolution) => void;
    expires: string;
    setExpires: (v: string) => void;
    parts: string;
    setParts: (v: string) => void;
    resolveNote: string;
    setResolveNote: (v: string) => void;
    /** Opens the confirm dialog, for a resolution that moves no money and needs no preview. */
    onConfirm: () => void;
  },
) {
  const { open, onClose, busy, post, data, method, setMethod, expires, setExpires, parts, setParts, resolveNote, setResolveNote, onConfirm } = props;
  const isMoney = MONEY_RESOLUTIONS.includes(method);
  // An exchange is reviewed too: the items sent and how its difference is settled.
  const reviewed = isMoney || method === "exchange";
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Resolve this request"
      primaryAction={{
        content: reviewed ? "Review before sending" : "Resolve",
        disabled: busy,
        loading: busy,
        onAction: () => (method === "exchange" ? post({ intent: "exchange_preview" }) : isMoney ? post({ intent: "preview", method, expiresInDays: method === "store_credit" ? expires : "" }) : onConfirm()),
      }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
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
  );
}

/** Confirm the resolution: the money and where it goes, the exchange, or a resolution that moves none. */
export function ConfirmDialog(
  props: DialogProps & { r: RequestView; method: Resolution; expires: string; parts: string; resolveNote: string; preview: MoneyPreview | undefined; exchangePreview: ExchangePreview | undefined },
) {
  const { open, onClose, busy, post, r, method, expires, parts, resolveNote, preview, exchangePreview } = props;
  const isMoney = MONEY_RESOLUTIONS.includes(method);
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={isMoney ? "Confirm the money" : method === "exchange" ? "Confirm the exchange" : "Confirm the resolution"}
      primaryAction={{
        content: isMoney && preview ? `Send ${preview.formatted}` : method === "exchange" && exchangePreview ? exchangeConfirmLabel(exchangePreview) : "Confirm",
        disabled: busy,
        loading: busy,
        onAction: () => post({ intent: "resolve", method, expiresInDays: method === "store_credit" ? expires : "", note: resolveNote, parts: method === "parts" ? parts : "" }),
      }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
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
  );
}
