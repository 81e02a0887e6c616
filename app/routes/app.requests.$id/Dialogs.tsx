import type { Dispatch, SetStateAction } from "react";
import { BlockStack, Modal, Select, Text, TextField } from "@shopify/polaris";

import { DeskPhotoFull } from "../../components/DeskPhoto";
import { InspectionFields, type FormLine } from "../../desk/inspection-ui";
import { DeclineFields } from "../../desk/ui";
import type { RequestView } from "./types";

/** What every dialog of the request page is given: whether it is open, how it closes, and the page's post. */
export type DialogProps = { open: boolean; onClose: () => void; busy: boolean; post: (fields: Record<string, string>) => unknown };

// The request page's dialogs, resolving aside (ResolveDialogs.tsx). Each is given the page's
// state it shows under the page's own names, so what it posts reads as it did on the page.

/** Decline the request, or after inspection decline it and send the items back, with a message to the shopper. */
export function DeclineDialog(props: DialogProps & { r: RequestView; declineReason: string; setDeclineReason: (v: string) => void; declineMessage: string; setDeclineMessage: (v: string) => void }) {
  const { open, onClose, busy, post, r, declineReason, setDeclineReason, declineMessage, setDeclineMessage } = props;
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={r.status === "requested" ? "Decline this request" : "Decline after inspection"}
      primaryAction={{ content: "Decline request", destructive: true, disabled: !declineMessage.trim() || busy, loading: busy, onAction: () => post({ intent: "decline", reason: declineReason, message: declineMessage }) }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
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
  );
}

/** Cancelling before the item arrives: the team's reason stays on the timeline; Shopify's return is cancelled with it. */
export function CancelDialog(props: DialogProps & { r: RequestView; cancelReason: string; setCancelReason: (v: string) => void }) {
  const { open, onClose, busy, post, r, cancelReason, setCancelReason } = props;
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Cancel this request"
      primaryAction={{ content: "Cancel request", destructive: true, disabled: !cancelReason.trim() || busy, loading: busy, onAction: () => post({ intent: "cancel", reason: cancelReason }) }}
      secondaryActions={[{ content: "Keep it", onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Text as="p">{`For a request the shopper no longer wants, or one made twice. Nothing is refunded${r.shopifyReturnId ? "; the Shopify return is cancelled and the items stay fulfilled to the shopper" : ""}.`}</Text>
          <TextField label="Why (required)" value={cancelReason} onChange={setCancelReason} multiline={2} maxLength={500} autoComplete="off" helpText="Kept on the request's timeline." />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}

/** What the shop found on each item as it arrived; the policy decides again on it. */
export function InspectDialog(props: DialogProps & { findings: FormLine[]; setFindings: (lines: FormLine[]) => void; inspectNote: string; setInspectNote: (v: string) => void }) {
  const { open, onClose, busy, post, findings, setFindings, inspectNote, setInspectNote } = props;
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Record the inspection"
      primaryAction={{ content: "Save and decide", disabled: busy, loading: busy, onAction: () => post({ intent: "inspect", lines: JSON.stringify(findings.map((f) => ({ lineId: f.id, condition: f.condition, cause: f.cause }))), note: inspectNote }) }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
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
  );
}

/** A paid repair quoted to the shopper: its price and what it covers, each refusal beside its field. */
export function QuoteDialog(props: DialogProps & { r: RequestView; quoteAmount: string; setQuoteAmount: (v: string) => void; quoteText: string; setQuoteText: (v: string) => void; quoteErrors: Record<string, string | undefined>; setQuoteErrors: Dispatch<SetStateAction<Record<string, string | undefined>>> }) {
  const { open, onClose, busy, post, r, quoteAmount, setQuoteAmount, quoteText, setQuoteText, quoteErrors, setQuoteErrors } = props;
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Quote a paid repair"
      primaryAction={{ content: "Send quote to the shopper", disabled: !quoteAmount.trim() || !quoteText.trim() || busy, loading: busy, onAction: () => post({ intent: "quote", amount: quoteAmount, description: quoteText }) }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
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
  );
}

/** Override the policy's decision on one line, with the reason recorded. */
export function OverrideDialog(props: DialogProps & { overrideLine: string | null; overrideDecision: string; setOverrideDecision: (v: string) => void; overrideNote: string; setOverrideNote: (v: string) => void }) {
  const { open, onClose, busy, post, overrideLine, overrideDecision, setOverrideDecision, overrideNote, setOverrideNote } = props;
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Override the policy's decision"
      primaryAction={{ content: "Record override", disabled: !overrideNote.trim() || busy, loading: busy, onAction: () => post({ intent: "override", lineId: overrideLine ?? "", decision: overrideDecision, note: overrideNote }) }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
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
  );
}

/** A shopper's photo (or a proof of postage) at full size. */
export function PhotoDialog(props: Pick<DialogProps, "open" | "onClose"> & { r: RequestView; photo: { key: string; label: string } | null }) {
  const { open, onClose, r, photo } = props;
  return (
    <Modal open={open} onClose={onClose} title={photo?.label ?? "Shopper's photo"} size="large">
      <Modal.Section>{photo ? <DeskPhotoFull requestId={r.id} photoKey={photo.key} label={photo.label} /> : null}</Modal.Section>
    </Modal>
  );
}
