import { assertNoUserErrors, send, type Admin } from "./client.server";
import { RETURN_REF, RETURN_USER_ERRORS } from "./fragments";
import { fetchReturn, type ReturnRef, type ReturnState } from "./returns.server";

/**
 * Lines taken off a Shopify return (`removeFromReturn`, issue 26): the exchange items of a request
 * that is settled another way, so the return carries only what is really happening and Shopify
 * can close it once the returned items are processed.
 */
export const REMOVE_EXCHANGE_LINES = `#graphql
  mutation RemoveExchangeLines($returnId: ID!, $exchangeLineItems: [ExchangeLineItemRemoveFromReturnInput!]) {
    removeFromReturn(returnId: $returnId, exchangeLineItems: $exchangeLineItems) {
      return { ...ReturnRef }
      userErrors { ...ReturnUserErrors }
    }
  }
  ${RETURN_REF}
  ${RETURN_USER_ERRORS}
` as const;

export type ExchangeRemoval = { exchangeLineItemId: string; quantity: number; variantTitle: string | null };

/** The exchange items still waiting on a return (not handed over by processing): what settling it another way removes. */
export function exchangeItemsLeft(state: Pick<ReturnState, "exchangeLines">): ExchangeRemoval[] {
  return state.exchangeLines.filter((x) => x.quantity > x.processedQuantity).map((x) => ({ exchangeLineItemId: x.id, quantity: x.quantity - x.processedQuantity, variantTitle: x.variantTitle }));
}

/**
 * Takes these exchange items off the return. Its `verify` reads the return back: once none of
 * them is left waiting the removal happened, so a retry after a lost answer never removes twice
 * (and Shopify refuses removing more than is left, so a send after a look that saw nothing is safe).
 */
export async function removeExchangeLines(admin: Admin, returnId: string, items: ExchangeRemoval[]): Promise<ReturnRef> {
  const removed = async () => {
    const state = await fetchReturn(admin, returnId);
    const ids = new Set(exchangeItemsLeft(state).map((x) => x.exchangeLineItemId));
    return items.some((x) => ids.has(x.exchangeLineItemId)) ? null : { removeFromReturn: { return: { id: state.id, status: state.status }, userErrors: [] } };
  };
  const data = await send(admin, REMOVE_EXCHANGE_LINES, { returnId, exchangeLineItems: items.map((x) => ({ exchangeLineItemId: x.exchangeLineItemId, quantity: x.quantity })) }, { verify: removed, repeatable: true });
  assertNoUserErrors("removeFromReturn", data.removeFromReturn);
  return data.removeFromReturn!.return!;
}
