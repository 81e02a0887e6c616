import { BlockStack, Box, Checkbox, InlineGrid, Select, Text, TextField } from "@shopify/polaris";

import { POSTAGE_METHODS, REASONS } from "../../domain/vocabulary";
import { getAt, type Path } from "./paths";

/* eslint-disable @typescript-eslint/no-explicit-any -- like the editor, these edit an arbitrary JSON document by path; the schema checks it */
type Doc = any;

/** The editor's form context: the document, a setter by path and the error shown on a path. */
export type RuleCtx = { doc: Doc; set(path: Path, value: unknown): void; error(path: Path): string | undefined };

const REASON_LABELS: Record<(typeof REASONS)[number], string> = {
  changed_mind: "Changed mind",
  defective: "Defective",
  damaged_in_transit: "Damaged in transit",
  wrong_item: "Wrong item sent",
  loose_crystal: "Loose crystal",
  other: "Other",
};
const METHOD_LABELS: Record<(typeof POSTAGE_METHODS)[number], string> = { post: "By post", courier: "By courier" };

/** The sentence of the published policy a rule enforces, shown beside the rule the merchant edits. */
function PolicyWords({ source }: { source?: string }) {
  if (!source) return null;
  return (
    <Text as="p" variant="bodySm" tone="subdued">
      Your policy says: “{source}”
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
          {`${name}: postage and the way home`}
        </Text>
        <Select
          label={`${name}: the shopper's own return postage`}
          options={[
            { label: "Not said (never repaid)", value: "" },
            { label: "Repaid", value: "repaid" },
            { label: "Not repaid", value: "not_repaid" },
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
              Repaid only where the store pays the return journey and the shopper did not use the store&apos;s courier. Leave a list empty to accept any.
            </Text>
            <InlineGrid columns={{ xs: 2, md: 4 }} gap="100">
              {POSTAGE_METHODS.map((m) => (
                <Checkbox key={m} label={`${name}: ${METHOD_LABELS[m]}`} checked={(postage.methods ?? []).includes(m)} onChange={(on) => toggleIn("methods", m, on)} />
              ))}
              <Checkbox label={`${name}: only with proof of postage`} checked={postage.proofRequired === true} onChange={(on) => setPostage("proofRequired", on)} />
              <Checkbox label={`${name}: not from abroad`} checked={postage.domesticOnly === true} onChange={(on) => setPostage("domesticOnly", on)} />
            </InlineGrid>
            <InlineGrid columns={{ xs: 2, md: 4 }} gap="100">
              {REASONS.map((r) => (
                <Checkbox key={r} label={`${name}: for ${REASON_LABELS[r].toLowerCase()}`} checked={(postage.reasons ?? []).includes(r)} onChange={(on) => toggleIn("reasons", r, on)} />
              ))}
            </InlineGrid>
            <TextField
              label={`${name}: at most (amount)`}
              autoComplete="off"
              helpText="Empty: no cap"
              value={String(postage.maximum ?? "")}
              error={ctx.error([...postagePath, "maximum"])}
              onChange={(v) => setPostage("maximum", v.trim() === "" ? undefined : v.trim())}
            />
          </BlockStack>
        )}
        {postage && <Words ctx={ctx} path={postagePath} label={`${name}: postage, what shoppers read`} />}
        <Select
          label={`${name}: who pays to send it home`}
          options={[
            { label: claim ? "Not said (the store, for free work)" : "Not said (the shopper)", value: "" },
            { label: "The store", value: "store" },
            { label: "The shopper", value: "customer" },
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
        {outbound && <Words ctx={ctx} path={[...path, "outboundShipping"]} label={`${name}: way home, what shoppers read`} />}
        {claim && (
          <>
            <Checkbox
              label={`${name}: quote a paid repair for damage not covered`}
              checked={Boolean(alternative)}
              onChange={(on) => ctx.set([...path, "paidAlternative"], on ? { id: "paid-repair", resolution: "repair", text: "If the damage is not covered, we quote for repairing it." } : undefined)}
            />
            {alternative && <PolicyWords source={alternative.source} />}
            {alternative && <Words ctx={ctx} path={[...path, "paidAlternative"]} label={`${name}: paid repair, what shoppers read`} />}
          </>
        )}
      </BlockStack>
    </Box>
  );
}

/** Items refused after inspection: sent back or not, and at whose cost (CONTRACT rule 16). */
export function RefusedItemsRule({ ctx }: { ctx: RuleCtx }) {
  const rule = getAt(ctx.doc, ["refusedItems"]) as Doc | undefined;
  const set = (patch: Doc) => ctx.set(["refusedItems"], { id: "sent-back", sendBack: true, payer: "customer", text: "Items we cannot accept are sent back to you.", ...(rule ?? {}), ...patch });
  return (
    <BlockStack gap="200">
      <Select
        label="Items refused once inspected"
        options={[
          { label: "Not said (sent back at the shopper's cost)", value: "" },
          { label: "Sent back at the shopper's cost", value: "customer" },
          { label: "Sent back at the store's cost", value: "store" },
          { label: "Not sent back", value: "kept" },
        ]}
        value={rule ? (rule.sendBack ? rule.payer ?? "customer" : "kept") : ""}
        onChange={(v) => {
          if (v === "") ctx.set(["refusedItems"], undefined);
          else if (v === "kept") set({ sendBack: false, payer: "customer" });
          else set({ sendBack: true, payer: v });
        }}
      />
      {rule && <PolicyWords source={rule.source} />}
      {rule && <Words ctx={ctx} path={["refusedItems"]} label="Refused items: what shoppers read" />}
    </BlockStack>
  );
}
