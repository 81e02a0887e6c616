import { policySchema, type Policy } from "../policy/schema";
import { crystalAccessories } from "./crystal-accessories";
import { fineJewellery } from "./fine-jewellery";
import { gulfBoutique } from "./gulf-boutique";
import { ukJeweller } from "./uk-jeweller";

/**
 * The presets, one per reference policy. Each is an ordinary policy document, checked by the
 * same schema a merchant's edited policy passes.
 */
export const PRESET_DOCUMENTS = {
  "crystal-accessories": crystalAccessories,
  "uk-jeweller": ukJeweller,
  "gulf-boutique": gulfBoutique,
  "fine-jewellery": fineJewellery,
} as const;

export type PresetName = keyof typeof PRESET_DOCUMENTS;
export const PRESET_NAMES = Object.keys(PRESET_DOCUMENTS) as PresetName[];

const parsed = new Map<string, Policy>();

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESET_DOCUMENTS, name);
}

/** The preset as a parsed policy; throws for an unknown name. */
export function presetPolicy(name: string): Policy {
  if (!isPresetName(name)) {
    throw new Error(`unknown preset "${name}" (known: ${PRESET_NAMES.join(", ")})`);
  }
  let policy = parsed.get(name);
  if (!policy) {
    policy = policySchema.parse(PRESET_DOCUMENTS[name]);
    parsed.set(name, policy);
  }
  return policy;
}
