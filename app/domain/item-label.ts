/**
 * A piece as the shop and the shopper name it: the product with its variant ("Crystal Eternity
 * Band, size J"), or the product alone when it has a single, untitled variant ("Default Title").
 */
export type VariantWords = { title?: string | null; options?: readonly { name: string; value: string }[] | null };

const DEFAULT_TITLE = "Default Title";

export function itemWithVariant(productTitle: string, variant: VariantWords | null | undefined): string {
  const options = (variant?.options ?? []).filter((o) => o.value && o.value !== DEFAULT_TITLE);
  const words = options.length ? options.map((o) => `${o.name.toLowerCase()} ${o.value}`) : variant?.title && variant.title !== DEFAULT_TITLE ? [variant.title] : [];
  return words.length ? `${productTitle}, ${words.join(", ")}` : productTitle;
}

/**
 * The variant a shopper chose in exchange, in those words, from what a request line keeps: the
 * bought product's title and the stored choice. Requests stored before the choice carried its
 * product ("J" alone, for another size of the same piece) read with the product put in front.
 */
export function exchangeWords(productTitle: string, stored: string | null): string | null {
  if (!stored) return null;
  if (stored.startsWith(productTitle) || /, | — /.test(stored)) return stored;
  return `${productTitle}, ${stored}`;
}
