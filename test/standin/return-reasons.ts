/**
 * Shopify's library of return reasons (`ReturnReasonDefinition`, Admin API 2025-10+), the same for
 * every shop. `ReturnReason` (the enum) is deprecated in favour of these; a return line made with
 * a definition still reports the nearest legacy value in `returnReason`. Handles are the stable
 * identifiers Shopify documents ("arrived-late", "comfort", "too-tight", "color-too-bright",
 * "quality" in the schema's own description; the rest as integrations use them); ids are the
 * stand-in's own.
 */
export type ReturnReasonDefinitionRec = { __typename: "ReturnReasonDefinition"; id: string; handle: string; name: string; deleted: boolean; legacy: string };

const LIBRARY: [handle: string, name: string, legacy: string][] = [
  ["damaged-or-defective", "Damaged or defective", "DEFECTIVE"],
  ["changed-my-mind", "Changed my mind", "UNWANTED"],
  ["received-the-wrong-item", "Received the wrong item", "WRONG_ITEM"],
  ["item-not-as-described", "Item not as described", "NOT_AS_DESCRIBED"],
  ["too-short", "Too short", "SIZE_TOO_SMALL"],
  ["too-long", "Too long", "SIZE_TOO_LARGE"],
  ["too-tight", "Too tight", "SIZE_TOO_SMALL"],
  ["comfort", "Comfort", "OTHER"],
  ["color", "Color", "COLOR"],
  ["color-too-bright", "Color too bright", "COLOR"],
  ["quality", "Quality", "DEFECTIVE"],
  ["arrived-late", "Arrived late", "OTHER"],
  ["flex", "Flex", "OTHER"],
  ["unknown", "Unknown", "UNKNOWN"],
  ["other-reason", "Other", "OTHER"],
];

export const RETURN_REASON_DEFINITIONS: readonly ReturnReasonDefinitionRec[] = LIBRARY.map(([handle, name, legacy], i) => ({
  __typename: "ReturnReasonDefinition",
  id: `gid://shopify/ReturnReasonDefinition/${1001 + i}`,
  handle,
  name,
  deleted: false,
  legacy,
}));

export function returnReasonDefinition(id: string | null | undefined): ReturnReasonDefinitionRec | undefined {
  return id ? RETURN_REASON_DEFINITIONS.find((d) => d.id === id) : undefined;
}

/** `Query.returnReasonDefinitions(handles:, ids:)`: the library, filtered (the executor pages it). */
export function returnReasonDefinitions(args: { handles?: string[] | null; ids?: string[] | null }): ReturnReasonDefinitionRec[] {
  return RETURN_REASON_DEFINITIONS.filter((d) => (!args.handles || args.handles.includes(d.handle)) && (!args.ids || args.ids.includes(d.id)));
}
