import { BlockStack, Checkbox, InlineGrid, TextField } from "@shopify/polaris";

import { useT } from "../../i18n/react";
import { getAt, type Path } from "./paths";
import type { RuleCtx } from "./JourneyRules";

/* eslint-disable @typescript-eslint/no-explicit-any -- like the editor, this edits an arbitrary JSON document by path; the schema checks it */
type Doc = any;

const STARTERS = {
  returnAddress: { id: "return-address", text: "Put the return slip in the parcel with the item." },
  repairAddress: { id: "repair-address", text: "Put the slip in the parcel with the piece to repair." },
} as const;

/**
 * Where shoppers send the piece: the return address, and for warranty claims and services a
 * repair address of their own when the workshop is elsewhere. Shoppers see it once a request is
 * approved, and on the return slip they print.
 */
export function ReturnAddressRule({ ctx, field, label, country }: { ctx: RuleCtx; field: "returnAddress" | "repairAddress"; label: string; country: string }) {
  const t = useT();
  const rule = getAt(ctx.doc, [field]) as Doc | undefined;
  const path: Path = [field];
  const set = (patch: Doc) => ctx.set(path, { ...STARTERS[field], name: "", lines: [], country, ...(rule ?? {}), ...patch });
  return (
    <BlockStack gap="200">
      <Checkbox label={label} checked={Boolean(rule)} onChange={(on) => (on ? set({}) : ctx.set(path, undefined))} />
      {rule && (
        <BlockStack gap="200">
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
            <TextField label={t("policyEditor.address.name")} autoComplete="organization" value={String(rule.name ?? "")} error={ctx.error([field, "name"])} onChange={(v) => set({ name: v })} />
            <TextField
              label={t("policyEditor.address.country")}
              autoComplete="country"
              helpText={t("policyEditor.address.countryHelp")}
              value={String(rule.country ?? "")}
              error={ctx.error([field, "country"])}
              onChange={(v) => set({ country: v.toUpperCase() })}
              maxLength={2}
            />
          </InlineGrid>
          <TextField
            label={t("policyEditor.address.lines")}
            autoComplete="street-address"
            multiline={4}
            value={((rule.lines as string[] | undefined) ?? []).join("\n")}
            error={ctx.error([field, "lines"]) ?? [0, 1, 2, 3, 4, 5].map((i) => ctx.error([field, "lines", i])).find(Boolean)}
            onChange={(v) => set({ lines: v.split("\n").map((l) => l.trim()).filter(Boolean) })}
          />
          <TextField label={t("policyEditor.address.words")} autoComplete="off" value={String(rule.text ?? "")} error={ctx.error([field, "text"])} onChange={(v) => set({ text: v })} />
        </BlockStack>
      )}
    </BlockStack>
  );
}
