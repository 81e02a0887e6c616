type Option = { name: string; value: string };
/** A variant as the gateway maps it (`options`) or as Shopify names them (`selectedOptions`). */
export type VariantWords = { title?: string | null; options?: readonly Option[] | null; selectedOptions?: readonly Option[] | null };

const DEFAULT_TITLE = "Default Title";

/**
 * A piece as the shop and the shopper name it: the product with its variant ("Crystal Eternity
 * Band, size J"), or the product alone when it has a single, untitled variant ("Default Title").
 */
export function itemWithVariant(productTitle: string, variant: VariantWords | null | undefined): string {
  const options = (variant?.options ?? variant?.selectedOptions ?? []).filter((o) => o.value && o.value !== DEFAULT_TITLE);
  const words = options.length ? options.map((o) => `${o.name.toLowerCase()} ${o.value}`) : variant?.title && variant.title !== DEFAULT_TITLE ? [variant.title] : [];
  return words.length ? `${productTitle}, ${words.join(", ")}` : productTitle;
}
