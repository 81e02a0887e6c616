import { Badge, Banner, BlockStack, Box, Button, ButtonGroup, Card, Checkbox, InlineGrid, InlineStack, List, Select, Text, TextField } from "@shopify/polaris";
import { useMemo, useState, type ReactNode } from "react";

import { groupsOf } from "../../domain/engine/match";
import type { OrderLine } from "../../domain/scenario";
import { CAUSES, CONDITIONS, RESOLUTIONS, SERVICES } from "../../domain/vocabulary";
import { policyText, policyTextPlain } from "../../domain/policy/text";
import { checkPolicy, type FieldIssue, type PolicyWarning } from "../../domain/policy/validate";
import { CAUSE_NAMES, CONDITION_NAMES, SERVICE_NAMES } from "../../domain/policy/words";
import { JourneyRules, RefusedItemsRule } from "./JourneyRules";
import { ReturnAddressRule } from "./ReturnAddressRule";
import { ServiceMoney } from "./ServiceMoney";
import { getAt, pathKey, removeAt, setAt, splitList, type Path } from "./paths";

/* eslint-disable @typescript-eslint/no-explicit-any -- the editor edits an arbitrary JSON document by path; the schema checks it */
type Doc = any;

export type CatalogueItem = { id: string; title: string; line: OrderLine };

export type EditorProps = {
  initial: Doc;
  country: string;
  currency: string;
  cheapestItem?: { title: string; price: string; currency: string };
  catalogue: { items: CatalogueItem[]; complete: boolean } | null;
  serverErrors?: FieldIssue[];
  saving: boolean;
  onSave(document: Doc): void;
};

type Ctx = {
  doc: Doc;
  set(path: Path, value: unknown): void;
  error(path: Path): string | undefined;
};

const UNIT_OPTIONS = [
  { label: "Days", value: "days" },
  { label: "Working days", value: "working_days" },
  { label: "Months", value: "months" },
  { label: "Years", value: "years" },
  { label: "Unlimited", value: "unlimited" },
];
const PAYERS = [
  { label: "Customer pays", value: "customer" },
  { label: "Store pays", value: "store" },
  { label: "Store pays with its own courier", value: "store_with_own_courier" },
  { label: "Nothing is sent back", value: "none" },
];

function uniqueId(prefix: string, taken: string[]): string {
  let n = 1;
  while (taken.includes(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

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

/**
 * The policy editor: a structured form for the rules merchants change most, and the whole
 * document as JSON for everything else (the same document the CLI accepts). Every change is
 * checked at once with the domain's own check, errors shown on their field.
 */
export function PolicyEditor(props: EditorProps) {
  const [doc, setDoc] = useState<Doc>(props.initial);
  const [tab, setTab] = useState(0);
  const check = useMemo(() => checkPolicy(doc, { country: props.country, cheapestItem: props.cheapestItem }), [doc, props.country, props.cheapestItem]);
  const errors = useMemo(() => {
    const map = new Map<string, string>();
    for (const e of [...check.errors, ...(props.serverErrors ?? [])]) if (!map.has(e.path)) map.set(e.path, e.message);
    return map;
  }, [check.errors, props.serverErrors]);
  const ctx: Ctx = { doc, set: (path, value) => setDoc((d: Doc) => setAt(d, path, value)), error: (path) => errors.get(pathKey(path)) };
  const tabs = [
    { id: "rules", content: "Returns and warranty" },
    { id: "groups", content: "Item groups" },
    { id: "services", content: "Repairs and care" },
    { id: "json", content: "JSON (import and export)" },
    { id: "text", content: "Policy text" },
  ];
  return (
    <BlockStack gap="400">
      <Card>
        <InlineStack align="space-between" blockAlign="center" gap="300">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Draft
            </Text>
            <Text as="p" tone="subdued">
              {check.errors.length ? `${check.errors.length} problem${check.errors.length === 1 ? "" : "s"} to fix before saving` : "No problems found"}
              {check.warnings.length ? ` · ${check.warnings.length} warning${check.warnings.length === 1 ? "" : "s"}` : ""}
            </Text>
          </BlockStack>
          <Button variant="primary" onClick={() => props.onSave(doc)} disabled={check.errors.length > 0} loading={props.saving}>
            Save draft
          </Button>
        </InlineStack>
      </Card>
      {check.errors.length + (props.serverErrors?.length ?? 0) > 0 && (
        <Banner tone="critical" title="Fix these before saving">
          <List>
            {[...errors].map(([path, message]) => (
              <List.Item key={path}>
                <code>{path || "(document)"}</code>: {message}
              </List.Item>
            ))}
          </List>
        </Banner>
      )}
      {check.warnings.length > 0 && <Warnings warnings={check.warnings} />}
      <Card>
        <BlockStack gap="400">
          {/* A segmented control rather than Polaris Tabs, whose hidden overflow item breaks the tablist's ARIA. */}
          <nav aria-label="Parts of the policy">
            <ButtonGroup variant="segmented">
              {tabs.map((t, i) => (
                <Button key={t.id} pressed={tab === i} onClick={() => setTab(i)}>
                  {t.content}
                </Button>
              ))}
            </ButtonGroup>
          </nav>
          <Box>
            {tab === 0 && <RulesTab ctx={ctx} />}
            {tab === 1 && <GroupsTab ctx={ctx} catalogue={props.catalogue} />}
            {tab === 2 && <ServicesTab ctx={ctx} />}
            {tab === 3 && <JsonTab doc={doc} onApply={setDoc} />}
            {tab === 4 && <TextTab doc={doc} currency={props.currency} valid={check.errors.length === 0} />}
          </Box>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}

function Warnings({ warnings }: { warnings: PolicyWarning[] }) {
  const groups: [PolicyWarning["kind"], string][] = [
    ["contradiction", "Rules that contradict each other"],
    ["wording", "Words that contradict the rules beside them"],
    ["law", "Weaker than the law of your shop's country"],
    ["unused", "Not used yet"],
  ];
  return (
    <BlockStack gap="200">
      {groups.map(([kind, title]) => {
        const list = warnings.filter((w) => w.kind === kind);
        if (!list.length) return null;
        return (
          <Banner key={kind} tone={kind === "unused" ? "info" : "warning"} title={title}>
            <List>
              {list.map((w, i) => (
                <List.Item key={`${w.path}-${i}`}>{w.message}</List.Item>
              ))}
            </List>
          </Banner>
        );
      })}
    </BlockStack>
  );
}

function Field({ ctx, path, label, type = "text", multiline, help, placeholder }: { ctx: Ctx; path: Path; label: string; type?: "text" | "number"; multiline?: boolean; help?: string; placeholder?: string }) {
  const value = getAt(ctx.doc, path);
  return (
    <TextField
      label={label}
      type={type}
      autoComplete="off"
      multiline={multiline ? 2 : undefined}
      helpText={help}
      placeholder={placeholder}
      value={value === undefined || value === null ? "" : String(value)}
      error={ctx.error(path)}
      onChange={(v) => ctx.set(path, type === "number" ? (v.trim() === "" ? undefined : Number(v)) : v)}
    />
  );
}

function OptionalNumber({ ctx, path, label, help, scale = 1, inRule }: { ctx: Ctx; path: Path; label: string; help?: string; scale?: number; inRule?: boolean }) {
  const value = getAt(ctx.doc, path);
  return (
    <TextField
      label={label}
      type="number"
      autoComplete="off"
      helpText={help}
      value={typeof value === "number" ? String(value / scale) : ""}
      error={ctx.error(path)}
      onChange={(v) => {
        const value = v.trim() === "" ? undefined : Math.round(Number(v) * scale);
        if (inRule) setRuleValue(ctx, path.slice(0, -1), String(path[path.length - 1]), value);
        else ctx.set(path, value);
      }}
    />
  );
}

function ListField({ ctx, path, label, help }: { ctx: Ctx; path: Path; label: string; help?: string }) {
  const value = getAt(ctx.doc, path);
  const [text, setText] = useState(Array.isArray(value) ? value.join(", ") : "");
  const error = ctx.error(path) ?? [...Array(Array.isArray(value) ? value.length : 0).keys()].map((i) => ctx.error([...path, i])).find(Boolean);
  return (
    <TextField
      label={label}
      autoComplete="off"
      helpText={help ?? "Separate with commas"}
      value={text}
      error={error}
      onChange={(v) => {
        setText(v);
        ctx.set(path, splitList(v));
      }}
    />
  );
}

function Choice({ ctx, path, label, options }: { ctx: Ctx; path: Path; label: string; options: { label: string; value: string }[] }) {
  const value = getAt(ctx.doc, path);
  return <Select label={label} options={options} value={value === undefined ? "" : String(value)} error={ctx.error(path)} onChange={(v) => ctx.set(path, v)} />;
}

function Toggle({ ctx, path, label, help }: { ctx: Ctx; path: Path; label: string; help?: string }) {
  return <Checkbox label={label} helpText={help} checked={getAt(ctx.doc, path) === true} error={ctx.error(path)} onChange={(v) => ctx.set(path, v)} />;
}

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <BlockStack gap="300">
      <InlineStack align="space-between" blockAlign="center">
        <Text as="h3" variant="headingSm">
          {title}
        </Text>
        {action}
      </InlineStack>
      {children}
    </BlockStack>
  );
}

function WindowRow({ ctx, path, name, onRemove }: { ctx: Ctx; path: Path; name: string; onRemove?: () => void }) {
  const unit = getAt(ctx.doc, [...path, "window", "unit"]);
  const setUnit = (v: string) => {
    if (v === "unlimited") ctx.set([...path, "window"], { unit: "unlimited" });
    else {
      const old = getAt(ctx.doc, [...path, "window"]) as Doc;
      ctx.set([...path, "window"], { unit: v, amount: old?.amount ?? 30, from: old?.from ?? "receipt" });
    }
  };
  return (
    <Box padding="300" borderWidth="025" borderColor="border" borderRadius="200">
      <BlockStack gap="200">
        <InlineGrid columns={{ xs: 1, md: 4 }} gap="200">
          <Select label={`${name}: unit`} options={UNIT_OPTIONS} value={String(unit)} onChange={setUnit} />
          {unit !== "unlimited" && <Field ctx={ctx} path={[...path, "window", "amount"]} label={`${name}: how many`} type="number" />}
          {unit !== "unlimited" && (
            <Choice ctx={ctx} path={[...path, "window", "from"]} label={`${name}: counted from`} options={[{ label: "Receipt (delivery)", value: "receipt" }, { label: "Purchase", value: "purchase" }]} />
          )}
          <ListField ctx={ctx} path={[...path, "groups"]} label={`${name}: only for groups (ids)`} help="Empty: all items" />
        </InlineGrid>
        <Field ctx={ctx} path={[...path, "text"]} label={`${name}: what shoppers read`} />
        {onRemove && (
          <InlineStack>
            <Button variant="plain" tone="critical" onClick={onRemove}>
              Remove window
            </Button>
          </InlineStack>
        )}
      </BlockStack>
    </Box>
  );
}

function Causes({ ctx, path, label }: { ctx: Ctx; path: Path; label: string }) {
  const rule = getAt(ctx.doc, path) as Doc;
  const chosen: string[] = rule?.causes ?? [];
  const toggle = (cause: string, on: boolean) => {
    const next = on ? [...chosen, cause] : chosen.filter((c) => c !== cause);
    if (!next.length) ctx.set(path, undefined);
    else ctx.set(path, { id: rule?.id ?? "causes", text: rule?.text ?? "Damage from these causes is not covered.", causes: next });
  };
  return (
    <BlockStack gap="100">
      <Text as="p" variant="bodyMd" fontWeight="medium">
        {label}
      </Text>
      <InlineGrid columns={{ xs: 2, md: 4 }} gap="100">
        {CAUSES.map((c) => (
          <Checkbox key={c} label={CAUSE_NAMES[c]} checked={chosen.includes(c)} onChange={(on) => toggle(c, on)} />
        ))}
      </InlineGrid>
      {rule && <Field ctx={ctx} path={[...path, "text"]} label={`${label}: what shoppers read`} />}
    </BlockStack>
  );
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

/** A bonus or fee rule exists while one of its numbers is set; its words are edited beside them. */
function RuleWords({ ctx, path, label }: { ctx: Ctx; path: Path; label: string }) {
  if (!getAt(ctx.doc, path)) return null;
  return <Field ctx={ctx} path={[...path, "text"]} label={`${label}: what shoppers read`} />;
}

const RULE_DEFAULTS: Record<string, { id: string; text: string }> = {
  bonus: { id: "bonus", text: "Choose store credit or an exchange and get a bonus." },
  fees: { id: "fees", text: "We deduct these fees from your refund." },
};

/** Sets one number of a bonus or fee rule, creating the rule with words to edit, or dropping it when empty. */
function setRuleValue(ctx: Ctx, rulePath: Path, key: string, value: unknown) {
  const rule = { ...RULE_DEFAULTS[String(rulePath[rulePath.length - 1])], ...((getAt(ctx.doc, rulePath) as Doc) ?? {}) };
  if (value === undefined) delete rule[key as keyof typeof rule];
  else (rule as Doc)[key] = value;
  const numbers = Object.keys(rule).filter((k) => !["id", "text", "source"].includes(k));
  ctx.set(rulePath, numbers.length ? rule : undefined);
}

function RulesTab({ ctx }: { ctx: Ctx }) {
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
      </Section>
      <Section title="Where items are sent">
        <ReturnAddressRule ctx={ctx} field="returnAddress" label="Name the address returns are sent to" country={ctx.doc?.returnAddress?.country ?? "GB"} />
        <ReturnAddressRule ctx={ctx} field="repairAddress" label="Warranty claims and services go to another address" country={ctx.doc?.returnAddress?.country ?? "GB"} />
      </Section>
    </BlockStack>
  );
}

function GroupsTab({ ctx, catalogue }: { ctx: Ctx; catalogue: EditorProps["catalogue"] }) {
  const groups: Doc[] = ctx.doc?.groups ?? [];
  return (
    <BlockStack gap="400">
      <Text as="p" tone="subdued">
        A group is the items a rule is about. Every criterion you fill in must hold; a list matches any of its values. Line item properties (engraving and the like) are only known on orders, so they are not counted below.
      </Text>
      {groups.map((group, i) => {
        const matches = catalogue ? catalogue.items.filter((item) => groupsOf([group], item.line).has(group.id)) : null;
        return (
          <Box key={i} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h3" variant="headingSm">
                  {group.label || "New group"} <Text as="span" tone="subdued">({group.id})</Text>
                </Text>
                {group.match?.properties ? (
                  <Badge>Known only on orders (line item properties)</Badge>
                ) : matches ? (
                  <Badge tone={matches.length ? "info" : "attention"}>{`${matches.length}${catalogue?.complete ? "" : "+"} product${matches.length === 1 ? "" : "s"} match`}</Badge>
                ) : (
                  <Badge>Catalogue unavailable</Badge>
                )}
              </InlineStack>
              {matches && matches.length > 0 && (
                <Text as="p" tone="subdued">
                  For example: {matches.slice(0, 4).map((m) => m.title).join(", ")}
                </Text>
              )}
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
                <Field ctx={ctx} path={["groups", i, "id"]} label="Id (used by rules)" />
                <Field ctx={ctx} path={["groups", i, "label"]} label="Name" />
                <ListField ctx={ctx} path={["groups", i, "match", "productTypes"]} label="Product types" />
                <ListField ctx={ctx} path={["groups", i, "match", "tags"]} label="Tags" />
                <ListField ctx={ctx} path={["groups", i, "match", "collections"]} label="Collections" />
                <ListField ctx={ctx} path={["groups", i, "match", "properties"]} label="Line item properties" />
                <Select
                  label="Sale status"
                  options={[{ label: "Any", value: "any" }, { label: "On sale", value: "true" }, { label: "Not on sale", value: "false" }]}
                  value={group.match?.onSale === undefined ? "any" : String(group.match.onSale)}
                  onChange={(v) => ctx.set(["groups", i, "match", "onSale"], v === "any" ? undefined : v === "true")}
                />
                <TextField
                  label="Metafields (key=present|true|false)"
                  autoComplete="off"
                  value={(group.match?.metafields ?? []).map((m: Doc) => `${m.key}=${m.is}`).join(", ")}
                  error={ctx.error(["groups", i, "match", "metafields"])}
                  onChange={(v) => ctx.set(["groups", i, "match", "metafields"], splitList(v)?.map((pair) => ({ key: pair.split("=")[0].trim(), is: (pair.split("=")[1] ?? "present").trim() })))}
                />
              </InlineGrid>
              {ctx.error(["groups", i, "match"]) && (
                <Text as="p" tone="critical">
                  {ctx.error(["groups", i, "match"])}
                </Text>
              )}
              <InlineStack>
                <Button variant="plain" tone="critical" onClick={() => ctx.set([], removeAt(ctx.doc, ["groups", i]))}>
                  Remove group
                </Button>
              </InlineStack>
            </BlockStack>
          </Box>
        );
      })}
      <InlineStack>
        <Button onClick={() => ctx.set(["groups"], [...groups, { id: uniqueId("group", groups.map((g) => g.id)), label: "New group", match: {} }])}>Add a group</Button>
      </InlineStack>
    </BlockStack>
  );
}

function ServicesTab({ ctx }: { ctx: Ctx }) {
  const services: Doc[] = ctx.doc?.services ?? [];
  const unused = SERVICES.filter((s) => !services.some((x) => x.service === s));
  const add = () =>
    ctx.set(["services"], [
      ...services,
      {
        service: unused[0],
        enabled: true,
        // Empty, with a placeholder: a prompt saved as the description would be shown to shoppers.
        text: "",
        windows: [{ id: "any-time", window: { unit: "unlimited" }, text: "Available any time." }],
        charge: "paid",
        price: { kind: "quote" },
        resolution: "service",
        returnShipping: { id: "customer-pays", payer: "customer", text: "You send the piece to us and pay the postage." },
      },
    ]);
  return (
    <BlockStack gap="400">
      {services.map((s, i) => {
        const p: Path = ["services", i];
        const priceKind = s.price?.kind ?? (s.charge === "free" ? "free" : "quote");
        return (
          <Box key={i} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">
                {s.label || SERVICE_NAMES[s.service as keyof typeof SERVICE_NAMES] || "Service"}
              </Text>
              <InlineGrid columns={{ xs: 1, md: 3 }} gap="200">
                <Select
                  label="Kind"
                  options={SERVICES.map((k) => ({ label: SERVICE_NAMES[k], value: k, disabled: k !== s.service && services.some((x) => x.service === k) }))}
                  value={s.service}
                  error={ctx.error([...p, "service"])}
                  onChange={(v) => ctx.set([...p, "service"], v)}
                />
                <TextField label="Name shoppers see" autoComplete="off" value={s.label ?? ""} error={ctx.error([...p, "label"])} onChange={(v) => ctx.set([...p, "label"], v === "" ? undefined : v)} />
                <Toggle ctx={ctx} path={[...p, "enabled"]} label="Offered" />
                <Select
                  label="Price"
                  options={[{ label: "Free", value: "free" }, { label: "Fixed price", value: "fixed" }, { label: "By quote", value: "quote" }]}
                  value={priceKind}
                  onChange={(v) => {
                    ctx.set([...p, "price"], v === "fixed" ? { kind: "fixed", amount: s.price?.amount ?? "0.00" } : { kind: v });
                    ctx.set([...p, "charge"], v === "free" ? "free" : "paid");
                  }}
                />
                {priceKind === "fixed" && <Field ctx={ctx} path={[...p, "price", "amount"]} label="Price amount" />}
                <Choice ctx={ctx} path={[...p, "resolution"]} label="What the shopper gets" options={[{ label: "The service", value: "service" }, { label: "A repair", value: "repair" }, { label: "Parts sent", value: "parts" }]} />
                <Select
                  label="How the piece travels"
                  options={[{ label: "Not said", value: "" }, { label: "By post", value: "post" }, { label: "By our courier", value: "store_courier" }, { label: "Brought to the shop", value: "in_store" }]}
                  value={s.transport ?? ""}
                  onChange={(v) => ctx.set([...p, "transport"], v === "" ? undefined : v)}
                />
                <Choice ctx={ctx} path={[...p, "returnShipping", "payer"]} label="Who pays shipping" options={PAYERS} />
                <TextField
                  label="Turnaround shoppers see"
                  autoComplete="off"
                  value={s.turnaround?.text ?? ""}
                  error={ctx.error([...p, "turnaround", "text"])}
                  onChange={(v) => ctx.set([...p, "turnaround"], v === "" ? undefined : { ...s.turnaround, text: v })}
                />
                <TextField
                  label="Free uses per item"
                  type="number"
                  autoComplete="off"
                  helpText="Empty: no limit"
                  value={s.allowance?.limit ? String(s.allowance.limit) : ""}
                  error={ctx.error([...p, "allowance", "limit"])}
                  onChange={(v) => ctx.set([...p, "allowance"], v.trim() === "" ? undefined : { ...s.allowance, id: s.allowance?.id ?? "allowance", key: s.allowance?.key ?? s.service, text: s.allowance?.text ?? "Free once per piece.", limit: Number(v) })}
                />
                <TextField
                  label="Parts quota (% of the item's count)"
                  type="number"
                  autoComplete="off"
                  value={s.partsQuota ? String(s.partsQuota.basisPoints / 100) : ""}
                  error={ctx.error([...p, "partsQuota", "basisPoints"])}
                  onChange={(v) => ctx.set([...p, "partsQuota"], v.trim() === "" ? undefined : { id: s.partsQuota?.id ?? "quota", metafield: s.partsQuota?.metafield ?? "crystal_count", text: s.partsQuota?.text ?? "We replace a share of the item's crystals.", basisPoints: Math.round(Number(v) * 100) })}
                />
                <TextField
                  label="Who may ask (group ids)"
                  autoComplete="off"
                  helpText="Empty: every item"
                  value={(s.appliesTo?.groups ?? []).join(", ")}
                  error={ctx.error([...p, "appliesTo", "groups"]) ?? ctx.error([...p, "appliesTo", "groups", 0])}
                  onChange={(v) => ctx.set([...p, "appliesTo"], splitList(v) ? { text: s.appliesTo?.text ?? "This service is for selected items.", groups: splitList(v) } : undefined)}
                />
              </InlineGrid>
              <ServiceMoney ctx={ctx} path={p} />
              <Field ctx={ctx} path={[...p, "text"]} label="What shoppers read" placeholder="Describe the service for shoppers." multiline />
              {(s.windows as Doc[]).map((_: Doc, j: number) => (
                <WindowRow key={j} ctx={ctx} path={[...p, "windows", j]} name={`${s.label || SERVICE_NAMES[s.service as keyof typeof SERVICE_NAMES]} window ${j + 1}`} />
              ))}
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
                <Checkbox label="Ask for photos" checked={Boolean(s.photos)} onChange={(on) => ctx.set([...p, "photos"], on ? { id: "photos", text: "Please send photos of the piece." } : undefined)} />
                <Checkbox
                  label="Shopper must accept liability terms"
                  checked={Boolean(s.liabilityAcknowledgement)}
                  onChange={(on) => ctx.set([...p, "liabilityAcknowledgement"], on ? { id: "liability", text: "You carry out the work yourself and accept the risk." } : undefined)}
                />
              </InlineGrid>
              <Causes ctx={ctx} path={[...p, "causesNotCovered"]} label="Causes not covered" />
              <JourneyRules ctx={ctx} path={p} name={s.label || SERVICE_NAMES[s.service as keyof typeof SERVICE_NAMES] || "Service"} />
              <InlineStack>
                <Button variant="plain" tone="critical" onClick={() => ctx.set([], removeAt(ctx.doc, ["services", i]))}>
                  Remove service
                </Button>
              </InlineStack>
            </BlockStack>
          </Box>
        );
      })}
      <InlineStack>
        <Button onClick={add} disabled={unused.length === 0}>
          Add a service
        </Button>
      </InlineStack>
    </BlockStack>
  );
}

function JsonTab({ doc, onApply }: { doc: Doc; onApply(doc: Doc): void }) {
  const [text, setText] = useState(() => JSON.stringify(doc, null, 2));
  const [error, setError] = useState<string | undefined>();
  const apply = (value: string) => {
    try {
      onApply(JSON.parse(value));
      setError(undefined);
    } catch (e) {
      setError(`Not valid JSON: ${(e as Error).message}`);
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "aftercare-policy.json";
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <BlockStack gap="300">
      <Text as="p" tone="subdued">
        The whole policy, as the command line accepts it (a scenario&apos;s &quot;policy&quot;). Every rule the model can say, including translations (&quot;translations&quot;: language → rule → words), can be edited here.
      </Text>
      <TextField label="Policy document (JSON)" autoComplete="off" multiline={20} monospaced value={text} error={error} onChange={setText} />
      <InlineStack gap="200">
        <Button onClick={() => apply(text)}>Apply JSON</Button>
        <Button onClick={() => setText(JSON.stringify(doc, null, 2))}>Reload from form</Button>
        <Button onClick={download}>Export JSON</Button>
        <label>
          <Text as="span" variant="bodySm">
            Import JSON file{" "}
          </Text>
          <input
            type="file"
            accept="application/json,.json"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              const content = await file.text();
              setText(content);
              apply(content);
            }}
          />
        </label>
      </InlineStack>
    </BlockStack>
  );
}

function TextTab({ doc, currency, valid }: { doc: Doc; currency: string; valid: boolean }) {
  const languages = Object.keys(doc?.translations ?? {});
  const [language, setLanguage] = useState("");
  if (!valid) return <Text as="p">Fix the problems above to see the policy text.</Text>;
  const check = checkPolicy(doc);
  if (!check.policy) return null;
  const text = policyText(check.policy, { language: language || undefined, currency });
  return (
    <BlockStack gap="300">
      {languages.length > 0 && <Select label="Language" options={[{ label: "Default", value: "" }, ...languages.map((l) => ({ label: l, value: l }))]} value={language} onChange={setLanguage} />}
      <InlineStack gap="200">
        <Button onClick={() => navigator.clipboard?.writeText(policyTextPlain(text))}>Copy text</Button>
      </InlineStack>
      <Text as="h3" variant="headingMd">
        {text.title}
      </Text>
      {text.sections.map((s) => (
        <BlockStack key={s.heading} gap="100">
          <Text as="h4" variant="headingSm">
            {s.heading}
          </Text>
          {s.paragraphs.map((p, i) => (
            <Text as="p" key={i}>
              {p}
            </Text>
          ))}
        </BlockStack>
      ))}
    </BlockStack>
  );
}
