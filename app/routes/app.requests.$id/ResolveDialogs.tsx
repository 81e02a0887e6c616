import { Banner, BlockStack, InlineGrid, Modal, Select, Text, TextField } from "@shopify/polaris";

import type { ExchangePreview, MoneyPreview } from "../../desk/actions.server";
import { MONEY_RESOLUTIONS, type Resolution } from "../../desk/machine";
import { ExchangeSummary, exchangeConfirmLabel, resolutionLabel } from "../../desk/ui";
import { useAdminLocale, useT } from "../../i18n/react";
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
  const t = useT();
  const isMoney = MONEY_RESOLUTIONS.includes(method);
  // An exchange is reviewed too: the items sent and how its difference is settled.
  const reviewed = isMoney || method === "exchange";
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t("request.resolve.title")}
      primaryAction={{
        content: reviewed ? t("request.resolve.review") : t("request.resolve.resolve"),
        disabled: busy,
        loading: busy,
        onAction: () => (method === "exchange" ? post({ intent: "exchange_preview" }) : isMoney ? post({ intent: "preview", method, expiresInDays: method === "store_credit" ? expires : "" }) : onConfirm()),
      }}
      secondaryActions={[{ content: t("request.dialogs.cancel"), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Select
            label={t("request.resolve.resolution")}
            helpText={t("request.resolve.resolutionHelp")}
            options={data.resolutions.map((m) => ({ value: m, label: data.unavailable[m as Resolution] ? `${resolutionLabel(m, t)} (${data.unavailable[m as Resolution]})` : resolutionLabel(m, t), disabled: Boolean(data.unavailable[m as Resolution]) }))}
            value={method}
            onChange={(v) => setMethod(v as Resolution)}
          />
          {method === "store_credit" ? (
            <Select
              label={t("request.resolve.expires")}
              value={expires}
              onChange={setExpires}
              helpText={t("request.resolve.expiresHelp")}
              options={[
                { label: t("request.resolve.asPolicy"), value: "" },
                { label: t("request.resolve.inDays", { days: 90 }), value: "90" },
                { label: t("request.resolve.inDays", { days: 180 }), value: "180" },
                { label: t("request.resolve.inDays", { days: 365 }), value: "365" },
              ]}
            />
          ) : null}
          {method === "parts" ? <TextField label={t("request.resolve.parts")} type="number" min={1} value={parts} onChange={setParts} autoComplete="off" helpText={t("request.resolve.partsHelp")} /> : null}
          <TextField label={t("request.resolve.note")} value={resolveNote} onChange={setResolveNote} autoComplete="off" />
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
  const t = useT();
  const { language } = useAdminLocale();
  const isMoney = MONEY_RESOLUTIONS.includes(method);
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={isMoney ? t("request.resolve.confirmMoney") : method === "exchange" ? t("request.resolve.confirmExchange") : t("request.resolve.confirmResolution")}
      primaryAction={{
        content: isMoney && preview ? t("request.resolve.send", { amount: preview.formatted }) : method === "exchange" && exchangePreview ? exchangeConfirmLabel(exchangePreview, t) : t("request.resolve.confirm"),
        disabled: busy,
        loading: busy,
        onAction: () => post({ intent: "resolve", method, expiresInDays: method === "store_credit" ? expires : "", note: resolveNote, parts: method === "parts" ? parts : "" }),
      }}
      secondaryActions={[{ content: t("request.dialogs.cancel"), onAction: onClose }]}
    >
      <Modal.Section>
        {isMoney && preview ? (
          <BlockStack gap="300">
            {preview.warning ? (
              <Banner tone="warning" title={t("request.resolve.differs")}>
                <p>{preview.warning}</p>
              </Banner>
            ) : null}
            <InlineGrid columns={2} gap="200">
              <Text as="span" tone="subdued">{t("request.resolve.amount")}</Text>
              <Text as="span" fontWeight="semibold">{preview.formatted}</Text>
              <Text as="span" tone="subdued">{t("request.resolve.how")}</Text>
              {/* The day as the server's warnings beside it write it (ISO), so the two read alike. */}
              <Text as="span">{preview.method === "refund" ? t("deskMoney.howRefund") : preview.expiresOn ? t("deskMoney.howCredit", { date: preview.expiresOn }) : t("deskMoney.howCreditNoExpiry")}</Text>
              <Text as="span" tone="subdued">{t("request.resolve.to")}</Text>
              <Text as="span">{preview.to}</Text>
              <Text as="span" tone="subdued">{t("request.resolve.currency")}</Text>
              <Text as="span">{t("request.resolve.paidIn", { currency: preview.currency })}</Text>
              <Text as="span" tone="subdued">{t("request.resolve.engine")}</Text>
              <Text as="span">{preview.itemsFormatted}</Text>
              <Text as="span" tone="subdued">{t("request.resolve.shopify")}</Text>
              <Text as="span">{preview.shopifyFormatted ?? t("request.resolve.notAvailable")}</Text>
              {preview.postageFormatted ? (
                <>
                  <Text as="span" tone="subdued">{t("request.resolve.postage")}</Text>
                  <Text as="span">{preview.postageFormatted}</Text>
                </>
              ) : null}
            </InlineGrid>
            <Text as="p" tone="subdued">
              {t("request.resolve.once")}
            </Text>
          </BlockStack>
        ) : method === "exchange" && exchangePreview ? (
          <ExchangeSummary preview={exchangePreview} />
        ) : (
          <Text as="p">
            {method === "exchange"
              ? t("request.resolve.exchangeBody", { items: r.lines.filter((l) => l.exchangeFor).map((l) => `${l.quantity > 1 ? `${l.quantity} × ` : ""}${l.exchangeFor}`).join(", ") })
              : t("request.resolve.noMoney", { resolution: method ? resolutionLabel(method, t).toLocaleLowerCase(language) : t("request.resolve.thisResolution") })}
          </Text>
        )}
      </Modal.Section>
    </Modal>
  );
}
