import type { Cause, ConditionKey, Resolution, ServiceKind } from "../vocabulary";
import type { ItemGroup, ServiceRule, Window } from "./schema";

/** Plain labels the editor, the simulator and the generated policy text share. */
export const SERVICE_NAMES: Record<ServiceKind, string> = {
  crystal_replacement: "Crystal replacement",
  repair_by_merchant: "Repair by our workshop",
  cleaning: "Cleaning",
  resize: "Resizing",
  redesign: "Redesign",
  accessory_repair: "Clasp, earring-back and accessory repair",
  restoration: "Restoration (polishing and re-plating)",
};

export const RESOLUTION_NAMES: Record<Resolution, string> = {
  refund: "a refund",
  store_credit: "store credit",
  exchange: "an exchange",
  repair: "a repair",
  replacement: "a replacement",
  parts: "replacement parts",
  service: "the service",
};

export const CONDITION_NAMES: Record<ConditionKey, string> = {
  unused: "unused",
  unworn: "unworn",
  tags_attached: "with its tags attached",
  original_packaging: "in its original packaging",
  unopened_packaging: "with its packaging unopened",
  clean: "clean, not soiled",
  undamaged: "undamaged",
};

export const CAUSE_NAMES: Record<Cause, string> = {
  manufacturing: "manufacturing faults",
  wear_and_tear: "wear and tear",
  tarnishing: "tarnishing",
  chemical: "chemicals",
  bathing: "bathing or showering",
  accident: "accidents",
  misuse: "misuse",
  alteration: "alteration",
  unauthorized_repair: "unauthorised repairs",
  negligence: "negligence",
  care_advice_not_followed: "not following care advice",
  wear_part: "wear parts",
};

const UNITS = { days: ["day", "days"], working_days: ["working day", "working days"], months: ["month", "months"], years: ["year", "years"] } as const;

/** "30 days from receipt", "1 year from purchase", "no time limit". */
export function windowWords(window: Window): string {
  if (window.unit === "unlimited") return "no time limit";
  const [one, many] = UNITS[window.unit];
  return `${window.amount} ${window.amount === 1 ? one : many} from ${window.from === "receipt" ? "receipt" : "purchase"}`;
}

export function serviceName(rule: Pick<ServiceRule, "service" | "label">): string {
  return rule.label ?? SERVICE_NAMES[rule.service];
}

export function groupNames(groups: ItemGroup[], ids: string[]): string {
  const labels = ids.map((id) => groups.find((g) => g.id === id)?.label ?? id);
  return listWords(labels);
}

export function listWords(items: string[], last = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}
