import { InlineGrid, Select, TextField } from "@shopify/polaris";

import { getAt, type Path } from "./paths";
import type { RuleCtx } from "./JourneyRules";

/* eslint-disable @typescript-eslint/no-explicit-any -- like the editor, this edits an arbitrary JSON document by path; the schema checks it */
type Doc = any;

/**
 * A service's money beyond its price, in the services catalogue (docs/decisions/023): what
 * happens once its free uses are spent (refused, or quoted as paid work), and the deposit asked
 * before quoted work starts (a share of the quote or a fixed amount; the rest when it is ready).
 */
export function ServiceMoney({ ctx, path }: { ctx: RuleCtx; path: Path }) {
  const service = (getAt(ctx.doc, path) ?? {}) as Doc;
  const deposit = service.deposit as Doc | undefined;
  const depositPath: Path = [...path, "deposit"];
  const paid = service.charge === "paid" || service.allowance?.thereafter === "quoted";
  return (
    <InlineGrid columns={{ xs: 1, md: 3 }} gap="200">
      {service.allowance?.limit ? (
        <Select
          label="Once the free uses are spent"
          options={[
            { label: "Refuse the service", value: "refused" },
            { label: "Quote it as paid work", value: "quoted" },
          ]}
          value={service.allowance.thereafter ?? "refused"}
          error={ctx.error([...path, "allowance", "thereafter"])}
          onChange={(v) => ctx.set([...path, "allowance", "thereafter"], v === "refused" ? undefined : v)}
        />
      ) : null}
      {paid ? (
        <Select
          label="Deposit on quoted work"
          options={[
            { label: "No deposit", value: "" },
            { label: "A share of the quote", value: "share" },
            { label: "A fixed amount", value: "amount" },
          ]}
          value={deposit?.kind ?? ""}
          onChange={(v) => ctx.set(depositPath, v === "share" ? { kind: "share", percent: 50 } : v === "amount" ? { kind: "amount", amount: "50.00" } : undefined)}
        />
      ) : null}
      {paid && deposit?.kind === "share" ? (
        <TextField
          label="Deposit (% of the quote)"
          type="number"
          autoComplete="off"
          value={String(deposit.percent ?? "")}
          error={ctx.error([...depositPath, "percent"])}
          onChange={(v) => ctx.set([...depositPath, "percent"], v.trim() === "" ? undefined : Number(v))}
        />
      ) : null}
      {paid && deposit?.kind === "amount" ? (
        <TextField
          label="Deposit amount"
          autoComplete="off"
          helpText="In the currency the shopper pays in"
          value={String(deposit.amount ?? "")}
          error={ctx.error([...depositPath, "amount"])}
          onChange={(v) => ctx.set([...depositPath, "amount"], v)}
        />
      ) : null}
    </InlineGrid>
  );
}
