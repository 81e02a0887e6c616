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

/** A line's matchable facts, lower-cased once per line however many groups look at them. */
type LineFacts = {
  line: OrderLine;
  productType: string;
  tags: Set<string>;
  collections: Set<string>;
  properties: Set<string>;
};

function factsOf(line: OrderLine): LineFacts {
  const norm = (v: string) => v.trim().toLowerCase();
  const properties = new Set<string>();
  for (const key in line.properties) if (line.properties[key].trim() !== "") properties.add(norm(key));
  return {
    line,
    productType: norm(line.productType),
    tags: new Set(line.tags.map(norm)),
    collections: new Set(line.collections.map(norm)),
    properties,
  };
}

const overlaps = (wanted: Set<string>, present: Set<string>) => {
  for (const value of wanted) if (present.has(value)) return true;
  return false;
};

/**
 * A matcher turned into one predicate, its value lists lower-cased into sets once: a policy's
 * groups are matched against every line of every request, so the work is done per policy, not
 * per line.
 */
function compile(matcher: Matcher): (facts: LineFacts) => boolean {
  const productTypes = lowerSet(matcher.productTypes);
  const tags = lowerSet(matcher.tags);
  const collections = lowerSet(matcher.collections);
  const properties = lowerSet(matcher.properties);
  const { metafields, onSale } = matcher;
  return (facts) => {
    if (productTypes && !productTypes.has(facts.productType)) return false;
    if (tags && !overlaps(tags, facts.tags)) return false;
    if (collections && !overlaps(collections, facts.collections)) return false;
    if (properties && !overlaps(properties, facts.properties)) return false;
    if (metafields && !metafields.every((m) => metafieldIs(facts.line.metafields[m.key], m.is))) return false;
    if (onSale !== undefined && isOnSale(facts.line) !== onSale) return false;
    return true;
  };
}

const compiled = new WeakMap<Matcher, (facts: LineFacts) => boolean>();

function predicateFor(matcher: Matcher) {
  let predicate = compiled.get(matcher);
  if (!predicate) {
    predicate = compile(matcher);
    compiled.set(matcher, predicate);
  }
  return predicate;
}

/** The ids of every group the line belongs to. */
export function groupsOf(groups: ItemGroup[], line: OrderLine): Set<string> {
  const facts = factsOf(line);
  const ids = new Set<string>();
  for (const group of groups) if (predicateFor(group.match)(facts)) ids.add(group.id);
  return ids;
}
