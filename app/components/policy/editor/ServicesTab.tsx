import { BlockStack, Box, Button, Checkbox, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";

import { SERVICES } from "../../../domain/vocabulary";
import { useT } from "../../../i18n/react";
import { JourneyRules } from "../JourneyRules";
import { removeAt, splitList, type Path } from "../paths";
import { Causes, Choice, Field, payerOptions, Toggle, WindowRow, type Ctx, type Doc } from "./fields";
import { ServiceMoney } from "../ServiceMoney";

// The "Repairs and care" tab: each service the shop offers, its price, allowance, parts quota and journeys.

export function ServicesTab({ ctx }: { ctx: Ctx }) {
  const t = useT();
  const kindName = (kind: string) => t(`policyEditor.words.service.${kind}`);
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
        const name: string = s.label || (s.service ? kindName(s.service) : t("policyEditor.services.service"));
        return (
          <Box key={i} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">
                {name}
              </Text>
              <InlineGrid columns={{ xs: 1, md: 3 }} gap="200">
                <Select
                  label={t("policyEditor.services.kind")}
                  options={SERVICES.map((k) => ({ label: kindName(k), value: k, disabled: k !== s.service && services.some((x) => x.service === k) }))}
                  value={s.service}
                  error={ctx.error([...p, "service"])}
                  onChange={(v) => ctx.set([...p, "service"], v)}
                />
                <TextField label={t("policyEditor.services.label")} autoComplete="off" value={s.label ?? ""} error={ctx.error([...p, "label"])} onChange={(v) => ctx.set([...p, "label"], v === "" ? undefined : v)} />
                <Toggle ctx={ctx} path={[...p, "enabled"]} label={t("policyEditor.services.offered")} />
                <Select
                  label={t("policyEditor.services.price")}
                  options={[
                    { label: t("policyEditor.services.free"), value: "free" },
                    { label: t("policyEditor.services.fixed"), value: "fixed" },
                    { label: t("policyEditor.services.byQuote"), value: "quote" },
                  ]}
                  value={priceKind}
                  onChange={(v) => {
                    ctx.set([...p, "price"], v === "fixed" ? { kind: "fixed", amount: s.price?.amount ?? "0.00" } : { kind: v });
                    ctx.set([...p, "charge"], v === "free" ? "free" : "paid");
                  }}
                />
                {priceKind === "fixed" && <Field ctx={ctx} path={[...p, "price", "amount"]} label={t("policyEditor.services.amount")} />}
                <Choice
                  ctx={ctx}
                  path={[...p, "resolution"]}
                  label={t("policyEditor.services.gets")}
                  options={[
                    { label: t("policyEditor.services.getsService"), value: "service" },
                    { label: t("policyEditor.services.getsRepair"), value: "repair" },
                    { label: t("policyEditor.services.getsParts"), value: "parts" },
                  ]}
                />
                <Select
                  label={t("policyEditor.services.travel")}
                  options={[
                    { label: t("policyEditor.services.notSaid"), value: "" },
                    { label: t("policyEditor.services.post"), value: "post" },
                    { label: t("policyEditor.services.courier"), value: "store_courier" },
                    { label: t("policyEditor.services.inStore"), value: "in_store" },
                  ]}
                  value={s.transport ?? ""}
                  onChange={(v) => ctx.set([...p, "transport"], v === "" ? undefined : v)}
                />
                <Choice ctx={ctx} path={[...p, "returnShipping", "payer"]} label={t("policyEditor.services.payer")} options={payerOptions(t)} />
                <TextField
                  label={t("policyEditor.services.turnaround")}
                  autoComplete="off"
                  value={s.turnaround?.text ?? ""}
                  error={ctx.error([...p, "turnaround", "text"])}
                  onChange={(v) => ctx.set([...p, "turnaround"], v === "" ? undefined : { ...s.turnaround, text: v })}
                />
                <TextField
                  label={t("policyEditor.services.uses")}
                  type="number"
                  autoComplete="off"
                  helpText={t("policyEditor.services.noLimit")}
                  value={s.allowance?.limit ? String(s.allowance.limit) : ""}
                  error={ctx.error([...p, "allowance", "limit"])}
                  onChange={(v) => ctx.set([...p, "allowance"], v.trim() === "" ? undefined : { ...s.allowance, id: s.allowance?.id ?? "allowance", key: s.allowance?.key ?? s.service, text: s.allowance?.text ?? "Free once per piece.", limit: Number(v) })}
                />
                <TextField
                  label={t("policyEditor.services.quota")}
                  type="number"
                  autoComplete="off"
                  value={s.partsQuota ? String(s.partsQuota.basisPoints / 100) : ""}
                  error={ctx.error([...p, "partsQuota", "basisPoints"])}
                  onChange={(v) => ctx.set([...p, "partsQuota"], v.trim() === "" ? undefined : { id: s.partsQuota?.id ?? "quota", metafield: s.partsQuota?.metafield ?? "crystal_count", text: s.partsQuota?.text ?? "We replace a share of the item's crystals.", basisPoints: Math.round(Number(v) * 100) })}
                />
                <TextField
                  label={t("policyEditor.services.who")}
                  autoComplete="off"
                  helpText={t("policyEditor.services.everyItem")}
                  value={(s.appliesTo?.groups ?? []).join(", ")}
                  error={ctx.error([...p, "appliesTo", "groups"]) ?? ctx.error([...p, "appliesTo", "groups", 0])}
                  onChange={(v) => ctx.set([...p, "appliesTo"], splitList(v) ? { text: s.appliesTo?.text ?? "This service is for selected items.", groups: splitList(v) } : undefined)}
                />
              </InlineGrid>
              <ServiceMoney ctx={ctx} path={p} />
              <Field ctx={ctx} path={[...p, "text"]} label={t("policyEditor.form.whatShoppersRead")} placeholder={t("policyEditor.services.describe")} multiline />
              {(s.windows as Doc[]).map((_: Doc, j: number) => (
                <WindowRow key={j} ctx={ctx} path={[...p, "windows", j]} name={t("policyEditor.form.window.name", { title: name, n: j + 1 })} />
              ))}
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
                <Checkbox label={t("policyEditor.rules.photos")} checked={Boolean(s.photos)} onChange={(on) => ctx.set([...p, "photos"], on ? { id: "photos", text: "Please send photos of the piece." } : undefined)} />
                <Checkbox
                  label={t("policyEditor.services.liability")}
                  checked={Boolean(s.liabilityAcknowledgement)}
                  onChange={(on) => ctx.set([...p, "liabilityAcknowledgement"], on ? { id: "liability", text: "You carry out the work yourself and accept the risk." } : undefined)}
                />
              </InlineGrid>
              <Causes ctx={ctx} path={[...p, "causesNotCovered"]} label={t("policyEditor.rules.causesNotCovered")} />
              <JourneyRules ctx={ctx} path={p} name={name} />
              <InlineStack>
                <Button variant="plain" tone="critical" onClick={() => ctx.set([], removeAt(ctx.doc, ["services", i]))}>
                  {t("policyEditor.services.remove")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Box>
        );
      })}
      <InlineStack>
        <Button onClick={add} disabled={unused.length === 0}>
          {t("policyEditor.services.add")}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
