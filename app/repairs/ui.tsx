import { Badge, InlineStack } from "@shopify/polaris";

import type { Translate } from "../i18n/admin";
import { useAdminLocale, useT } from "../i18n/react";
import { intlLocale, localDateIn } from "./entry-words";
import type { RepairState } from "./machine";

export { localDateIn };

/** Small pieces the bench's pages share (client-safe: no server imports), in the admin's language. */

const TONES: Record<RepairState, "info" | "attention" | "success" | "critical" | "warning" | undefined> = {
  awaiting_item: "attention",
  received: "info",
  assessed: "info",
  quoted: "warning",
  quote_accepted: "success",
  quote_declined: "critical",
  quote_expired: "critical",
  at_bench: "info",
  ready: "success",
  sent_back: undefined,
  collected: undefined,
  cancelled: undefined,
};

/** An instant as the shop reads it, in its time zone: "7 Dec 2026, 14:05" ("7 déc. 2026, 14:05"). */
export function whenIn(iso: string, timezone: string, language: string): string {
  return new Date(iso).toLocaleString(intlLocale(language), { timeZone: timezone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** A state's words (`bench.state.*`). */
export function stateLabel(state: string, t: Translate): string {
  return t(`bench.state.${state}`, { defaultValue: state });
}

/**
 * What the work is called on the bench, from how the ticket was opened: the service's name (the
 * policy's own label where the merchant gave one, else `bench.service.*`), a paid quote, a
 * warranty repair or replacement.
 */
export function workLabel(ticket: { origin: string; kind: string; service: string | null; serviceLabel: string | null }, t: Translate): string {
  const service = ticket.serviceLabel ?? (ticket.service ? t(`bench.service.${ticket.service}`, { defaultValue: ticket.service.replace(/_/g, " ") }) : null);
  if (ticket.origin === "quote") return service ? t("bench.work.quotedService", { service }) : t("bench.work.quoted");
  if (ticket.kind === "warranty") return t(ticket.origin === "replacement" ? "bench.work.warrantyReplacement" : "bench.work.warrantyRepair");
  return service ?? t(ticket.origin === "replacement" ? "bench.work.replacement" : "bench.work.repair");
}

export function StateBadge({ state }: { state: RepairState }) {
  const t = useT();
  return <Badge tone={TONES[state]}>{stateLabel(state, t)}</Badge>;
}

/** The due date as the shop writes it, with the flags that matter at a glance. */
export function DueDate({ dueOn, overdue, rush }: { dueOn: string | null; overdue: boolean; rush: boolean }) {
  const t = useT();
  const { language } = useAdminLocale();
  return (
    <InlineStack gap="100" blockAlign="center" wrap={false}>
      <span>{dueOn ? localDateIn(dueOn, language) : t("bench.notPromised")}</span>
      {overdue ? <Badge tone="critical">{t("bench.overdue")}</Badge> : null}
      {rush ? <Badge tone="warning">{t("bench.rush")}</Badge> : null}
    </InlineStack>
  );
}
