import { InlineGrid, Select, TextField } from "@shopify/polaris";

import { useT } from "../../i18n/react";
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
  const t = useT();
  const service = (getAt(ctx.doc, path) ?? {}) as Doc;
  const deposit = service.deposit as Doc | undefined;
  const depositPath: Path = [...path, "deposit"];
  const paid = service.charge === "paid" || service.allowance?.thereafter === "quoted";
  return (
    <InlineGrid columns={{ xs: 1, md: 3 }} gap="200">
      {service.allowance?.limit ? (
        <Select
          label={t("policyEditor.money.thereafter")}
          options={[
            { label: t("policyEditor.money.refuse"), value: "refused" },
            { label: t("policyEditor.money.quote"), value: "quoted" },
          ]}
          value={service.allowance.thereafter ?? "refused"}
          error={ctx.error([...path, "allowance", "thereafter"])}
          onChange={(v) => ctx.set([...path, "allowance", "thereafter"], v === "refused" ? undefined : v)}
        />
      ) : null}
      {paid ? (
        <Select
          label={t("policyEditor.money.deposit")}
          options={[
            { label: t("policyEditor.money.noDeposit"), value: "" },
            { label: t("policyEditor.money.share"), value: "share" },
            { label: t("policyEditor.money.amount"), value: "amount" },
          ]}
          value={deposit?.kind ?? ""}
          onChange={(v) => ctx.set(depositPath, v === "share" ? { kind: "share", percent: 50 } : v === "amount" ? { kind: "amount", amount: "50.00" } : undefined)}
        />
      ) : null}
      {paid && deposit?.kind === "share" ? (
        <TextField
          label={t("policyEditor.money.percent")}
          type="number"
          autoComplete="off"
          value={String(deposit.percent ?? "")}
          error={ctx.error([...depositPath, "percent"])}
          onChange={(v) => ctx.set([...depositPath, "percent"], v.trim() === "" ? undefined : Number(v))}
        />
      ) : null}
      {paid && deposit?.kind === "amount" ? (
        <TextField
          label={t("policyEditor.money.depositAmount")}
          autoComplete="off"
          helpText={t("policyEditor.money.currencyHelp")}
          value={String(deposit.amount ?? "")}
          error={ctx.error([...depositPath, "amount"])}
          onChange={(v) => ctx.set([...depositPath, "amount"], v)}
        />
      ) : null}
    </InlineGrid>
  );
}
