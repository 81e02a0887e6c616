/** The words the scenario contract, the policy document and decisions share. */
export const REQUEST_KINDS = ["return", "warranty", "service"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const SERVICES = [
  "crystal_replacement",
  "repair_by_merchant",
  "cleaning",
  "resize",
  "redesign",
  "accessory_repair",
  "restoration",
] as const;
export type ServiceKind = (typeof SERVICES)[number];

export const REASONS = ["changed_mind", "defective", "damaged_in_transit", "wrong_item", "loose_crystal", "other"] as const;
export type Reason = (typeof REASONS)[number];

/** Reasons that mean the item itself is at fault (CONTRACT rule 4). */
export const FAULTY_REASONS: readonly Reason[] = ["defective", "damaged_in_transit", "wrong_item", "loose_crystal"];

export const CAUSES = [
  "manufacturing",
  "wear_and_tear",
  "tarnishing",
  "chemical",
  "bathing",
  "accident",
  "misuse",
  "alteration",
  "unauthorized_repair",
  "negligence",
  "care_advice_not_followed",
  "wear_part",
] as const;
export type Cause = (typeof CAUSES)[number];

/** `clean` and `undamaged` hold unless the item is soiled or damaged (CONTRACT rule 16). */
export const CONDITIONS = ["unused", "unworn", "tags_attached", "original_packaging", "unopened_packaging", "clean", "undamaged"] as const;
export type ConditionKey = (typeof CONDITIONS)[number];

export const BLOCKERS = [
  "window_expired",
  "excluded_item",
  "condition_not_met",
  "proof_missing",
  "cause_not_covered",
  "not_applicable",
  "limit_reached",
] as const;
export type Blocker = (typeof BLOCKERS)[number];

export const RESOLUTIONS = ["refund", "store_credit", "exchange", "repair", "replacement", "parts", "service"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const PREFERRED_RESOLUTIONS = ["refund", "store_credit", "exchange"] as const;
export type PreferredResolution = (typeof PREFERRED_RESOLUTIONS)[number];

export const REQUIREMENTS = ["photos", "liability_acknowledgement", "proof_of_postage"] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

export type ReturnShipping = "customer" | "store" | "none";
/** Who pays to send the shopper what the request ends in (CONTRACT rule 18). */
export type OutboundShipping = "customer" | "store" | "none";

/** How the shopper sent items back themselves (CONTRACT rule 15). */
export const POSTAGE_METHODS = ["post", "courier"] as const;
export type PostageMethod = (typeof POSTAGE_METHODS)[number];
export type Charge = "free" | "paid";

/**
 * When processing a return puts the items back in stock: never (the default: jewellery is
 * inspected and cleaned first), only for change-of-mind returns (no faulty reason on any line), or always.
 */
export const RESTOCK_CHOICES = ["never", "change_of_mind", "always"] as const;
export type RestockChoice = (typeof RESTOCK_CHOICES)[number];

/** Whether a return with these line reasons is restocked on processing under the policy's choice. */
export function restocksOnProcess(choice: RestockChoice | undefined, reasons: readonly string[]): boolean {
  if (choice === "always") return true;
  if (choice === "change_of_mind") return reasons.every((reason) => !(FAULTY_REASONS as readonly string[]).includes(reason));
  return false;
}
