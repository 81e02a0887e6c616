import { BlockStack, Box, Button, Checkbox, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState, type ReactNode } from "react";

import { CAUSES } from "../../../domain/vocabulary";
import type { Translate } from "../../../i18n/admin";
import { useT } from "../../../i18n/react";
import { getAt, splitList, type Path } from "../paths";

// The policy editor's fields: each edits one path of the document and shows the check's error for it.

/* eslint-disable @typescript-eslint/no-explicit-any -- the editor edits an arbitrary JSON document by path; the schema checks it */
export type Doc = any;

/** The editor's form context: the document, a setter by path and the error shown on a path. */
export type Ctx = {
  doc: Doc;
  set(path: Path, value: unknown): void;
  error(path: Path): string | undefined;
};

const UNITS = ["days", "working_days", "months", "years", "unlimited"] as const;
const PAYERS = ["customer", "store", "store_with_own_courier", "none"] as const;

export const unitOptions = (t: Translate) => UNITS.map((value) => ({ label: t(`policyEditor.words.unit.${value}`), value }));
export const payerOptions = (t: Translate) => PAYERS.map((value) => ({ label: t(`policyEditor.words.payer.${value}`), value }));

export function uniqueId(prefix: string, taken: string[]): string {
  let n = 1;
  while (taken.includes(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

export function Field({ ctx, path, label, type = "text", multiline, help, placeholder }: { ctx: Ctx; path: Path; label: string; type?: "text" | "number"; multiline?: boolean; help?: string; placeholder?: string }) {
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

export function OptionalNumber({ ctx, path, label, help, scale = 1, inRule }: { ctx: Ctx; path: Path; label: string; help?: string; scale?: number; inRule?: boolean }) {
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

export function ListField({ ctx, path, label, help }: { ctx: Ctx; path: Path; label: string; help?: string }) {
  const t = useT();
  const value = getAt(ctx.doc, path);
  const [text, setText] = useState(Array.isArray(value) ? value.join(", ") : "");
  const error = ctx.error(path) ?? [...Array(Array.isArray(value) ? value.length : 0).keys()].map((i) => ctx.error([...path, i])).find(Boolean);
  return (
    <TextField
      label={label}
      autoComplete="off"
      helpText={help ?? t("policyEditor.form.separateCommas")}
      value={text}
      error={error}
      onChange={(v) => {
        setText(v);
        ctx.set(path, splitList(v));
      }}
    />
  );
}

export function Choice({ ctx, path, label, options }: { ctx: Ctx; path: Path; label: string; options: { label: string; value: string }[] }) {
  const value = getAt(ctx.doc, path);
  return <Select label={label} options={options} value={value === undefined ? "" : String(value)} error={ctx.error(path)} onChange={(v) => ctx.set(path, v)} />;
}

export function Toggle({ ctx, path, label, help }: { ctx: Ctx; path: Path; label: string; help?: string }) {
  return <Checkbox label={label} helpText={help} checked={getAt(ctx.doc, path) === true} error={ctx.error(path)} onChange={(v) => ctx.set(path, v)} />;
}

export function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
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

export function WindowRow({ ctx, path, name, onRemove }: { ctx: Ctx; path: Path; name: string; onRemove?: () => void }) {
  const t = useT();
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
          <Select label={t("policyEditor.form.window.unit", { name })} options={unitOptions(t)} value={String(unit)} onChange={setUnit} />
          {unit !== "unlimited" && <Field ctx={ctx} path={[...path, "window", "amount"]} label={t("policyEditor.form.window.howMany", { name })} type="number" />}
          {unit !== "unlimited" && (
            <Choice
              ctx={ctx}
              path={[...path, "window", "from"]}
              label={t("policyEditor.form.window.countedFrom", { name })}
              options={[
                { label: t("policyEditor.form.window.receipt"), value: "receipt" },
                { label: t("policyEditor.form.window.purchase"), value: "purchase" },
              ]}
            />
          )}
          <ListField ctx={ctx} path={[...path, "groups"]} label={t("policyEditor.form.window.onlyGroups", { name })} help={t("policyEditor.form.emptyAll")} />
        </InlineGrid>
        <Field ctx={ctx} path={[...path, "text"]} label={t("policyEditor.form.shoppersRead", { label: name })} />
        {onRemove && (
          <InlineStack>
            <Button variant="plain" tone="critical" onClick={onRemove}>
              {t("policyEditor.form.window.remove")}
            </Button>
          </InlineStack>
        )}
      </BlockStack>
    </Box>
  );
}

export function Causes({ ctx, path, label }: { ctx: Ctx; path: Path; label: string }) {
  const t = useT();
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
          <Checkbox key={c} label={t(`policyEditor.words.cause.${c}`)} checked={chosen.includes(c)} onChange={(on) => toggle(c, on)} />
        ))}
      </InlineGrid>
      {rule && <Field ctx={ctx} path={[...path, "text"]} label={t("policyEditor.form.shoppersRead", { label })} />}
    </BlockStack>
  );
}

/** A bonus or fee rule exists while one of its numbers is set; its words are edited beside them. */
export function RuleWords({ ctx, path, label }: { ctx: Ctx; path: Path; label: string }) {
  const t = useT();
  if (!getAt(ctx.doc, path)) return null;
  return <Field ctx={ctx} path={[...path, "text"]} label={t("policyEditor.form.shoppersRead", { label })} />;
}

export const RULE_DEFAULTS: Record<string, { id: string; text: string }> = {
  bonus: { id: "bonus", text: "Choose store credit or an exchange and get a bonus." },
  fees: { id: "fees", text: "We deduct these fees from your refund." },
};

/** Sets one number of a bonus or fee rule, creating the rule with words to edit, or dropping it when empty. */
export function setRuleValue(ctx: Ctx, rulePath: Path, key: string, value: unknown) {
  const rule = { ...RULE_DEFAULTS[String(rulePath[rulePath.length - 1])], ...((getAt(ctx.doc, rulePath) as Doc) ?? {}) };
  if (value === undefined) delete rule[key as keyof typeof rule];
  else (rule as Doc)[key] = value;
  const numbers = Object.keys(rule).filter((k) => !["id", "text", "source"].includes(k));
  ctx.set(rulePath, numbers.length ? rule : undefined);
}
