import { CAUSE_NAMES, CONDITION_NAMES } from "../domain/policy/words";
import { CAUSES, CONDITIONS } from "../domain/vocabulary";
import type { Finding } from "./schemas";

/**
 * The inspection form's words (client-safe): each condition the policy can require, named as the
 * policy names it ("unworn", "with its tags attached"), and what it says about the item in the
 * scenario contract's terms (`worn: false`). The merchant ticks what holds for the item as it
 * arrived; the engine then decides on it.
 */
type Field = keyof Finding["condition"];
const FIELDS: Record<string, { field: Field; holdsWhen: boolean; fallback: string }> = {
  unused: { field: "used", holdsWhen: false, fallback: "unused" },
  unworn: { field: "worn", holdsWhen: false, fallback: "unworn" },
  tags_attached: { field: "tagsAttached", holdsWhen: true, fallback: "with its tags attached" },
  original_packaging: { field: "originalPackaging", holdsWhen: true, fallback: "in its original packaging" },
  unopened_packaging: { field: "packagingOpened", holdsWhen: false, fallback: "with its packaging unopened" },
  clean: { field: "soiled", holdsWhen: false, fallback: "clean (not soiled)" },
  undamaged: { field: "damaged", holdsWhen: false, fallback: "undamaged" },
};

export type ConditionWord = { key: string; label: string; field: Field; holdsWhen: boolean };

/** The policy's conditions, in its vocabulary's order, then soiled and damaged where it has no word for them yet. */
export const CONDITION_WORDS: ConditionWord[] = [...new Set<string>([...CONDITIONS, "clean", "undamaged"])]
  .filter((key) => key in FIELDS)
  .map((key) => ({ key, label: (CONDITION_NAMES as Record<string, string>)[key] ?? FIELDS[key].fallback, field: FIELDS[key].field, holdsWhen: FIELDS[key].holdsWhen }));

/** The policy's causes of damage, with its words ("accidents", "wear and tear"). */
export const CAUSE_WORDS = CAUSES.map((cause) => ({ value: cause, label: CAUSE_NAMES[cause] }));

export function holds(word: ConditionWord, condition: Partial<Finding["condition"]>): boolean {
  return Boolean(condition[word.field]) === word.holdsWhen;
}

/** The condition with one of the policy's conditions set to hold or not. */
export function withHolding(condition: Finding["condition"], word: ConditionWord, holding: boolean): Finding["condition"] {
  return { ...condition, [word.field]: holding ? word.holdsWhen : !word.holdsWhen };
}

/** A finding in words: what does not hold ("not unworn, not with its tags attached; cause of damage: accidents"). */
export function findingWords(finding: Finding): string {
  const failing = CONDITION_WORDS.filter((w) => !holds(w, finding.condition)).map((w) => `not ${w.label}`);
  return `${failing.length ? failing.join(", ") : "in the condition the policy asks for"}; cause of damage: ${finding.cause ? CAUSE_NAMES[finding.cause] : "none found"}`;
}

/** The shopper's declared condition as a full finding (what the form starts from). */
export function conditionOf(declared: Record<string, boolean>): Finding["condition"] {
  return {
    used: declared.used ?? false,
    worn: declared.worn ?? false,
    tagsAttached: declared.tagsAttached ?? true,
    originalPackaging: declared.originalPackaging ?? true,
    packagingOpened: declared.packagingOpened ?? false,
    soiled: declared.soiled ?? false,
    damaged: declared.damaged ?? false,
  };
}

/** Findings that confirm what the shopper declared, line by line (an item found as described). */
export function asDescribed(lines: readonly { id: string; cause: string | null; condition: Record<string, boolean> }[]): Finding[] {
  return lines.map((l) => ({ lineId: l.id, condition: conditionOf(l.condition), cause: (CAUSES as readonly string[]).includes(l.cause ?? "") ? (l.cause as Finding["cause"]) : null }));
}
