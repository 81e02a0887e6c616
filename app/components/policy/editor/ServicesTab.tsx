import { BlockStack, Box, Button, Checkbox, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";

import { SERVICES } from "../../../domain/vocabulary";
import { SERVICE_NAMES } from "../../../domain/policy/words";
import { JourneyRules } from "../JourneyRules";
import { removeAt, splitList, type Path } from "../paths";
import { Causes, Choice, Field, PAYERS, Toggle, WindowRow, type Ctx, type Doc } from "./fields";

// The "Repairs and care" tab: each service the shop offers, its price, allowance, parts quota and journeys.

export function ServicesTab({ ctx }: { ctx: Ctx }) {
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
                  onChange={(v) => ctx.set([...p, "allowance"], v.trim() === "" ? undefined : { id: s.allowance?.id ?? "allowance", key: s.allowance?.key ?? s.service, text: s.allowance?.text ?? "Free once per piece.", limit: Number(v) })}
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
