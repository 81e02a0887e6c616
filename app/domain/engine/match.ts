import type { ItemGroup, Matcher } from "../policy/schema";
import type { OrderLine } from "../scenario";

/** On sale: a compare-at price above the price paid (CONTRACT rule 6); order discounts are not. */
export function isOnSale(line: OrderLine): boolean {
  if (line.compareAtUnitPrice === null) return false;
  return Number(line.compareAtUnitPrice) > Number(line.unitPrice);
}

const lower = (values: string[]) => values.map((v) => v.trim().toLowerCase());

function metafieldIs(value: unknown, is: "present" | "true" | "false"): boolean {
  if (is === "present") return value !== null && value !== undefined && value !== "" && value !== 0 && value !== false;
  const truthy = value === true || value === "true" || value === 1 || value === "1";
  return is === "true" ? truthy : !truthy;
}

export function matches(matcher: Matcher, line: OrderLine): boolean {
  if (matcher.productTypes && !lower(matcher.productTypes).includes(line.productType.trim().toLowerCase())) return false;
  if (matcher.tags) {
    const tags = new Set(lower(line.tags));
    if (!lower(matcher.tags).some((tag) => tags.has(tag))) return false;
  }
  if (matcher.collections) {
    const collections = new Set(lower(line.collections));
    if (!lower(matcher.collections).some((c) => collections.has(c))) return false;
  }
  if (matcher.properties) {
    const present = new Set(
      Object.entries(line.properties)
        .filter(([, value]) => value.trim() !== "")
        .map(([key]) => key.trim().toLowerCase()),
    );
    if (!lower(matcher.properties).some((p) => present.has(p))) return false;
  }
  if (matcher.metafields && !matcher.metafields.every((m) => metafieldIs(line.metafields[m.key], m.is))) return false;
  if (matcher.onSale !== undefined && isOnSale(line) !== matcher.onSale) return false;
  return true;
}

/** The ids of every group the line belongs to. */
export function groupsOf(groups: ItemGroup[], line: OrderLine): Set<string> {
  return new Set(groups.filter((group) => matches(group.match, line)).map((group) => group.id));
}
