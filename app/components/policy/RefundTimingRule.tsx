import { BlockStack, Select, Text, TextField } from "@shopify/polaris";

import { DEFAULT_REFUND_TIMING } from "../../domain/refund-timing";
import { useT } from "../../i18n/react";
import { getAt } from "./paths";
import type { RuleCtx } from "./JourneyRules";

/* eslint-disable @typescript-eslint/no-explicit-any -- like the editor, this edits an arbitrary JSON document by path; the schema checks it */
type Doc = any;

/**
 * When a return's money goes (issue 26, docs/decisions/025): on receipt (the default, also when
 * the rule is absent), on inspection, or on evidence of sending or receipt, whichever comes first,
 * with the merchant's words beside it and the sentence of the published policy it enforces.
 */
export function RefundTimingRule({ ctx }: { ctx: RuleCtx }) {
  const t = useT();
  const rule = getAt(ctx.doc, ["refundTiming"]) as Doc | undefined;
  const when = String(rule?.when ?? DEFAULT_REFUND_TIMING.when);
  const set = (patch: Doc) => ctx.set(["refundTiming"], { ...DEFAULT_REFUND_TIMING, ...(rule ?? {}), ...patch });
  return (
    <BlockStack gap="200">
      <Select
        label={t("refundTiming.editor.label")}
        options={[
          { label: t("refundTiming.editor.receipt"), value: "receipt" },
          { label: t("refundTiming.editor.inspection"), value: "inspection" },
          { label: t("refundTiming.editor.evidenceOfSending"), value: "evidence_of_sending" },
        ]}
        value={when}
        helpText={when === "evidence_of_sending" ? t("refundTiming.editor.evidenceHelp") : undefined}
        onChange={(v) => set({ when: v })}
      />
      {rule?.source ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {t("refundTiming.editor.source", { source: rule.source })}
        </Text>
      ) : null}
      <TextField label={t("refundTiming.editor.words")} autoComplete="off" value={String(rule?.text ?? DEFAULT_REFUND_TIMING.text)} error={ctx.error(["refundTiming", "text"])} onChange={(v) => set({ text: v })} />
    </BlockStack>
  );
}
