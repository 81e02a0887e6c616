import { BlockStack, Box, Button, Checkbox, InlineGrid, InlineStack, Select, TextField } from "@shopify/polaris";

import { CONDITIONS, RESOLUTIONS } from "../../../domain/vocabulary";
import { useT } from "../../../i18n/react";
import { JourneyRules, RefusedItemsRule } from "../JourneyRules";
import { RefundTimingRule } from "../RefundTimingRule";
import { ReturnAddressRule } from "../ReturnAddressRule";
import { getAt, removeAt, type Path } from "../paths";
import { Causes, Choice, Field, ListField, OptionalNumber, payerOptions, RuleWords, Section, setRuleValue, Toggle, uniqueId, WindowRow, type Ctx, type Doc } from "./fields";

// The "Returns and warranty" tab: change-of-mind and faulty returns, exclusions and conditions,
// stock, warranty claims, proof of purchase, discounts, and where items are sent.

function offeredCase(text: string) {
  return {
    enabled: true,
    text,
    windows: [{ id: "window-1", window: { unit: "days", amount: 30, from: "receipt" }, text: "Within 30 days of receipt." }],
    resolutions: ["refund"],
    refund: { id: "original-payment", method: "original_payment", text: "We refund you by your original payment method." },
    returnShipping: { id: "customer-pays", payer: "customer", text: "Return postage is yours." },
  };
}

type CaseKey = "changeOfMind" | "faulty" | "warranty";
/** The case's name in the document's starter words (what shoppers read), which stay as written whatever the admin's language. */
const STARTER_NAMES: Record<CaseKey, string> = { changeOfMind: "Change-of-mind returns", faulty: "Faulty-item returns", warranty: "Warranty claims" };

function CaseEditor({ ctx, path, caseKey }: { ctx: Ctx; path: Path; caseKey: CaseKey }) {
  const t = useT();
  const title = t(`policyEditor.words.case.${caseKey}`);
  const starter = STARTER_NAMES[caseKey];
  const rules = getAt(ctx.doc, path) as Doc;
  const enabled = rules?.enabled === true;
  const windows: Doc[] = enabled ? rules.windows : [];
  return (
    <Section title={title}>
      <Checkbox
        label={t(`policyEditor.rules.offer.${caseKey}`)}
        checked={enabled}
        onChange={(on) => ctx.set(path, on ? offeredCase(rules?.text ?? starter) : { enabled: false, text: rules?.text ?? `${starter} are not offered.` })}
      />
      <Field ctx={ctx} path={[...path, "text"]} label={t("policyEditor.form.whatShoppersRead")} multiline />
      {enabled && (
        <BlockStack gap="300">
          {windows.map((_, i) => (
            <WindowRow key={i} ctx={ctx} path={[...path, "windows", i]} name={t("policyEditor.form.window.name", { title, n: i + 1 })} onRemove={windows.length > 1 ? () => ctx.set([...path, "windows"], windows.filter((__, j) => j !== i)) : undefined} />
          ))}
          <InlineStack>
            <Button onClick={() => ctx.set([...path, "windows"], [...windows, { id: uniqueId("window", windows.map((w) => w.id)), window: { unit: "days", amount: 14, from: "receipt" }, text: "Within 14 days of receipt." }])}>
              {t("policyEditor.rules.addWindow")}
            </Button>
          </InlineStack>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
            <ListField ctx={ctx} path={[...path, "resolutions"]} label={t("policyEditor.rules.resolutions")} help={t("policyEditor.rules.resolutionsHelp", { list: RESOLUTIONS.join(", ") })} />
            <Choice ctx={ctx} path={[...path, "returnShipping", "payer"]} label={t("policyEditor.rules.returnPayer")} options={payerOptions(t)} />
          </InlineGrid>
          <Field ctx={ctx} path={[...path, "returnShipping", "text"]} label={t("policyEditor.rules.returnShippingWords")} />
          <JourneyRules ctx={ctx} path={path} name={title} claim={path[path.length - 1] !== "changeOfMind"} />
          {rules.refund && (
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
              <Choice
                ctx={ctx}
                path={[...path, "refund", "method"]}
                label={t("policyEditor.rules.moneyBack")}
                options={[
                  { label: t("policyEditor.rules.originalPayment"), value: "original_payment" },
                  { label: t("policyEditor.rules.storeCredit"), value: "store_credit" },
                ]}
              />
              <OptionalNumber ctx={ctx} path={[...path, "refund", "storeCreditExpiryDays"]} label={t("policyEditor.rules.creditExpiry")} help={t("policyEditor.rules.never")} />
            </InlineGrid>
          )}
          <InlineGrid columns={{ xs: 1, md: 4 }} gap="200">
            <OptionalNumber ctx={ctx} path={[...path, "bonus", "storeCreditPercent"]} label={t("policyEditor.rules.creditBonus")} inRule />
            <OptionalNumber ctx={ctx} path={[...path, "bonus", "exchangePercent"]} label={t("policyEditor.rules.exchangeBonus")} inRule />
            <OptionalNumber ctx={ctx} path={[...path, "fees", "restockingPercent"]} label={t("policyEditor.rules.restocking")} inRule />
            <TextField
              label={t("policyEditor.rules.labelFee")}
              autoComplete="off"
              value={String(getAt(ctx.doc, [...path, "fees", "returnShippingFee"]) ?? "")}
              error={ctx.error([...path, "fees", "returnShippingFee"])}
              onChange={(v) => setRuleValue(ctx, [...path, "fees"], "returnShippingFee", v.trim() === "" ? undefined : v.trim())}
            />
          </InlineGrid>
          <RuleWords ctx={ctx} path={[...path, "bonus"]} label={t("policyEditor.rules.bonus")} />
          <RuleWords ctx={ctx} path={[...path, "fees"]} label={t("policyEditor.rules.fees")} />
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
            <Checkbox
              label={t("policyEditor.rules.refundDelivery")}
              checked={Boolean(rules.refundDelivery)}
              onChange={(on) => ctx.set([...path, "refundDelivery"], on ? { id: "delivery", domesticOnly: false, text: "We refund the delivery charge." } : undefined)}
            />
            <Checkbox
              label={t("policyEditor.rules.photos")}
              checked={Boolean(rules.photos)}
              onChange={(on) => ctx.set([...path, "photos"], on ? { id: "photos", text: "Please send photos of the problem." } : undefined)}
            />
          </InlineGrid>
          {rules.refundDelivery && <Toggle ctx={ctx} path={[...path, "refundDelivery", "domesticOnly"]} label={t("policyEditor.rules.domesticOnly")} />}
          <Causes ctx={ctx} path={[...path, "causesNotCovered"]} label={t("policyEditor.rules.causesNotCovered")} />
        </BlockStack>
      )}
    </Section>
  );
}

export function RulesTab({ ctx }: { ctx: Ctx }) {
  const t = useT();
  const exclusions: Doc[] = ctx.doc?.returns?.exclusions ?? [];
  const conditions: Doc[] = ctx.doc?.returns?.conditions ?? [];
  return (
    <BlockStack gap="500">
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
        <Field ctx={ctx} path={["name"]} label={t("policyEditor.rules.policyName")} />
        <Field ctx={ctx} path={["summary"]} label={t("policyEditor.rules.summary")} />
      </InlineGrid>
      <CaseEditor ctx={ctx} path={["returns", "changeOfMind"]} caseKey="changeOfMind" />
      <Section
        title={t("policyEditor.rules.exclusions")}
        action={<Button onClick={() => ctx.set(["returns", "exclusions"], [...exclusions, { id: uniqueId("exclusion", exclusions.map((e) => e.id)), groups: [], unlessFaulty: true, text: "These items cannot be returned unless faulty." }])}>{t("policyEditor.rules.addExclusion")}</Button>}
      >
        {exclusions.map((_, i) => (
          <Box key={i} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
            <BlockStack gap="200">
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
                <ListField ctx={ctx} path={["returns", "exclusions", i, "groups"]} label={t("policyEditor.rules.groupIds")} />
                <Toggle ctx={ctx} path={["returns", "exclusions", i, "unlessFaulty"]} label={t("policyEditor.rules.unlessFaulty")} />
              </InlineGrid>
              <Field ctx={ctx} path={["returns", "exclusions", i, "text"]} label={t("policyEditor.form.whatShoppersRead")} />
              <InlineStack>
                <Button variant="plain" tone="critical" onClick={() => ctx.set([], removeAt(ctx.doc, ["returns", "exclusions", i]))}>
                  {t("policyEditor.rules.removeExclusion")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Box>
        ))}
      </Section>
      <Section
        title={t("policyEditor.rules.conditions")}
        action={<Button onClick={() => ctx.set(["returns", "conditions"], [...conditions, { id: uniqueId("condition", conditions.map((e) => e.id)), require: "unworn", exemptIfFaulty: true, text: "Items must be unworn." }])}>{t("policyEditor.rules.addCondition")}</Button>}
      >
        {conditions.map((_, i) => (
          <Box key={i} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
            <BlockStack gap="200">
              <InlineGrid columns={{ xs: 1, md: 3 }} gap="200">
                <Choice ctx={ctx} path={["returns", "conditions", i, "require"]} label={t("policyEditor.rules.mustBe")} options={CONDITIONS.map((c) => ({ label: t(`policyEditor.words.condition.${c}`), value: c }))} />
                <ListField ctx={ctx} path={["returns", "conditions", i, "groups"]} label={t("policyEditor.rules.onlyGroups")} help={t("policyEditor.form.emptyAll")} />
                <Toggle ctx={ctx} path={["returns", "conditions", i, "exemptIfFaulty"]} label={t("policyEditor.rules.faultyExempt")} />
              </InlineGrid>
              <Field ctx={ctx} path={["returns", "conditions", i, "text"]} label={t("policyEditor.form.whatShoppersRead")} />
              <InlineStack>
                <Button variant="plain" tone="critical" onClick={() => ctx.set([], removeAt(ctx.doc, ["returns", "conditions", i]))}>
                  {t("policyEditor.rules.removeCondition")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Box>
        ))}
      </Section>
      <Causes ctx={ctx} path={["returns", "causesNotCovered"]} label={t("policyEditor.rules.neverAccepted")} />
      <CaseEditor ctx={ctx} path={["returns", "faulty"]} caseKey="faulty" />
      <Section title={t("policyEditor.rules.stock")}>
        <Select
          label={t("policyEditor.rules.restock")}
          helpText={t("policyEditor.rules.restockHelp")}
          options={[
            { label: t("policyEditor.rules.restockNever"), value: "never" },
            { label: t("policyEditor.rules.restockChangeOfMind"), value: "change_of_mind" },
            { label: t("policyEditor.rules.restockAlways"), value: "always" },
          ]}
          value={String(getAt(ctx.doc, ["returns", "restockOnProcess"]) ?? "never")}
          error={ctx.error(["returns", "restockOnProcess"])}
          onChange={(v) => ctx.set(["returns", "restockOnProcess"], v)}
        />
      </Section>
      <CaseEditor ctx={ctx} path={["warranty"]} caseKey="warranty" />
      <Section title={t("policyEditor.rules.proofSection")}>
        <Toggle ctx={ctx} path={["proofOfPurchase", "required"]} label={t("policyEditor.rules.proofRequired")} />
        <Field ctx={ctx} path={["proofOfPurchase", "text"]} label={t("policyEditor.rules.proofWords")} />
        <Toggle ctx={ctx} path={["discounts", "recheckMinimumSpend", "enabled"]} label={t("policyEditor.rules.minimumSpend")} />
        <Toggle ctx={ctx} path={["discounts", "staggeredRefundLowest", "enabled"]} label={t("policyEditor.rules.staggered")} />
        <RefusedItemsRule ctx={ctx} />
        <RefundTimingRule ctx={ctx} />
      </Section>
      <Section title={t("policyEditor.rules.whereSent")}>
        <ReturnAddressRule ctx={ctx} field="returnAddress" label={t("policyEditor.rules.returnAddress")} country={ctx.doc?.returnAddress?.country ?? "GB"} />
        <ReturnAddressRule ctx={ctx} field="repairAddress" label={t("policyEditor.rules.repairAddress")} country={ctx.doc?.returnAddress?.country ?? "GB"} />
      </Section>
    </BlockStack>
  );
}
