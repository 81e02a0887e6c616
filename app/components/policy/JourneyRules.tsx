import { BlockStack, Box, Checkbox, InlineGrid, Select, Text, TextField } from "@shopify/polaris";

import { POSTAGE_METHODS, REASONS } from "../../domain/vocabulary";
import { useT } from "../../i18n/react";
import { getAt, type Path } from "./paths";

/* eslint-disable @typescript-eslint/no-explicit-any -- like the editor, these edit an arbitrary JSON document by path; the schema checks it */
type Doc = any;

/** The editor's form context: the document, a setter by path and the error shown on a path. */
export type RuleCtx = { doc: Doc; set(path: Path, value: unknown): void; error(path: Path): string | undefined };

/** The sentence of the published policy a rule enforces, shown beside the rule the merchant edits. */
function PolicyWords({ source }: { source?: string }) {
  const t = useT();
  if (!source) return null;
  return (
    <Text as="p" variant="bodySm" tone="subdued">
      {t("policyEditor.journey.policySays", { source })}
    </Text>
  );
}

function Words({ ctx, path, label }: { ctx: RuleCtx; path: Path; label: string }) {
  return (
    <TextField
      label={label}
      autoComplete="off"
      value={String(getAt(ctx.doc, [...path, "text"]) ?? "")}
      error={ctx.error([...path, "text"])}
      onChange={(v) => ctx.set([...path, "text"], v)}
    />
  );
}

/**
 * The journey of an item (CONTRACT rules 15–18) for one case or service: when the shopper's own
 * postage is repaid and on what conditions, who pays to send the work home, and (for claims)
 * whether damage the policy does not cover is quoted as paid work instead.
 */
export function JourneyRules({ ctx, path, name, claim }: { ctx: RuleCtx; path: Path; name: string; claim?: boolean }) {
  const t = useT();
  const rules = (getAt(ctx.doc, path) as Doc) ?? {};
  const postage = rules.postage as Doc | undefined;
  const outbound = rules.outboundShipping as Doc | undefined;
  const alternative = rules.paidAlternative as Doc | undefined;
  const postagePath = [...path, "postage"];
  const setPostage = (key: string, value: unknown) => {
    const next = { id: "postage", repaid: true, text: "We refund the postage you paid to send the item back.", ...(postage ?? {}) };
    if (value === undefined) delete next[key];
    else next[key] = value;
    ctx.set(postagePath, next);
  };
  const toggleIn = (key: "methods" | "reasons", value: string, on: boolean) => {
    const chosen: string[] = postage?.[key] ?? [];
    const next = on ? [...chosen, value] : chosen.filter((v) => v !== value);
    setPostage(key, next.length ? next : undefined);
  };
  return (
    <Box padding="300" borderWidth="025" borderColor="border" borderRadius="200">
      <BlockStack gap="200">
        <Text as="h4" variant="headingSm">
          {t("policyEditor.journey.heading", { name })}
        </Text>
        <Select
          label={t("policyEditor.journey.ownPostage", { name })}
          options={[
            { label: t("policyEditor.journey.notSaid"), value: "" },
            { label: t("policyEditor.journey.repaid"), value: "repaid" },
            { label: t("policyEditor.journey.notRepaid"), value: "not_repaid" },
          ]}
          value={postage ? (postage.repaid ? "repaid" : "not_repaid") : ""}
          onChange={(v) => {
            if (v === "") ctx.set(postagePath, undefined);
            else if (v === "repaid") setPostage("repaid", true);
            else ctx.set(postagePath, { id: postage?.id ?? "postage", text: postage?.text ?? "Postage you pay to send the item back is yours.", ...(postage?.source ? { source: postage.source } : {}), repaid: false });
          }}
        />
        {postage && <PolicyWords source={postage.source} />}
        {postage?.repaid && (
          <BlockStack gap="200">
            <Text as="p" variant="bodySm" tone="subdued">
              {t("policyEditor.journey.repaidHelp")}
            </Text>
            <InlineGrid columns={{ xs: 2, md: 4 }} gap="100">
              {POSTAGE_METHODS.map((m) => (
                <Checkbox key={m} label={t("policyEditor.journey.method", { name, method: t(`policyEditor.words.method.${m}`) })} checked={(postage.methods ?? []).includes(m)} onChange={(on) => toggleIn("methods", m, on)} />
              ))}
              <Checkbox label={t("policyEditor.journey.proof", { name })} checked={postage.proofRequired === true} onChange={(on) => setPostage("proofRequired", on)} />
              <Checkbox label={t("policyEditor.journey.domestic", { name })} checked={postage.domesticOnly === true} onChange={(on) => setPostage("domesticOnly", on)} />
            </InlineGrid>
            <InlineGrid columns={{ xs: 2, md: 4 }} gap="100">
              {REASONS.map((r) => (
                <Checkbox key={r} label={t("policyEditor.journey.forReason", { name, reason: t(`policyEditor.words.reason.${r}`).toLowerCase() })} checked={(postage.reasons ?? []).includes(r)} onChange={(on) => toggleIn("reasons", r, on)} />
              ))}
            </InlineGrid>
            <TextField
              label={t("policyEditor.journey.maximum", { name })}
              autoComplete="off"
              helpText={t("policyEditor.journey.noCap")}
              value={String(postage.maximum ?? "")}
              error={ctx.error([...postagePath, "maximum"])}
              onChange={(v) => setPostage("maximum", v.trim() === "" ? undefined : v.trim())}
            />
          </BlockStack>
        )}
        {postage && <Words ctx={ctx} path={postagePath} label={t("policyEditor.journey.postageWords", { name })} />}
        <Select
          label={t("policyEditor.journey.wayHome", { name })}
          options={[
            { label: claim ? t("policyEditor.journey.notSaidStore") : t("policyEditor.journey.notSaidShopper"), value: "" },
            { label: t("policyEditor.journey.store"), value: "store" },
            { label: t("policyEditor.journey.shopper"), value: "customer" },
          ]}
          value={outbound?.payer ?? ""}
          onChange={(v) =>
            ctx.set(
              [...path, "outboundShipping"],
              v === "" ? undefined : { id: outbound?.id ?? "way-home", text: outbound?.text ?? (v === "store" ? "We send it back to you at our cost." : "Sending it back to you is at your cost."), ...(outbound?.source ? { source: outbound.source } : {}), payer: v },
            )
          }
        />
        {outbound && <PolicyWords source={outbound.source} />}
        {outbound && <Words ctx={ctx} path={[...path, "outboundShipping"]} label={t("policyEditor.journey.wayHomeWords", { name })} />}
        {claim && (
          <>
            <Checkbox
              label={t("policyEditor.journey.paidRepair", { name })}
              checked={Boolean(alternative)}
              onChange={(on) => ctx.set([...path, "paidAlternative"], on ? { id: "paid-repair", resolution: "repair", text: "If the damage is not covered, we quote for repairing it." } : undefined)}
            />
            {alternative && <PolicyWords source={alternative.source} />}
            {alternative && <Words ctx={ctx} path={[...path, "paidAlternative"]} label={t("policyEditor.journey.paidRepairWords", { name })} />}
          </>
        )}
      </BlockStack>
    </Box>
  );
}

/** Items refused after inspection: sent back or not, and at whose cost (CONTRACT rule 16). */
export function RefusedItemsRule({ ctx }: { ctx: RuleCtx }) {
  const t = useT();
  const rule = getAt(ctx.doc, ["refusedItems"]) as Doc | undefined;
  const set = (patch: Doc) => ctx.set(["refusedItems"], { id: "sent-back", sendBack: true, payer: "customer", text: "Items we cannot accept are sent back to you.", ...(rule ?? {}), ...patch });
  return (
    <BlockStack gap="200">
      <Select
        label={t("policyEditor.journey.refused")}
        options={[
          { label: t("policyEditor.journey.refusedNotSaid"), value: "" },
          { label: t("policyEditor.journey.refusedCustomer"), value: "customer" },
          { label: t("policyEditor.journey.refusedStore"), value: "store" },
          { label: t("policyEditor.journey.refusedKept"), value: "kept" },
        ]}
        value={rule ? (rule.sendBack ? rule.payer ?? "customer" : "kept") : ""}
        onChange={(v) => {
          if (v === "") ctx.set(["refusedItems"], undefined);
          else if (v === "kept") set({ sendBack: false, payer: "customer" });
          else set({ sendBack: true, payer: v });
        }}
      />
      {rule && <PolicyWords source={rule.source} />}
      {rule && <Words ctx={ctx} path={["refusedItems"]} label={t("policyEditor.journey.refusedWords")} />}
    </BlockStack>
  );
}
