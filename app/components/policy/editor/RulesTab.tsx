import { BlockStack, Box, Button, Checkbox, InlineGrid, InlineStack, Select, TextField } from "@shopify/polaris";

import { CONDITIONS, RESOLUTIONS } from "../../../domain/vocabulary";
import { CONDITION_NAMES } from "../../../domain/policy/words";
import { JourneyRules, RefusedItemsRule } from "../JourneyRules";
import { RefundTimingRule } from "../RefundTimingRule";
import { ReturnAddressRule } from "../ReturnAddressRule";
import { getAt, removeAt, type Path } from "../paths";
import { Causes, Choice, Field, ListField, OptionalNumber, PAYERS, RuleWords, Section, setRuleValue, Toggle, uniqueId, WindowRow, type Ctx, type Doc } from "./fields";

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

function CaseEditor({ ctx, path, title }: { ctx: Ctx; path: Path; title: string }) {
  const rules = getAt(ctx.doc, path) as Doc;
  const enabled = rules?.enabled === true;
  const windows: Doc[] = enabled ? rules.windows : [];
  return (
    <Section title={title}>
      <Checkbox
        label={`Offer ${title.toLowerCase()}`}
        checked={enabled}
        onChange={(on) => ctx.set(path, on ? offeredCase(rules?.text ?? title) : { enabled: false, text: rules?.text ?? `${title} are not offered.` })}
      />
      <Field ctx={ctx} path={[...path, "text"]} label="What shoppers read" multiline />
      {enabled && (
        <BlockStack gap="300">
          {windows.map((_, i) => (
            <WindowRow key={i} ctx={ctx} path={[...path, "windows", i]} name={`${title} window ${i + 1}`} onRemove={windows.length > 1 ? () => ctx.set([...path, "windows"], windows.filter((__, j) => j !== i)) : undefined} />
          ))}
          <InlineStack>
            <Button onClick={() => ctx.set([...path, "windows"], [...windows, { id: uniqueId("window", windows.map((w) => w.id)), window: { unit: "days", amount: 14, from: "receipt" }, text: "Within 14 days of receipt." }])}>
              Add a window
            </Button>
          </InlineStack>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
            <ListField ctx={ctx} path={[...path, "resolutions"]} label="Resolutions, in the order offered" help={`Any of: ${RESOLUTIONS.join(", ")}`} />
            <Choice ctx={ctx} path={[...path, "returnShipping", "payer"]} label="Who pays return shipping" options={PAYERS} />
          </InlineGrid>
          <Field ctx={ctx} path={[...path, "returnShipping", "text"]} label="Return shipping: what shoppers read" />
          <JourneyRules ctx={ctx} path={path} name={title} claim={path[path.length - 1] !== "changeOfMind"} />
          {rules.refund && (
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
              <Choice ctx={ctx} path={[...path, "refund", "method"]} label="Money goes back as" options={[{ label: "Original payment", value: "original_payment" }, { label: "Store credit", value: "store_credit" }]} />
              <OptionalNumber ctx={ctx} path={[...path, "refund", "storeCreditExpiryDays"]} label="Store credit expires after (days)" help="Empty: never" />
            </InlineGrid>
          )}
          <InlineGrid columns={{ xs: 1, md: 4 }} gap="200">
            <OptionalNumber ctx={ctx} path={[...path, "bonus", "storeCreditPercent"]} label="Store-credit bonus (%)" inRule />
            <OptionalNumber ctx={ctx} path={[...path, "bonus", "exchangePercent"]} label="Exchange bonus (%)" inRule />
            <OptionalNumber ctx={ctx} path={[...path, "fees", "restockingPercent"]} label="Restocking fee (%)" inRule />
            <TextField
              label="Return label fee"
              autoComplete="off"
              value={String(getAt(ctx.doc, [...path, "fees", "returnShippingFee"]) ?? "")}
              error={ctx.error([...path, "fees", "returnShippingFee"])}
              onChange={(v) => setRuleValue(ctx, [...path, "fees"], "returnShippingFee", v.trim() === "" ? undefined : v.trim())}
            />
          </InlineGrid>
          <RuleWords ctx={ctx} path={[...path, "bonus"]} label="Bonus" />
          <RuleWords ctx={ctx} path={[...path, "fees"]} label="Fees" />
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
            <Checkbox
              label="Refund the delivery charge"
              checked={Boolean(rules.refundDelivery)}
              onChange={(on) => ctx.set([...path, "refundDelivery"], on ? { id: "delivery", domesticOnly: false, text: "We refund the delivery charge." } : undefined)}
            />
            <Checkbox
              label="Ask for photos"
              checked={Boolean(rules.photos)}
              onChange={(on) => ctx.set([...path, "photos"], on ? { id: "photos", text: "Please send photos of the problem." } : undefined)}
            />
          </InlineGrid>
          {rules.refundDelivery && <Toggle ctx={ctx} path={[...path, "refundDelivery", "domesticOnly"]} label="Only for orders shipped within the shop's country" />}
          <Causes ctx={ctx} path={[...path, "causesNotCovered"]} label="Causes not covered" />
        </BlockStack>
      )}
    </Section>
  );
}

export function RulesTab({ ctx }: { ctx: Ctx }) {
  const exclusions: Doc[] = ctx.doc?.returns?.exclusions ?? [];
  const conditions: Doc[] = ctx.doc?.returns?.conditions ?? [];
  return (
    <BlockStack gap="500">
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
        <Field ctx={ctx} path={["name"]} label="Policy name" />
        <Field ctx={ctx} path={["summary"]} label="One-line summary" />
      </InlineGrid>
      <CaseEditor ctx={ctx} path={["returns", "changeOfMind"]} title="Change-of-mind returns" />
      <Section
        title="Items that cannot be returned"
        action={<Button onClick={() => ctx.set(["returns", "exclusions"], [...exclusions, { id: uniqueId("exclusion", exclusions.map((e) => e.id)), groups: [], unlessFaulty: true, text: "These items cannot be returned unless faulty." }])}>Add an exclusion</Button>}
      >
        {exclusions.map((_, i) => (
          <Box key={i} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
            <BlockStack gap="200">
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
                <ListField ctx={ctx} path={["returns", "exclusions", i, "groups"]} label="Item groups (ids)" />
                <Toggle ctx={ctx} path={["returns", "exclusions", i, "unlessFaulty"]} label="Unless faulty" />
              </InlineGrid>
              <Field ctx={ctx} path={["returns", "exclusions", i, "text"]} label="What shoppers read" />
              <InlineStack>
                <Button variant="plain" tone="critical" onClick={() => ctx.set([], removeAt(ctx.doc, ["returns", "exclusions", i]))}>
                  Remove exclusion
                </Button>
              </InlineStack>
            </BlockStack>
          </Box>
        ))}
      </Section>
      <Section
        title="Conditions of returned items"
        action={<Button onClick={() => ctx.set(["returns", "conditions"], [...conditions, { id: uniqueId("condition", conditions.map((e) => e.id)), require: "unworn", exemptIfFaulty: true, text: "Items must be unworn." }])}>Add a condition</Button>}
      >
        {conditions.map((_, i) => (
          <Box key={i} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
            <BlockStack gap="200">
              <InlineGrid columns={{ xs: 1, md: 3 }} gap="200">
                <Choice ctx={ctx} path={["returns", "conditions", i, "require"]} label="The item must be" options={CONDITIONS.map((c) => ({ label: CONDITION_NAMES[c], value: c }))} />
                <ListField ctx={ctx} path={["returns", "conditions", i, "groups"]} label="Only for groups (ids)" help="Empty: all items" />
                <Toggle ctx={ctx} path={["returns", "conditions", i, "exemptIfFaulty"]} label="Faulty items are exempt" />
              </InlineGrid>
              <Field ctx={ctx} path={["returns", "conditions", i, "text"]} label="What shoppers read" />
              <InlineStack>
                <Button variant="plain" tone="critical" onClick={() => ctx.set([], removeAt(ctx.doc, ["returns", "conditions", i]))}>
                  Remove condition
                </Button>
              </InlineStack>
            </BlockStack>
          </Box>
        ))}
      </Section>
      <Causes ctx={ctx} path={["returns", "causesNotCovered"]} label="Damage never accepted on returns" />
      <CaseEditor ctx={ctx} path={["returns", "faulty"]} title="Faulty-item returns" />
      <Section title="Stock">
        <Select
          label="When a return is processed in Shopify, put the items back in stock"
          helpText="At the location each item shipped from. Returned jewellery is usually inspected and cleaned first, so the default is never."
          options={[
            { label: "Never (restock by hand after inspection)", value: "never" },
            { label: "Change-of-mind returns only (never faulty items)", value: "change_of_mind" },
            { label: "Always", value: "always" },
          ]}
          value={String(getAt(ctx.doc, ["returns", "restockOnProcess"]) ?? "never")}
          error={ctx.error(["returns", "restockOnProcess"])}
          onChange={(v) => ctx.set(["returns", "restockOnProcess"], v)}
        />
      </Section>
      <CaseEditor ctx={ctx} path={["warranty"]} title="Warranty claims" />
      <Section title="Proof of purchase, discounts and notes">
        <Toggle ctx={ctx} path={["proofOfPurchase", "required"]} label="Proof of purchase required" />
        <Field ctx={ctx} path={["proofOfPurchase", "text"]} label="Proof of purchase: what shoppers read" />
        <Toggle ctx={ctx} path={["discounts", "recheckMinimumSpend", "enabled"]} label="A partial return that breaks a discount's minimum spend loses the discount" />
        <Toggle ctx={ctx} path={["discounts", "staggeredRefundLowest", "enabled"]} label="Staggered promotions refund the lowest price they gave" />
        <RefusedItemsRule ctx={ctx} />
        <RefundTimingRule ctx={ctx} />
      </Section>
      <Section title="Where items are sent">
        <ReturnAddressRule ctx={ctx} field="returnAddress" label="Name the address returns are sent to" country={ctx.doc?.returnAddress?.country ?? "GB"} />
        <ReturnAddressRule ctx={ctx} field="repairAddress" label="Warranty claims and services go to another address" country={ctx.doc?.returnAddress?.country ?? "GB"} />
      </Section>
    </BlockStack>
  );
}
