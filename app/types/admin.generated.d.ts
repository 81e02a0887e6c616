/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type RepairDraftByTagQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type RepairDraftByTagQuery = { draftOrders: { nodes: Array<(
      Pick<AdminTypes.DraftOrder, 'id' | 'name' | 'status' | 'invoiceUrl' | 'invoiceSentAt' | 'tags'>
      & { totalPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'name' | 'displayFinancialStatus'>> }
    )> } };

export type RepairDraftCreateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.DraftOrderInput;
}>;


export type RepairDraftCreateMutation = { draftOrderCreate?: AdminTypes.Maybe<{ draftOrder?: AdminTypes.Maybe<(
      Pick<AdminTypes.DraftOrder, 'id' | 'name' | 'status' | 'invoiceUrl' | 'invoiceSentAt' | 'tags'>
      & { totalPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'name' | 'displayFinancialStatus'>> }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type RepairDraftInvoiceSendMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type RepairDraftInvoiceSendMutation = { draftOrderInvoiceSend?: AdminTypes.Maybe<{ draftOrder?: AdminTypes.Maybe<(
      Pick<AdminTypes.DraftOrder, 'id' | 'name' | 'status' | 'invoiceUrl' | 'invoiceSentAt' | 'tags'>
      & { totalPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'name' | 'displayFinancialStatus'>> }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type RepairDraftDeleteMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.DraftOrderDeleteInput;
}>;


export type RepairDraftDeleteMutation = { draftOrderDelete?: AdminTypes.Maybe<(
    Pick<AdminTypes.DraftOrderDeletePayload, 'deletedId'>
    & { userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }
  )> };

export type FlowTriggerReceiveMutationVariables = AdminTypes.Exact<{
  handle: AdminTypes.Scalars['String']['input'];
  payload: AdminTypes.Scalars['JSON']['input'];
}>;


export type FlowTriggerReceiveMutation = { flowTriggerReceive?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type ProductForPolicyFragment = (
  Pick<AdminTypes.Product, 'productType' | 'tags'>
  & { crystalCount?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>>, adjustable?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>> }
);

export type OrderLineForDecisionFragment = (
  Pick<AdminTypes.LineItem, 'id' | 'title' | 'quantity' | 'refundableQuantity'>
  & { customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, originalUnitPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, discountAllocations: Array<{ allocatedAmountSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, discountApplication: Pick<AdminTypes.AutomaticDiscountApplication, 'index'> | Pick<AdminTypes.DiscountCodeApplication, 'index'> | Pick<AdminTypes.ManualDiscountApplication, 'index'> | Pick<AdminTypes.ScriptDiscountApplication, 'index'> }>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'compareAtPrice'>>, product?: AdminTypes.Maybe<(
    Pick<AdminTypes.Product, 'productType' | 'tags'>
    & { crystalCount?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>>, adjustable?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>> }
  )> }
);

export type ReturnRefFragment = Pick<AdminTypes.Return, 'id' | 'status'>;

export type ReturnUserErrorsFragment = Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>;

export type OrderBalanceQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderBalanceQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'email' | 'presentmentCurrencyCode'>
    & { totalOutstandingSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
  )> };

export type OrderInvoiceSendMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  email?: AdminTypes.InputMaybe<AdminTypes.EmailInput>;
}>;


export type OrderInvoiceSendMutation = { orderInvoiceSend?: AdminTypes.Maybe<{ order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id'>>, userErrors: Array<Pick<AdminTypes.OrderInvoiceSendUserError, 'field' | 'message' | 'code'>> }> };

export type ExchangeFiguresQueryVariables = AdminTypes.Exact<{
  orderId: AdminTypes.Scalars['ID']['input'];
  lines: Array<AdminTypes.RefundLineItemInput> | AdminTypes.RefundLineItemInput;
}>;


export type ExchangeFiguresQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'email' | 'presentmentCurrencyCode'>
    & { shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2'>>, billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2'>>, suggestedRefund?: AdminTypes.Maybe<{ subtotalSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }> }
  )> };

export type RefundCreateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.RefundInput;
  idempotencyKey: AdminTypes.Scalars['String']['input'];
}>;


export type RefundCreateMutation = { refundCreate?: AdminTypes.Maybe<{ refund?: AdminTypes.Maybe<(
      Pick<AdminTypes.Refund, 'id'>
      & { totalRefundedSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type OrderRefundsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderRefundsQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'presentmentCurrencyCode'>
    & { transactions: Array<Pick<AdminTypes.OrderTransaction, 'id' | 'kind' | 'status' | 'gateway'>>, refunds: Array<(
      Pick<AdminTypes.Refund, 'id' | 'note' | 'createdAt'>
      & { return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id'>>, totalRefundedSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
    )> }
  )> };

export type SuggestedRefundQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  lines: Array<AdminTypes.RefundLineItemInput> | AdminTypes.RefundLineItemInput;
}>;


export type SuggestedRefundQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'presentmentCurrencyCode'>
    & { suggestedRefund?: AdminTypes.Maybe<{ refundLineItems: Array<(
        Pick<AdminTypes.RefundLineItem, 'quantity'>
        & { lineItem: Pick<AdminTypes.LineItem, 'id'>, subtotalSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
      )> }> }
  )> };

export type ReturnProcessMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.ReturnProcessInput;
}>;


export type ReturnProcessMutation = { returnProcess?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<(
      Pick<AdminTypes.Return, 'id' | 'status'>
      & { refunds: { nodes: Array<Pick<AdminTypes.Refund, 'id'>> } }
    )>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type ReturnRestockLinesQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReturnRestockLinesQuery = { return?: AdminTypes.Maybe<(
    Pick<AdminTypes.Return, 'id'>
    & { returnLineItems: { nodes: Array<(
        Pick<AdminTypes.ReturnLineItem, 'id'>
        & { fulfillmentLineItem: Pick<AdminTypes.FulfillmentLineItem, 'id'> }
      ) | Pick<AdminTypes.UnverifiedReturnLineItem, 'id'>> }, reverseFulfillmentOrders: { nodes: Array<{ lineItems: { nodes: Array<(
            Pick<AdminTypes.ReverseFulfillmentOrderLineItem, 'id' | 'totalQuantity'>
            & { fulfillmentLineItem?: AdminTypes.Maybe<Pick<AdminTypes.FulfillmentLineItem, 'id'>>, dispositions: Array<Pick<AdminTypes.ReverseFulfillmentOrderDisposition, 'quantity'>> }
          )> } }> }, order: { fulfillments: Array<{ location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>>, fulfillmentLineItems: { nodes: Array<Pick<AdminTypes.FulfillmentLineItem, 'id'>> } }> } }
  )> };

export type ReturnFinancialOutcomeQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  returnLines: Array<AdminTypes.SuggestedOutcomeReturnLineItemInput> | AdminTypes.SuggestedOutcomeReturnLineItemInput;
  exchangeLines: Array<AdminTypes.SuggestedOutcomeExchangeLineItemInput> | AdminTypes.SuggestedOutcomeExchangeLineItemInput;
}>;


export type ReturnFinancialOutcomeQuery = { return?: AdminTypes.Maybe<(
    Pick<AdminTypes.Return, 'id'>
    & { order: Pick<AdminTypes.Order, 'id' | 'presentmentCurrencyCode'>, suggestedFinancialOutcome?: AdminTypes.Maybe<{ financialTransfer?: AdminTypes.Maybe<(
        { __typename: 'InvoiceReturnOutcome' | 'RefundReturnOutcome' }
        & { amount: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
      )> }> }
  )> };

export type StoreCreditTransactionsQueryVariables = AdminTypes.Exact<{
  customerId: AdminTypes.Scalars['ID']['input'];
  first: AdminTypes.Scalars['Int']['input'];
}>;


export type StoreCreditTransactionsQuery = { customer?: AdminTypes.Maybe<(
    Pick<AdminTypes.Customer, 'id'>
    & { storeCreditAccounts: { nodes: Array<(
        Pick<AdminTypes.StoreCreditAccount, 'id'>
        & { balance: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, transactions: { nodes: Array<(
            Pick<AdminTypes.StoreCreditAccountCreditTransaction, 'id' | 'createdAt' | 'event'>
            & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
          ) | (
            Pick<AdminTypes.StoreCreditAccountDebitRevertTransaction, 'createdAt' | 'event'>
            & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
          ) | (
            Pick<AdminTypes.StoreCreditAccountDebitTransaction, 'createdAt' | 'event'>
            & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
          ) | (
            Pick<AdminTypes.StoreCreditAccountExpirationTransaction, 'createdAt' | 'event'>
            & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
          )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }
      )> } }
  )> };

export type StoreCreditAccountTransactionsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type StoreCreditAccountTransactionsQuery = { storeCreditAccount?: AdminTypes.Maybe<(
    Pick<AdminTypes.StoreCreditAccount, 'id'>
    & { transactions: { nodes: Array<(
        Pick<AdminTypes.StoreCreditAccountCreditTransaction, 'id' | 'createdAt' | 'event'>
        & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
      ) | (
        Pick<AdminTypes.StoreCreditAccountDebitRevertTransaction, 'createdAt' | 'event'>
        & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
      ) | (
        Pick<AdminTypes.StoreCreditAccountDebitTransaction, 'createdAt' | 'event'>
        & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
      ) | (
        Pick<AdminTypes.StoreCreditAccountExpirationTransaction, 'createdAt' | 'event'>
        & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }
  )> };

export type StoreCreditAccountCreditMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  creditInput: AdminTypes.StoreCreditAccountCreditInput;
}>;


export type StoreCreditAccountCreditMutation = { storeCreditAccountCredit?: AdminTypes.Maybe<{ storeCreditAccountTransaction?: AdminTypes.Maybe<(
      Pick<AdminTypes.StoreCreditAccountCreditTransaction, 'id'>
      & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, account: Pick<AdminTypes.StoreCreditAccount, 'id'> }
    )>, userErrors: Array<Pick<AdminTypes.StoreCreditAccountCreditUserError, 'field' | 'message' | 'code'>> }> };

export type OrderForDecisionQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  lines: AdminTypes.Scalars['Int']['input'];
}>;


export type OrderForDecisionQuery = { shop: (
    Pick<AdminTypes.Shop, 'ianaTimezone' | 'currencyCode'>
    & { shopAddress: Pick<AdminTypes.ShopAddress, 'countryCodeV2'> }
  ), order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'processedAt' | 'currencyCode' | 'presentmentCurrencyCode' | 'cancelledAt'>
    & { customer?: AdminTypes.Maybe<(
      Pick<AdminTypes.Customer, 'id' | 'displayName'>
      & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress'>> }
    )>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2'>>, totalShippingPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, fulfillments: Array<Pick<AdminTypes.Fulfillment, 'status' | 'createdAt' | 'deliveredAt'>>, refunds: Array<{ refundShippingLines: { nodes: Array<{ subtotalAmountSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }> } }>, discountApplications: { nodes: Array<(
        Pick<AdminTypes.AutomaticDiscountApplication, 'title' | 'index'>
        & { value: (
          { __typename: 'MoneyV2' }
          & Pick<AdminTypes.MoneyV2, 'amount'>
        ) | (
          { __typename: 'PricingPercentageValue' }
          & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
        ) }
      ) | (
        Pick<AdminTypes.DiscountCodeApplication, 'code' | 'index'>
        & { value: (
          { __typename: 'MoneyV2' }
          & Pick<AdminTypes.MoneyV2, 'amount'>
        ) | (
          { __typename: 'PricingPercentageValue' }
          & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
        ) }
      ) | (
        Pick<AdminTypes.ManualDiscountApplication, 'title' | 'index'>
        & { value: (
          { __typename: 'MoneyV2' }
          & Pick<AdminTypes.MoneyV2, 'amount'>
        ) | (
          { __typename: 'PricingPercentageValue' }
          & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
        ) }
      ) | (
        Pick<AdminTypes.ScriptDiscountApplication, 'title' | 'index'>
        & { value: (
          { __typename: 'MoneyV2' }
          & Pick<AdminTypes.MoneyV2, 'amount'>
        ) | (
          { __typename: 'PricingPercentageValue' }
          & Pick<AdminTypes.PricingPercentageValue, 'percentage'>
        ) }
      )> }, lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'title' | 'quantity' | 'refundableQuantity'>
        & { customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, originalUnitPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, discountAllocations: Array<{ allocatedAmountSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, discountApplication: Pick<AdminTypes.AutomaticDiscountApplication, 'index'> | Pick<AdminTypes.DiscountCodeApplication, 'index'> | Pick<AdminTypes.ManualDiscountApplication, 'index'> | Pick<AdminTypes.ScriptDiscountApplication, 'index'> }>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'compareAtPrice'>>, product?: AdminTypes.Maybe<(
          Pick<AdminTypes.Product, 'productType' | 'tags'>
          & { crystalCount?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>>, adjustable?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>> }
        )> }
      )> } }
  )> };

export type OrderLinesPageQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  lines: AdminTypes.Scalars['Int']['input'];
  after: AdminTypes.Scalars['String']['input'];
}>;


export type OrderLinesPageQuery = { order?: AdminTypes.Maybe<{ lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'title' | 'quantity' | 'refundableQuantity'>
        & { customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, originalUnitPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, discountAllocations: Array<{ allocatedAmountSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, discountApplication: Pick<AdminTypes.AutomaticDiscountApplication, 'index'> | Pick<AdminTypes.DiscountCodeApplication, 'index'> | Pick<AdminTypes.ManualDiscountApplication, 'index'> | Pick<AdminTypes.ScriptDiscountApplication, 'index'> }>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'compareAtPrice'>>, product?: AdminTypes.Maybe<(
          Pick<AdminTypes.Product, 'productType' | 'tags'>
          & { crystalCount?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>>, adjustable?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>> }
        )> }
      )> } }> };

export type OrderOpenReturnsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrderOpenReturnsQuery = { order?: AdminTypes.Maybe<{ returns: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.Return, 'id' | 'status'>
        & { returnLineItems: { nodes: Array<(
            Pick<AdminTypes.ReturnLineItem, 'processedQuantity' | 'quantity'>
            & { fulfillmentLineItem: { lineItem: Pick<AdminTypes.LineItem, 'id'> } }
          ) | Pick<AdminTypes.UnverifiedReturnLineItem, 'quantity'>> } }
      )> } }> };

export type OrderLineCollectionsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  lines: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrderLineCollectionsQuery = { order?: AdminTypes.Maybe<{ lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.LineItem, 'id'>
        & { product?: AdminTypes.Maybe<{ collections: { nodes: Array<Pick<AdminTypes.Collection, 'handle' | 'title'>> } }> }
      )> } }> };

export type DiscountMinimumQueryVariables = AdminTypes.Exact<{
  code: AdminTypes.Scalars['String']['input'];
}>;


export type DiscountMinimumQuery = { codeDiscountNodeByCode?: AdminTypes.Maybe<{ codeDiscount: { minimumRequirement?: AdminTypes.Maybe<{ greaterThanOrEqualToSubtotal: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }> } }> };

export type PartsOrderSourceQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type PartsOrderSourceQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'email' | 'presentmentCurrencyCode'>
    & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, lineItems: { nodes: Array<(
        Pick<AdminTypes.LineItem, 'id'>
        & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>> }
      )> }, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'provinceCode' | 'countryCodeV2' | 'zip' | 'phone'>> }
  )> };

export type PartsDraftCompleteMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type PartsDraftCompleteMutation = { draftOrderComplete?: AdminTypes.Maybe<{ draftOrder?: AdminTypes.Maybe<(
      Pick<AdminTypes.DraftOrder, 'id' | 'status'>
      & { order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'name'>> }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type CatalogueForPolicyQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type CatalogueForPolicyQuery = { shop: Pick<AdminTypes.Shop, 'currencyCode'>, products: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.Product, 'id' | 'title' | 'productType' | 'tags'>
      & { collections: { nodes: Array<Pick<AdminTypes.Collection, 'title' | 'handle'>> }, variants: { nodes: Array<Pick<AdminTypes.ProductVariant, 'price' | 'compareAtPrice'>> }, crystalCount?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>>, adjustable?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>> }
    )> } };

export type RecentOrdersForSimulatorQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type RecentOrdersForSimulatorQuery = { orders: { nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'name' | 'processedAt' | 'displayFulfillmentStatus'>
      & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'displayName'>> }
    )> } };

export type ShopPolicyUpdateMutationVariables = AdminTypes.Exact<{
  shopPolicy: AdminTypes.ShopPolicyInput;
}>;


export type ShopPolicyUpdateMutation = { shopPolicyUpdate?: AdminTypes.Maybe<{ shopPolicy?: AdminTypes.Maybe<Pick<AdminTypes.ShopPolicy, 'id' | 'type' | 'body' | 'updatedAt'>>, userErrors: Array<Pick<AdminTypes.ShopPolicyUserError, 'field' | 'message' | 'code'>> }> };

export type QuoteDraftFindQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type QuoteDraftFindQuery = { draftOrders: { nodes: Array<(
      Pick<AdminTypes.DraftOrder, 'id' | 'name' | 'invoiceUrl' | 'status'>
      & { totalPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
    )> } };

export type QuoteDraftCreateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.DraftOrderInput;
}>;


export type QuoteDraftCreateMutation = { draftOrderCreate?: AdminTypes.Maybe<{ draftOrder?: AdminTypes.Maybe<(
      Pick<AdminTypes.DraftOrder, 'id' | 'name' | 'invoiceUrl' | 'status'>
      & { totalPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type RemoveExchangeLinesMutationVariables = AdminTypes.Exact<{
  returnId: AdminTypes.Scalars['ID']['input'];
  exchangeLineItems?: AdminTypes.InputMaybe<Array<AdminTypes.ExchangeLineItemRemoveFromReturnInput> | AdminTypes.ExchangeLineItemRemoveFromReturnInput>;
}>;


export type RemoveExchangeLinesMutation = { removeFromReturn?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type ReturnableLinesQueryVariables = AdminTypes.Exact<{
  orderId: AdminTypes.Scalars['ID']['input'];
}>;


export type ReturnableLinesQuery = { returnableFulfillments: { nodes: Array<{ returnableFulfillmentLineItems: { nodes: Array<(
          Pick<AdminTypes.ReturnableFulfillmentLineItem, 'quantity'>
          & { fulfillmentLineItem: (
            Pick<AdminTypes.FulfillmentLineItem, 'id'>
            & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
          ) }
        )> } }> } };

export type ReturnStateQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReturnStateQuery = { return?: AdminTypes.Maybe<(
    Pick<AdminTypes.Return, 'id' | 'name' | 'status'>
    & { order: Pick<AdminTypes.Order, 'id'>, returnLineItems: { nodes: Array<(
        Pick<AdminTypes.ReturnLineItem, 'processedQuantity' | 'id' | 'quantity'>
        & { fulfillmentLineItem: (
          Pick<AdminTypes.FulfillmentLineItem, 'id'>
          & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
        ), restockingFee?: AdminTypes.Maybe<(
          Pick<AdminTypes.RestockingFee, 'percentage'>
          & { amountSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
        )> }
      ) | Pick<AdminTypes.UnverifiedReturnLineItem, 'id' | 'quantity'>> }, returnShippingFees: Array<{ amountSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }>, refunds: { nodes: Array<(
        Pick<AdminTypes.Refund, 'id'>
        & { totalRefundedSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
      )> }, exchangeLineItems: { nodes: Array<Pick<AdminTypes.ExchangeLineItem, 'id' | 'quantity' | 'processedQuantity' | 'variantId' | 'variantTitle'>> } }
  )> };

export type OrderReturnsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderReturnsQuery = { order?: AdminTypes.Maybe<{ returns: { nodes: Array<(
        Pick<AdminTypes.Return, 'id' | 'status'>
        & { returnLineItems: { nodes: Array<(
            Pick<AdminTypes.ReturnLineItem, 'quantity'>
            & { fulfillmentLineItem: Pick<AdminTypes.FulfillmentLineItem, 'id'> }
          ) | Pick<AdminTypes.UnverifiedReturnLineItem, 'quantity'>> } }
      )> } }> };

export type ReturnReasonDefinitionsQueryVariables = AdminTypes.Exact<{
  handles: Array<AdminTypes.Scalars['String']['input']> | AdminTypes.Scalars['String']['input'];
}>;


export type ReturnReasonDefinitionsQuery = { returnReasonDefinitions: { nodes: Array<Pick<AdminTypes.ReturnReasonDefinition, 'id' | 'handle' | 'deleted'>> } };

export type ReturnRequestMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.ReturnRequestInput;
}>;


export type ReturnRequestMutation = { returnRequest?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type ReturnCreateMutationVariables = AdminTypes.Exact<{
  returnInput: AdminTypes.ReturnInput;
}>;


export type ReturnCreateMutation = { returnCreate?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type ReturnApproveRequestMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.ReturnApproveRequestInput;
}>;


export type ReturnApproveRequestMutation = { returnApproveRequest?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type ReturnDeclineRequestMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.ReturnDeclineRequestInput;
}>;


export type ReturnDeclineRequestMutation = { returnDeclineRequest?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type ReturnCloseMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReturnCloseMutation = { returnClose?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type ReturnCancelMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReturnCancelMutation = { returnCancel?: AdminTypes.Maybe<{ return?: AdminTypes.Maybe<Pick<AdminTypes.Return, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type ReverseDeliveryTrackingFragment = (
  Pick<AdminTypes.ReverseDelivery, 'id'>
  & { deliverable?: AdminTypes.Maybe<{ tracking?: AdminTypes.Maybe<Pick<AdminTypes.ReverseDeliveryTrackingV2, 'number' | 'url' | 'carrierName'>> }> }
);

export type ReturnReverseDeliveriesQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ReturnReverseDeliveriesQuery = { return?: AdminTypes.Maybe<(
    Pick<AdminTypes.Return, 'id' | 'status'>
    & { reverseFulfillmentOrders: { nodes: Array<(
        Pick<AdminTypes.ReverseFulfillmentOrder, 'id' | 'status'>
        & { lineItems: { nodes: Array<Pick<AdminTypes.ReverseFulfillmentOrderLineItem, 'id' | 'totalQuantity'>> }, reverseDeliveries: { nodes: Array<(
            Pick<AdminTypes.ReverseDelivery, 'id'>
            & { deliverable?: AdminTypes.Maybe<{ tracking?: AdminTypes.Maybe<Pick<AdminTypes.ReverseDeliveryTrackingV2, 'number' | 'url' | 'carrierName'>> }> }
          )> } }
      )> } }
  )> };

export type ReverseDeliveryCreateWithShippingMutationVariables = AdminTypes.Exact<{
  reverseFulfillmentOrderId: AdminTypes.Scalars['ID']['input'];
  lines: Array<AdminTypes.ReverseDeliveryLineItemInput> | AdminTypes.ReverseDeliveryLineItemInput;
  tracking?: AdminTypes.InputMaybe<AdminTypes.ReverseDeliveryTrackingInput>;
  notifyCustomer?: AdminTypes.InputMaybe<AdminTypes.Scalars['Boolean']['input']>;
}>;


export type ReverseDeliveryCreateWithShippingMutation = { reverseDeliveryCreateWithShipping?: AdminTypes.Maybe<{ reverseDelivery?: AdminTypes.Maybe<(
      Pick<AdminTypes.ReverseDelivery, 'id'>
      & { deliverable?: AdminTypes.Maybe<{ tracking?: AdminTypes.Maybe<Pick<AdminTypes.ReverseDeliveryTrackingV2, 'number' | 'url' | 'carrierName'>> }> }
    )>, userErrors: Array<Pick<AdminTypes.ReturnUserError, 'field' | 'message' | 'code'>> }> };

export type RepairShipmentOrderQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type RepairShipmentOrderQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'displayFulfillmentStatus'>
    & { lineItems: { nodes: Array<Pick<AdminTypes.LineItem, 'title' | 'quantity'>> }, fulfillments: Array<(
      Pick<AdminTypes.Fulfillment, 'status' | 'displayStatus' | 'deliveredAt'>
      & { trackingInfo: Array<Pick<AdminTypes.FulfillmentTrackingInfo, 'company' | 'number' | 'url'>> }
    )> }
  )> };

export type ShopForEmailQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopForEmailQuery = { shop: (
    Pick<AdminTypes.Shop, 'name' | 'contactEmail' | 'ianaTimezone' | 'currencyCode'>
    & { shopAddress: Pick<AdminTypes.ShopAddress, 'countryCodeV2'> }
  ) };

export type ShopCustomerAccountsQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopCustomerAccountsQuery = { shop: { customerAccountsV2: Pick<AdminTypes.CustomerAccountsV2, 'customerAccountsVersion' | 'url'> } };

export type FindOrderByNameQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type FindOrderByNameQuery = { orders: { nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'name' | 'email' | 'phone'>
      & { customer?: AdminTypes.Maybe<(
        Pick<AdminTypes.Customer, 'id'>
        & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress'>>, defaultPhoneNumber?: AdminTypes.Maybe<Pick<AdminTypes.CustomerPhoneNumber, 'phoneNumber'>> }
      )>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'phone'>>, billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'phone'>> }
    )> } };

export type CustomerOrdersQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type CustomerOrdersQuery = { customer?: AdminTypes.Maybe<(
    Pick<AdminTypes.Customer, 'id'>
    & { orders: { nodes: Array<(
        Pick<AdminTypes.Order, 'id' | 'name' | 'processedAt' | 'presentmentCurrencyCode'>
        & { totalPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, lineItems: { nodes: Array<Pick<AdminTypes.LineItem, 'title'>> } }
      )> } }
  )> };

export type OrderForShopperQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderForShopperQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'processedAt' | 'presentmentCurrencyCode'>
    & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2'>>, billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2'>>, netPaymentSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, lineItems: { nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'title' | 'variantTitle' | 'quantity'>
        & { image?: AdminTypes.Maybe<Pick<AdminTypes.Image, 'url' | 'altText' | 'width' | 'height'>>, originalUnitPriceSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, variant?: AdminTypes.Maybe<(
          Pick<AdminTypes.ProductVariant, 'id' | 'title'>
          & { selectedOptions: Array<Pick<AdminTypes.SelectedOption, 'name' | 'value'>>, product: (
            Pick<AdminTypes.Product, 'id' | 'title'>
            & { variants: { nodes: Array<(
                Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'availableForSale' | 'inventoryQuantity'>
                & { selectedOptions: Array<Pick<AdminTypes.SelectedOption, 'name' | 'value'>> }
              )> } }
          ) }
        )> }
      )> } }
  )> };

export type VariantPricesQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
  country?: AdminTypes.InputMaybe<AdminTypes.CountryCode>;
}>;


export type VariantPricesQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.ProductVariant, 'id'>
    & { contextualPricing: { price: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
  )>> };

export type ExchangeItemsQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  country?: AdminTypes.InputMaybe<AdminTypes.CountryCode>;
}>;


export type ExchangeItemsQuery = { products: { nodes: Array<(
      Pick<AdminTypes.Product, 'id' | 'title'>
      & { variants: { nodes: Array<(
          Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'availableForSale' | 'inventoryQuantity'>
          & { selectedOptions: Array<Pick<AdminTypes.SelectedOption, 'name' | 'value'>>, contextualPricing: { price: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
        )> } }
    )> } };

interface GeneratedQueryTypes {
  "#graphql\n  query RepairDraftByTag($query: String!) {\n    draftOrders(first: 1, query: $query) {\n      nodes { id name status invoiceUrl invoiceSentAt tags totalPriceSet { presentmentMoney { amount currencyCode } } order { id name displayFinancialStatus } }\n    }\n  }\n": {return: RepairDraftByTagQuery, variables: RepairDraftByTagQueryVariables},
  "#graphql\n  query OrderBalance($id: ID!) {\n    order(id: $id) {\n      id email presentmentCurrencyCode\n      totalOutstandingSet { presentmentMoney { amount currencyCode } }\n    }\n  }\n": {return: OrderBalanceQuery, variables: OrderBalanceQueryVariables},
  "#graphql\n  query ExchangeFigures($orderId: ID!, $lines: [RefundLineItemInput!]!) {\n    order(id: $orderId) {\n      id email presentmentCurrencyCode\n      shippingAddress { countryCodeV2 }\n      billingAddress { countryCodeV2 }\n      suggestedRefund(refundLineItems: $lines, refundShipping: false) { subtotalSet { presentmentMoney { amount currencyCode } } }\n    }\n  }\n": {return: ExchangeFiguresQuery, variables: ExchangeFiguresQueryVariables},
  "#graphql\n  query OrderRefunds($id: ID!) {\n    order(id: $id) {\n      id presentmentCurrencyCode\n      transactions(first: 5) { id kind status gateway }\n      refunds(first: 50) { id note createdAt return { id } totalRefundedSet { presentmentMoney { amount } } }\n    }\n  }\n": {return: OrderRefundsQuery, variables: OrderRefundsQueryVariables},
  "#graphql\n  query SuggestedRefund($id: ID!, $lines: [RefundLineItemInput!]!) {\n    order(id: $id) {\n      id presentmentCurrencyCode\n      suggestedRefund(refundLineItems: $lines, refundShipping: false) {\n        refundLineItems { quantity lineItem { id } subtotalSet { presentmentMoney { amount currencyCode } } }\n      }\n    }\n  }\n": {return: SuggestedRefundQuery, variables: SuggestedRefundQueryVariables},
  "#graphql\n  query ReturnRestockLines($id: ID!) {\n    return(id: $id) {\n      id\n      returnLineItems(first: 25) { nodes { id ... on ReturnLineItem { fulfillmentLineItem { id } } } }\n      reverseFulfillmentOrders(first: 5) {\n        nodes { lineItems(first: 25) { nodes { id totalQuantity fulfillmentLineItem { id } dispositions { quantity } } } }\n      }\n      order { fulfillments(first: 10) { location { id } fulfillmentLineItems(first: 25) { nodes { id } } } }\n    }\n  }\n": {return: ReturnRestockLinesQuery, variables: ReturnRestockLinesQueryVariables},
  "#graphql\n  query ReturnFinancialOutcome($id: ID!, $returnLines: [SuggestedOutcomeReturnLineItemInput!]!, $exchangeLines: [SuggestedOutcomeExchangeLineItemInput!]!) {\n    return(id: $id) {\n      id\n      order { id presentmentCurrencyCode }\n      suggestedFinancialOutcome(returnLineItems: $returnLines, exchangeLineItems: $exchangeLines) {\n        financialTransfer {\n          __typename\n          ... on RefundReturnOutcome { amount { presentmentMoney { amount currencyCode } } }\n          ... on InvoiceReturnOutcome { amount { presentmentMoney { amount currencyCode } } }\n        }\n      }\n    }\n  }\n": {return: ReturnFinancialOutcomeQuery, variables: ReturnFinancialOutcomeQueryVariables},
  "#graphql\n  query StoreCreditTransactions($customerId: ID!, $first: Int!) {\n    customer(id: $customerId) {\n      id\n      storeCreditAccounts(first: 5) {\n        nodes {\n          id\n          balance { amount currencyCode }\n          transactions(first: $first, reverse: true) {\n            nodes { createdAt event amount { amount currencyCode } ... on StoreCreditAccountCreditTransaction { id } }\n            pageInfo { hasNextPage endCursor }\n          }\n        }\n      }\n    }\n  }\n": {return: StoreCreditTransactionsQuery, variables: StoreCreditTransactionsQueryVariables},
  "#graphql\n  query StoreCreditAccountTransactions($id: ID!, $first: Int!, $after: String) {\n    storeCreditAccount(id: $id) {\n      id\n      transactions(first: $first, after: $after, reverse: true) {\n        nodes { createdAt event amount { amount currencyCode } ... on StoreCreditAccountCreditTransaction { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": {return: StoreCreditAccountTransactionsQuery, variables: StoreCreditAccountTransactionsQueryVariables},
  "#graphql\n  query OrderForDecision($id: ID!, $lines: Int!) {\n    shop { ianaTimezone currencyCode shopAddress { countryCodeV2 } }\n    order(id: $id) {\n      id name processedAt currencyCode presentmentCurrencyCode cancelledAt\n      customer { id displayName defaultEmailAddress { emailAddress } }\n      shippingAddress { countryCodeV2 }\n      totalShippingPriceSet { presentmentMoney { amount } }\n      fulfillments(first: 10) { status createdAt deliveredAt }\n      refunds(first: 20) { refundShippingLines(first: 2) { nodes { subtotalAmountSet { presentmentMoney { amount } } } } }\n      discountApplications(first: 5) {\n        nodes {\n          index\n          value { __typename ... on PricingPercentageValue { percentage } ... on MoneyV2 { amount } }\n          ... on DiscountCodeApplication { code }\n          ... on AutomaticDiscountApplication { title }\n          ... on ManualDiscountApplication { title }\n          ... on ScriptDiscountApplication { title }\n        }\n      }\n      lineItems(first: $lines) {\n        pageInfo { hasNextPage endCursor }\n        nodes { ...OrderLineForDecision }\n      }\n    }\n  }\n  #graphql\n  fragment OrderLineForDecision on LineItem {\n    id title quantity refundableQuantity\n    customAttributes { key value }\n    originalUnitPriceSet { presentmentMoney { amount } }\n    discountAllocations { allocatedAmountSet { presentmentMoney { amount } } discountApplication { index } }\n    variant { compareAtPrice }\n    product { ...ProductForPolicy }\n  }\n  #graphql\n  fragment ProductForPolicy on Product {\n    productType tags\n    crystalCount: metafield(namespace: \"custom\", key: \"crystal_count\") { value }\n    adjustable: metafield(namespace: \"custom\", key: \"adjustable\") { value }\n  }\n\n\n": {return: OrderForDecisionQuery, variables: OrderForDecisionQueryVariables},
  "#graphql\n  query OrderLinesPage($id: ID!, $lines: Int!, $after: String!) {\n    order(id: $id) {\n      lineItems(first: $lines, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        nodes { ...OrderLineForDecision }\n      }\n    }\n  }\n  #graphql\n  fragment OrderLineForDecision on LineItem {\n    id title quantity refundableQuantity\n    customAttributes { key value }\n    originalUnitPriceSet { presentmentMoney { amount } }\n    discountAllocations { allocatedAmountSet { presentmentMoney { amount } } discountApplication { index } }\n    variant { compareAtPrice }\n    product { ...ProductForPolicy }\n  }\n  #graphql\n  fragment ProductForPolicy on Product {\n    productType tags\n    crystalCount: metafield(namespace: \"custom\", key: \"crystal_count\") { value }\n    adjustable: metafield(namespace: \"custom\", key: \"adjustable\") { value }\n  }\n\n\n": {return: OrderLinesPageQuery, variables: OrderLinesPageQueryVariables},
  "#graphql\n  query OrderOpenReturns($id: ID!, $after: String) {\n    order(id: $id) {\n      returns(first: 5, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        nodes {\n          id status\n          returnLineItems(first: 50) {\n            nodes { quantity ... on ReturnLineItem { processedQuantity fulfillmentLineItem { lineItem { id } } } }\n          }\n        }\n      }\n    }\n  }\n": {return: OrderOpenReturnsQuery, variables: OrderOpenReturnsQueryVariables},
  "#graphql\n  query OrderLineCollections($id: ID!, $lines: Int!, $after: String) {\n    order(id: $id) {\n      lineItems(first: $lines, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        nodes { id product { collections(first: 5) { nodes { handle title } } } }\n      }\n    }\n  }\n": {return: OrderLineCollectionsQuery, variables: OrderLineCollectionsQueryVariables},
  "#graphql\n  query DiscountMinimum($code: String!) {\n    codeDiscountNodeByCode(code: $code) {\n      codeDiscount {\n        ... on DiscountCodeBasic { minimumRequirement { ... on DiscountMinimumSubtotal { greaterThanOrEqualToSubtotal { amount currencyCode } } } }\n        ... on DiscountCodeFreeShipping { minimumRequirement { ... on DiscountMinimumSubtotal { greaterThanOrEqualToSubtotal { amount currencyCode } } } }\n      }\n    }\n  }\n": {return: DiscountMinimumQuery, variables: DiscountMinimumQueryVariables},
  "#graphql\n  query PartsOrderSource($id: ID!) {\n    order(id: $id) {\n      id name email presentmentCurrencyCode\n      customer { id }\n      lineItems(first: 50) { nodes { id variant { id } } }\n      shippingAddress { firstName lastName company address1 address2 city provinceCode countryCodeV2 zip phone }\n    }\n  }\n": {return: PartsOrderSourceQuery, variables: PartsOrderSourceQueryVariables},
  "#graphql\n  query CatalogueForPolicy($first: Int!, $after: String) {\n    shop { currencyCode }\n    products(first: $first, after: $after, sortKey: TITLE) {\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id title\n        ...ProductForPolicy\n        collections(first: 10) { nodes { title handle } }\n        variants(first: 1) { nodes { price compareAtPrice } }\n      }\n    }\n  }\n  #graphql\n  fragment ProductForPolicy on Product {\n    productType tags\n    crystalCount: metafield(namespace: \"custom\", key: \"crystal_count\") { value }\n    adjustable: metafield(namespace: \"custom\", key: \"adjustable\") { value }\n  }\n\n": {return: CatalogueForPolicyQuery, variables: CatalogueForPolicyQueryVariables},
  "#graphql\n  query RecentOrdersForSimulator($first: Int!, $query: String) {\n    orders(first: $first, sortKey: PROCESSED_AT, reverse: true, query: $query) {\n      nodes { id name processedAt displayFulfillmentStatus customer { displayName } }\n    }\n  }\n": {return: RecentOrdersForSimulatorQuery, variables: RecentOrdersForSimulatorQueryVariables},
  "#graphql\n  query QuoteDraftFind($query: String!) {\n    draftOrders(first: 1, query: $query) {\n      nodes { id name invoiceUrl status totalPriceSet { presentmentMoney { amount currencyCode } } }\n    }\n  }\n": {return: QuoteDraftFindQuery, variables: QuoteDraftFindQueryVariables},
  "#graphql\n  query ReturnableLines($orderId: ID!) {\n    returnableFulfillments(orderId: $orderId, first: 5) {\n      nodes {\n        returnableFulfillmentLineItems(first: 25) {\n          nodes { quantity fulfillmentLineItem { id lineItem { id } } }\n        }\n      }\n    }\n  }\n": {return: ReturnableLinesQuery, variables: ReturnableLinesQueryVariables},
  "#graphql\n  query ReturnState($id: ID!) {\n    return(id: $id) {\n      id name status\n      order { id }\n      returnLineItems(first: 25) {\n        nodes {\n          id quantity\n          ... on ReturnLineItem {\n            processedQuantity fulfillmentLineItem { id lineItem { id } }\n            restockingFee { percentage amountSet { presentmentMoney { amount currencyCode } } }\n          }\n        }\n      }\n      returnShippingFees { amountSet { presentmentMoney { amount currencyCode } } }\n      refunds(first: 10) { nodes { id totalRefundedSet { presentmentMoney { amount currencyCode } } } }\n      exchangeLineItems(first: 25) { nodes { id quantity processedQuantity variantId variantTitle } }\n    }\n  }\n": {return: ReturnStateQuery, variables: ReturnStateQueryVariables},
  "#graphql\n  query OrderReturns($id: ID!) {\n    order(id: $id) {\n      returns(first: 10) {\n        nodes {\n          id status\n          returnLineItems(first: 25) { nodes { quantity ... on ReturnLineItem { fulfillmentLineItem { id } } } }\n        }\n      }\n    }\n  }\n": {return: OrderReturnsQuery, variables: OrderReturnsQueryVariables},
  "#graphql\n  query ReturnReasonDefinitions($handles: [String!]!) {\n    returnReasonDefinitions(first: 20, handles: $handles) {\n      nodes { id handle deleted }\n    }\n  }\n": {return: ReturnReasonDefinitionsQuery, variables: ReturnReasonDefinitionsQueryVariables},
  "#graphql\n  query ReturnReverseDeliveries($id: ID!) {\n    return(id: $id) {\n      id status\n      reverseFulfillmentOrders(first: 5) {\n        nodes {\n          id status\n          lineItems(first: 25) { nodes { id totalQuantity } }\n          reverseDeliveries(first: 10) { nodes { ...ReverseDeliveryTracking } }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment ReverseDeliveryTracking on ReverseDelivery {\n    id\n    deliverable { ... on ReverseDeliveryShippingDeliverable { tracking { number url carrierName } } }\n  }\n\n": {return: ReturnReverseDeliveriesQuery, variables: ReturnReverseDeliveriesQueryVariables},
  "#graphql\n  query RepairShipmentOrder($id: ID!) {\n    order(id: $id) {\n      id name displayFulfillmentStatus\n      lineItems(first: 20) { nodes { title quantity } }\n      fulfillments(first: 5) { status displayStatus deliveredAt trackingInfo(first: 3) { company number url } }\n    }\n  }\n": {return: RepairShipmentOrderQuery, variables: RepairShipmentOrderQueryVariables},
  "#graphql\n  query ShopForEmail {\n    shop { name contactEmail ianaTimezone currencyCode shopAddress { countryCodeV2 } }\n  }\n": {return: ShopForEmailQuery, variables: ShopForEmailQueryVariables},
  "#graphql\n  query ShopCustomerAccounts {\n    shop { customerAccountsV2 { customerAccountsVersion url } }\n  }\n": {return: ShopCustomerAccountsQuery, variables: ShopCustomerAccountsQueryVariables},
  "#graphql\n  query FindOrderByName($query: String!) {\n    orders(first: 5, query: $query) {\n      nodes {\n        id name email phone\n        customer { id defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }\n        shippingAddress { phone }\n        billingAddress { phone }\n      }\n    }\n  }\n": {return: FindOrderByNameQuery, variables: FindOrderByNameQueryVariables},
  "#graphql\n  query CustomerOrders($id: ID!) {\n    customer(id: $id) {\n      id\n      orders(first: 20, sortKey: PROCESSED_AT, reverse: true) {\n        nodes { id name processedAt presentmentCurrencyCode totalPriceSet { presentmentMoney { amount currencyCode } } lineItems(first: 3) { nodes { title } } }\n      }\n    }\n  }\n": {return: CustomerOrdersQuery, variables: CustomerOrdersQueryVariables},
  "#graphql\n  query OrderForShopper($id: ID!) {\n    order(id: $id) {\n      id name processedAt presentmentCurrencyCode\n      customer { id }\n      shippingAddress { countryCodeV2 }\n      billingAddress { countryCodeV2 }\n      netPaymentSet { presentmentMoney { amount currencyCode } }\n      lineItems(first: 30) {\n        nodes {\n          id title variantTitle quantity\n          image { url(transform: { maxWidth: 160, maxHeight: 160 }) altText width height }\n          originalUnitPriceSet { presentmentMoney { amount currencyCode } }\n          variant {\n            id title\n            selectedOptions { name value }\n            product {\n              id title\n              variants(first: 12) { nodes { id title availableForSale inventoryQuantity selectedOptions { name value } } }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: OrderForShopperQuery, variables: OrderForShopperQueryVariables},
  "#graphql\n  query VariantPrices($ids: [ID!]!, $country: CountryCode) {\n    nodes(ids: $ids) {\n      ... on ProductVariant { id contextualPricing(context: { country: $country }) { price { amount currencyCode } } }\n    }\n  }\n": {return: VariantPricesQuery, variables: VariantPricesQueryVariables},
  "#graphql\n  query ExchangeItems($query: String!, $country: CountryCode) {\n    products(first: 25, query: $query, sortKey: TITLE) {\n      nodes {\n        id title\n        variants(first: 12) {\n          nodes { id title availableForSale inventoryQuantity selectedOptions { name value } contextualPricing(context: { country: $country }) { price { amount currencyCode } } }\n        }\n      }\n    }\n  }\n": {return: ExchangeItemsQuery, variables: ExchangeItemsQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation RepairDraftCreate($input: DraftOrderInput!) {\n    draftOrderCreate(input: $input) {\n      draftOrder { id name status invoiceUrl invoiceSentAt tags totalPriceSet { presentmentMoney { amount currencyCode } } order { id name displayFinancialStatus } }\n      userErrors { field message }\n    }\n  }\n": {return: RepairDraftCreateMutation, variables: RepairDraftCreateMutationVariables},
  "#graphql\n  mutation RepairDraftInvoiceSend($id: ID!) {\n    draftOrderInvoiceSend(id: $id) {\n      draftOrder { id name status invoiceUrl invoiceSentAt tags totalPriceSet { presentmentMoney { amount currencyCode } } order { id name displayFinancialStatus } }\n      userErrors { field message }\n    }\n  }\n": {return: RepairDraftInvoiceSendMutation, variables: RepairDraftInvoiceSendMutationVariables},
  "#graphql\n  mutation RepairDraftDelete($input: DraftOrderDeleteInput!) {\n    draftOrderDelete(input: $input) {\n      deletedId\n      userErrors { field message }\n    }\n  }\n": {return: RepairDraftDeleteMutation, variables: RepairDraftDeleteMutationVariables},
  "#graphql\n  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {\n    flowTriggerReceive(handle: $handle, payload: $payload) {\n      userErrors { field message }\n    }\n  }\n": {return: FlowTriggerReceiveMutation, variables: FlowTriggerReceiveMutationVariables},
  "#graphql\n  mutation OrderInvoiceSend($id: ID!, $email: EmailInput) {\n    orderInvoiceSend(id: $id, email: $email) {\n      order { id }\n      userErrors { field message code }\n    }\n  }\n": {return: OrderInvoiceSendMutation, variables: OrderInvoiceSendMutationVariables},
  "#graphql\n  mutation RefundCreate($input: RefundInput!, $idempotencyKey: String!) {\n    refundCreate(input: $input) @idempotent(key: $idempotencyKey) {\n      refund { id totalRefundedSet { presentmentMoney { amount currencyCode } } }\n      userErrors { field message }\n    }\n  }\n": {return: RefundCreateMutation, variables: RefundCreateMutationVariables},
  "#graphql\n  mutation ReturnProcess($input: ReturnProcessInput!) {\n    returnProcess(input: $input) {\n      return { id status refunds(first: 10) { nodes { id } } }\n      userErrors { field message code }\n    }\n  }\n": {return: ReturnProcessMutation, variables: ReturnProcessMutationVariables},
  "#graphql\n  mutation StoreCreditAccountCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {\n    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {\n      storeCreditAccountTransaction { id amount { amount currencyCode } account { id } }\n      userErrors { field message code }\n    }\n  }\n": {return: StoreCreditAccountCreditMutation, variables: StoreCreditAccountCreditMutationVariables},
  "#graphql\n  mutation PartsDraftComplete($id: ID!) {\n    draftOrderComplete(id: $id) {\n      draftOrder { id status order { id name } }\n      userErrors { field message }\n    }\n  }\n": {return: PartsDraftCompleteMutation, variables: PartsDraftCompleteMutationVariables},
  "#graphql\n  mutation ShopPolicyUpdate($shopPolicy: ShopPolicyInput!) {\n    shopPolicyUpdate(shopPolicy: $shopPolicy) {\n      shopPolicy { id type body updatedAt }\n      userErrors { field message code }\n    }\n  }\n": {return: ShopPolicyUpdateMutation, variables: ShopPolicyUpdateMutationVariables},
  "#graphql\n  mutation QuoteDraftCreate($input: DraftOrderInput!) {\n    draftOrderCreate(input: $input) {\n      draftOrder { id name invoiceUrl status totalPriceSet { presentmentMoney { amount currencyCode } } }\n      userErrors { field message }\n    }\n  }\n": {return: QuoteDraftCreateMutation, variables: QuoteDraftCreateMutationVariables},
  "#graphql\n  mutation RemoveExchangeLines($returnId: ID!, $exchangeLineItems: [ExchangeLineItemRemoveFromReturnInput!]) {\n    removeFromReturn(returnId: $returnId, exchangeLineItems: $exchangeLineItems) {\n      return { ...ReturnRef }\n      userErrors { ...ReturnUserErrors }\n    }\n  }\n  #graphql\n  fragment ReturnRef on Return { id status }\n\n  #graphql\n  fragment ReturnUserErrors on ReturnUserError { field message code }\n\n": {return: RemoveExchangeLinesMutation, variables: RemoveExchangeLinesMutationVariables},
  "#graphql\n  mutation ReturnRequest($input: ReturnRequestInput!) {\n    returnRequest(input: $input) {\n      return { ...ReturnRef }\n      userErrors { ...ReturnUserErrors }\n    }\n  }\n  #graphql\n  fragment ReturnRef on Return { id status }\n\n  #graphql\n  fragment ReturnUserErrors on ReturnUserError { field message code }\n\n": {return: ReturnRequestMutation, variables: ReturnRequestMutationVariables},
  "#graphql\n  mutation ReturnCreate($returnInput: ReturnInput!) {\n    returnCreate(returnInput: $returnInput) {\n      return { ...ReturnRef }\n      userErrors { ...ReturnUserErrors }\n    }\n  }\n  #graphql\n  fragment ReturnRef on Return { id status }\n\n  #graphql\n  fragment ReturnUserErrors on ReturnUserError { field message code }\n\n": {return: ReturnCreateMutation, variables: ReturnCreateMutationVariables},
  "#graphql\n  mutation ReturnApproveRequest($input: ReturnApproveRequestInput!) {\n    returnApproveRequest(input: $input) {\n      return { ...ReturnRef }\n      userErrors { ...ReturnUserErrors }\n    }\n  }\n  #graphql\n  fragment ReturnRef on Return { id status }\n\n  #graphql\n  fragment ReturnUserErrors on ReturnUserError { field message code }\n\n": {return: ReturnApproveRequestMutation, variables: ReturnApproveRequestMutationVariables},
  "#graphql\n  mutation ReturnDeclineRequest($input: ReturnDeclineRequestInput!) {\n    returnDeclineRequest(input: $input) {\n      return { ...ReturnRef }\n      userErrors { ...ReturnUserErrors }\n    }\n  }\n  #graphql\n  fragment ReturnRef on Return { id status }\n\n  #graphql\n  fragment ReturnUserErrors on ReturnUserError { field message code }\n\n": {return: ReturnDeclineRequestMutation, variables: ReturnDeclineRequestMutationVariables},
  "#graphql\n  mutation ReturnClose($id: ID!) {\n    returnClose(id: $id) {\n      return { ...ReturnRef }\n      userErrors { ...ReturnUserErrors }\n    }\n  }\n  #graphql\n  fragment ReturnRef on Return { id status }\n\n  #graphql\n  fragment ReturnUserErrors on ReturnUserError { field message code }\n\n": {return: ReturnCloseMutation, variables: ReturnCloseMutationVariables},
  "#graphql\n  mutation ReturnCancel($id: ID!) {\n    returnCancel(id: $id) {\n      return { ...ReturnRef }\n      userErrors { ...ReturnUserErrors }\n    }\n  }\n  #graphql\n  fragment ReturnRef on Return { id status }\n\n  #graphql\n  fragment ReturnUserErrors on ReturnUserError { field message code }\n\n": {return: ReturnCancelMutation, variables: ReturnCancelMutationVariables},
  "#graphql\n  mutation ReverseDeliveryCreateWithShipping($reverseFulfillmentOrderId: ID!, $lines: [ReverseDeliveryLineItemInput!]!, $tracking: ReverseDeliveryTrackingInput, $notifyCustomer: Boolean) {\n    reverseDeliveryCreateWithShipping(reverseFulfillmentOrderId: $reverseFulfillmentOrderId, reverseDeliveryLineItems: $lines, trackingInput: $tracking, notifyCustomer: $notifyCustomer) {\n      reverseDelivery { ...ReverseDeliveryTracking }\n      userErrors { ...ReturnUserErrors }\n    }\n  }\n  #graphql\n  fragment ReverseDeliveryTracking on ReverseDelivery {\n    id\n    deliverable { ... on ReverseDeliveryShippingDeliverable { tracking { number url carrierName } } }\n  }\n\n  #graphql\n  fragment ReturnUserErrors on ReturnUserError { field message code }\n\n": {return: ReverseDeliveryCreateWithShippingMutation, variables: ReverseDeliveryCreateWithShippingMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
