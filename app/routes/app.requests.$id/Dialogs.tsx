import type { Dispatch, SetStateAction } from "react";
import { BlockStack, Modal, Select, Text, TextField } from "@shopify/polaris";

import { DeskPhotoFull } from "../../components/DeskPhoto";
import { InspectionFields, type FormLine } from "../../desk/inspection-ui";
import { DeclineFields } from "../../desk/ui";
import { useT } from "../../i18n/react";
import type { RequestView } from "./types";

/** What every dialog of the request page is given: whether it is open, how it closes, and the page's post. */
export type DialogProps = { open: boolean; onClose: () => void; busy: boolean; post: (fields: Record<string, string>) => unknown };

// The request page's dialogs, resolving aside (ResolveDialogs.tsx). Each is given the page's
// state it shows under the page's own names, so what it posts reads as it did on the page.

/** Decline the request, or after inspection decline it and send the items back, with a message to the shopper. */
export function DeclineDialog(props: DialogProps & { r: RequestView; declineReason: string; setDeclineReason: (v: string) => void; declineMessage: string; setDeclineMessage: (v: string) => void }) {
  const { open, onClose, busy, post, r, declineReason, setDeclineReason, declineMessage, setDeclineMessage } = props;
  const t = useT();
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={r.status === "requested" ? t("request.dialogs.declineTitle") : t("request.dialogs.declineAfterTitle")}
      primaryAction={{ content: t("request.dialogs.declineAction"), destructive: true, disabled: !declineMessage.trim() || busy, loading: busy, onAction: () => post({ intent: "decline", reason: declineReason, message: declineMessage }) }}
      secondaryActions={[{ content: t("request.dialogs.cancel"), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          {r.status !== "requested" ? (
            <Text as="p">{t(r.shopifyReturnId ? "request.dialogs.declineAfterReturn" : "request.dialogs.declineAfter")}</Text>
          ) : null}
          <DeclineFields
            reason={declineReason}
            onReason={setDeclineReason}
            message={declineMessage}
            onMessage={setDeclineMessage}
            helpText={r.status === "requested" ? undefined : t("request.dialogs.declineHelp")}
          />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}

/** Cancelling before the item arrives: the team's reason stays on the timeline; Shopify's return is cancelled with it. */
export function CancelDialog(props: DialogProps & { r: RequestView; cancelReason: string; setCancelReason: (v: string) => void }) {
  const { open, onClose, busy, post, r, cancelReason, setCancelReason } = props;
  const t = useT();
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t("request.dialogs.cancelTitle")}
      primaryAction={{ content: t("request.dialogs.cancelAction"), destructive: true, disabled: !cancelReason.trim() || busy, loading: busy, onAction: () => post({ intent: "cancel", reason: cancelReason }) }}
      secondaryActions={[{ content: t("request.dialogs.keep"), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Text as="p">{t(r.shopifyReturnId ? "request.dialogs.cancelBodyReturn" : "request.dialogs.cancelBody")}</Text>
          <TextField label={t("request.dialogs.why")} value={cancelReason} onChange={setCancelReason} multiline={2} maxLength={500} autoComplete="off" helpText={t("request.dialogs.cancelHelp")} />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}

/** What the shop found on each item as it arrived; the policy decides again on it. */
export function InspectDialog(props: DialogProps & { findings: FormLine[]; setFindings: (lines: FormLine[]) => void; inspectNote: string; setInspectNote: (v: string) => void }) {
  const { open, onClose, busy, post, findings, setFindings, inspectNote, setInspectNote } = props;
  const t = useT();
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t("request.dialogs.inspectTitle")}
      primaryAction={{ content: t("request.dialogs.inspectAction"), disabled: busy, loading: busy, onAction: () => post({ intent: "inspect", lines: JSON.stringify(findings.map((f) => ({ lineId: f.id, condition: f.condition, cause: f.cause }))), note: inspectNote }) }}
      secondaryActions={[{ content: t("request.dialogs.cancel"), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Text as="p" tone="subdued">
            {t("request.dialogs.inspectBody")}
          </Text>
          <InspectionFields lines={findings} onChange={setFindings} />
          <TextField label={t("request.dialogs.inspectNote")} value={inspectNote} onChange={setInspectNote} multiline={3} autoComplete="off" />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}

/** A paid repair quoted to the shopper: its price and what it covers, each refusal beside its field. */
export function QuoteDialog(props: DialogProps & { r: RequestView; quoteAmount: string; setQuoteAmount: (v: string) => void; quoteText: string; setQuoteText: (v: string) => void; quoteErrors: Record<string, string | undefined>; setQuoteErrors: Dispatch<SetStateAction<Record<string, string | undefined>>> }) {
  const { open, onClose, busy, post, r, quoteAmount, setQuoteAmount, quoteText, setQuoteText, quoteErrors, setQuoteErrors } = props;
  const t = useT();
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t("request.dialogs.quoteTitle")}
      primaryAction={{ content: t("request.dialogs.quoteAction"), disabled: !quoteAmount.trim() || !quoteText.trim() || busy, loading: busy, onAction: () => post({ intent: "quote", amount: quoteAmount, description: quoteText }) }}
      secondaryActions={[{ content: t("request.dialogs.cancel"), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <TextField
            label={t("request.dialogs.price", { currency: r.currency })}
            value={quoteAmount}
            onChange={(value) => {
              setQuoteAmount(value);
              setQuoteErrors((errors) => ({ ...errors, amount: undefined }));
            }}
            autoComplete="off"
            inputMode="decimal"
            error={quoteErrors.amount}
            helpText={t("request.dialogs.priceHelp")}
          />
          <TextField
            label={t("request.dialogs.covers")}
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
  );
}

/** Override the policy's decision on one line, with the reason recorded. */
export function OverrideDialog(props: DialogProps & { overrideLine: string | null; overrideDecision: string; setOverrideDecision: (v: string) => void; overrideNote: string; setOverrideNote: (v: string) => void }) {
  const { open, onClose, busy, post, overrideLine, overrideDecision, setOverrideDecision, overrideNote, setOverrideNote } = props;
  const t = useT();
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t("request.dialogs.overrideTitle")}
      primaryAction={{ content: t("request.dialogs.overrideAction"), disabled: !overrideNote.trim() || busy, loading: busy, onAction: () => post({ intent: "override", lineId: overrideLine ?? "", decision: overrideDecision, note: overrideNote }) }}
      secondaryActions={[{ content: t("request.dialogs.cancel"), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Select
            label={t("request.dialogs.decision")}
            value={overrideDecision}
            onChange={setOverrideDecision}
            options={[
              { value: "approve", label: t("request.dialogs.goodwill") },
              { value: "refuse", label: t("request.dialogs.refuse") },
            ]}
          />
          <TextField label={t("request.dialogs.why")} value={overrideNote} onChange={setOverrideNote} multiline={3} autoComplete="off" helpText={t("request.dialogs.overrideHelp")} />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}

/** A shopper's photo (or a proof of postage) at full size. */
export function PhotoDialog(props: Pick<DialogProps, "open" | "onClose"> & { r: RequestView; photo: { key: string; label: string } | null }) {
  const { open, onClose, r, photo } = props;
  const t = useT();
  return (
    <Modal open={open} onClose={onClose} title={photo?.label ?? t("request.dialogs.photo")} size="large">
      <Modal.Section>{photo ? <DeskPhotoFull requestId={r.id} photoKey={photo.key} label={photo.label} /> : null}</Modal.Section>
    </Modal>
  );
}
