import type { ItemGroup, Matcher } from "../policy/schema";
import type { OrderLine } from "../scenario";

/** On sale: a compare-at price above the price paid (CONTRACT rule 6); order discounts are not. */
export function isOnSale(line: OrderLine): boolean {
  if (line.compareAtUnitPrice === null) return false;
  return Number(line.compareAtUnitPrice) > Number(line.unitPrice);
}

const lowerSet = (values: string[] | undefined) => (values ? new Set(values.map((v) => v.trim().toLowerCase())) : undefined);

function metafieldIs(value: unknown, is: "present" | "true" | "false"): boolean {
  if (is === "present") return value !== null && value !== undefined && value !== "" && value !== 0 && value !== false;
  const truthy = value === true || value === "true" || value === 1 || value === "1";
  return is === "true" ? truthy : !truthy;
}

const anyIn = (wanted: Set<string>, values: string[]) => values.some((v) => wanted.has(v.trim().toLowerCase()));

/**
 * A matcher turned into one predicate, its value lists lower-cased into sets once: a policy's
 * groups are matched against every line of every request, so the work is done per policy, not
 * per line.
 */
function compile(matcher: Matcher): (line: OrderLine) => boolean {
  const productTypes = lowerSet(matcher.productTypes);
  const tags = lowerSet(matcher.tags);
  const collections = lowerSet(matcher.collections);
  const properties = lowerSet(matcher.properties);
  const { metafields, onSale } = matcher;
  return (line) => {
    if (productTypes && !productTypes.has(line.productType.trim().toLowerCase())) return false;
    if (tags && !anyIn(tags, line.tags)) return false;
    if (collections && !anyIn(collections, line.collections)) return false;
    if (properties && !Object.entries(line.properties).some(([key, value]) => value.trim() !== "" && properties.has(key.trim().toLowerCase()))) {
      return false;
    }
    if (metafields && !metafields.every((m) => metafieldIs(line.metafields[m.key], m.is))) return false;
    if (onSale !== undefined && isOnSale(line) !== onSale) return false;
    return true;
  };
}

const compiled = new WeakMap<Matcher, (line: OrderLine) => boolean>();

export function matches(matcher: Matcher, line: OrderLine): boolean {
  let predicate = compiled.get(matcher);
  if (!predicate) {
    predicate = compile(matcher);
    compiled.set(matcher, predicate);
  }
  return predicate(line);
}

/** The ids of every group the line belongs to. */
export function groupsOf(groups: ItemGroup[], line: OrderLine): Set<string> {
  const ids = new Set<string>();
  for (const group of groups) if (matches(group.match, line)) ids.add(group.id);
  return ids;
}
