import { List } from "@shopify/polaris";

import { formatMoneyIn } from "../../domain/money";
import { useAdminLocale, useT } from "../../i18n/react";
import type { Translate } from "../../i18n/admin";

/** A saved scenario's decision as the publish and restore banners list it (see policies' `decisionDigest`). */
export type DecisionDigest = { lines: { lineId: string; eligible: boolean; codes: string[] }[]; refund: { method: "refund" | "store_credit"; total: number; currency: string } | null };
export type ChangedScenario = { scenarioId: string; name: string; was: DecisionDigest; now: DecisionDigest };

/** "C1 eligible (refund, exchange); refund £80.00": each line's verdict with the engine's reasons, then the money, in the admin's language. */
function digestText(t: Translate, locale: string, digest: DecisionDigest): string {
  const lines = digest.lines.map((l) =>
    t(l.eligible ? "policyEditor.changedScenario.eligible" : "policyEditor.changedScenario.refused", {
      line: l.lineId,
      codes: l.codes.map((c) => t(`policyEditor.changedScenario.code.${c}`, { defaultValue: c })).join(", "),
    }),
  );
  const money = digest.refund ? [t(`policyEditor.changedScenario.${digest.refund.method}`, { amount: formatMoneyIn(digest.refund.total, digest.refund.currency, locale) })] : [];
  return [...lines, ...money].join("; ");
}

/** The saved scenarios a publish or a restore decides differently: "name: before → after". */
export function ChangedDecisions({ changed }: { changed: ChangedScenario[] }) {
  const t = useT();
  const { locale } = useAdminLocale();
  return (
    <List>
      {changed.map((c) => (
        <List.Item key={c.scenarioId}>
          {c.name}: {digestText(t, locale, c.was)} → {digestText(t, locale, c.now)}
        </List.Item>
      ))}
    </List>
  );
}
