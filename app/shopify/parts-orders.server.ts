import { assertNoUserErrors, send, type Admin } from "./client.server";
import { decimalOf } from "./money.server";
import { REPAIR_DRAFT_CREATE, findRepairDraft, type RepairDraft } from "./draft-orders.server";

/**
 * Parts posted to the shopper (spare crystals, an earring back) as a zero-price Shopify order
 * (issue 25, docs/decisions/024-parts-orders.md): a draft order of custom lines at 0.00 in the
 * order's currency, for the order's customer and shipping address, tagged with the request, then
 * completed without payment (draftOrderComplete: "Completes a draft order and converts it into a
 * regular order"). Shopify's fulfilment then ships it and the customer's order history shows it.
 * draftOrderCreate and draftOrderComplete take no idempotency key: the tag is the key. Before
 * either call the draft is looked for under its tag, and after an unknown outcome the client's
 * `verify` reads it back by tag; neither is ever sent blind again.
 */

export const PARTS_ORDER_SOURCE = `#graphql
  query PartsOrderSource($id: ID!) {
    order(id: $id) {
      id name email presentmentCurrencyCode
      customer { id }
      lineItems(first: 50) { nodes { id variant { id } } }
      shippingAddress { firstName lastName company address1 address2 city provinceCode countryCodeV2 zip phone }
    }
  }
`;

export const PARTS_DRAFT_COMPLETE = `#graphql
  mutation PartsDraftComplete($id: ID!) {
    draftOrderComplete(id: $id) {
      draftOrder { id status order { id name } }
      userErrors { field message }
    }
  }
`;

export type PartsAddress = {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  provinceCode: string | null;
  countryCode: string | null;
  zip: string | null;
  phone: string | null;
};

/** What the operation records before its calls, and sends as it is on any retry. */
export type PartsOrderPlan = {
  tag: string;
  /** The shopper's order the parts are for (read for its customer, address and currency). */
  orderId: string;
  customerId: string | null;
  email: string | null;
  currency: string;
  shippingAddress: PartsAddress | null;
  note: string;
  /** Custom lines (the parts), or the product variant bought (a replacement piece), each at 0.00. */
  lines: { title: string; quantity: number; variantId?: string | null }[];
};

export type PartsOrderSource = { id: string; name: string; email: string | null; currency: string; customerId: string | null; shippingAddress: PartsAddress | null; variants: Map<string, string> };

/** The tag a request's parts order is made and found under. */
export function partsOrderTag(requestId: string): string {
  return `aftercare-parts-${requestId}`;
}

/** The tag the order sending a repair ticket's piece back unrepaired is made and found under (docs/decisions/026). */
export function returnOrderTag(requestId: string): string {
  return `aftercare-return-${requestId}`;
}

/** The tag a warranty claim's replacement piece is made and found under. */
export function replacementOrderTag(requestId: string): string {
  return `aftercare-replacement-${requestId}`;
}

type AddressNode = { firstName?: string | null; lastName?: string | null; company?: string | null; address1?: string | null; address2?: string | null; city?: string | null; provinceCode?: string | null; countryCodeV2?: string | null; zip?: string | null; phone?: string | null };

/** The order's customer, email, currency and shipping address: where the parts go. */
export async function fetchPartsOrderSource(admin: Admin, orderId: string): Promise<PartsOrderSource> {
  const data = await send(admin, PARTS_ORDER_SOURCE, { id: orderId });
  const order = data.order;
  if (!order) throw new Error(`order ${orderId} not found in Shopify`);
  const a = order.shippingAddress as AddressNode | null | undefined;
  return {
    id: order.id,
    name: order.name,
    email: order.email ?? null,
    currency: String(order.presentmentCurrencyCode),
    customerId: order.customer?.id ?? null,
    variants: new Map(order.lineItems.nodes.flatMap((li) => (li.variant ? [[li.id, li.variant.id] as [string, string]] : []))),
    shippingAddress: a
      ? { firstName: a.firstName ?? null, lastName: a.lastName ?? null, company: a.company ?? null, address1: a.address1 ?? null, address2: a.address2 ?? null, city: a.city ?? null, provinceCode: a.provinceCode ?? null, countryCode: a.countryCodeV2 ?? null, zip: a.zip ?? null, phone: a.phone ?? null }
      : null,
  };
}

function addressInput(a: PartsAddress) {
  const { countryCode, ...rest } = a;
  const present = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null)) as Record<string, string>;
  return { ...present, ...(countryCode ? { countryCode: countryCode as never } : {}) };
}

/**
 * The parts order: the draft under the plan's tag (made now when Shopify has none), completed
 * without payment when it is not completed yet. Returns the order's id and name.
 */
export async function makePartsOrder(admin: Admin, plan: PartsOrderPlan): Promise<{ id: string; name: string }> {
  let draft = await findRepairDraft(admin, plan.tag);
  if (!draft) draft = await createPartsDraft(admin, plan);
  if (draft.status === "COMPLETED" && draft.order) return { id: draft.order.id, name: draft.order.name };
  return completePartsDraft(admin, draft.id, plan.tag);
}

async function createPartsDraft(admin: Admin, plan: PartsOrderPlan): Promise<RepairDraft> {
  const data = await send(
    admin,
    // The repair quotes' own draftOrderCreate: the same input type and the same draft read back.
    REPAIR_DRAFT_CREATE,
    {
      input: {
        ...(plan.customerId ? { purchasingEntity: { customerId: plan.customerId } } : {}),
        ...(plan.email ? { email: plan.email } : {}),
        ...(plan.shippingAddress ? { shippingAddress: addressInput(plan.shippingAddress) } : {}),
        presentmentCurrencyCode: plan.currency as never,
        note: plan.note,
        tags: [plan.tag],
        lineItems: plan.lines.map((line) =>
          line.variantId
            ? // A variant's price is changed only by priceOverride ("ignored when variantId is provided" for the rest).
              { variantId: line.variantId, quantity: line.quantity, priceOverride: { amount: decimalOf(0, plan.currency), currencyCode: plan.currency as never } }
            : { title: line.title, quantity: line.quantity, originalUnitPriceWithCurrency: { amount: decimalOf(0, plan.currency), currencyCode: plan.currency as never }, requiresShipping: true, taxable: false },
        ),
      },
    },
    {
      verify: async () => {
        const made = await findRepairDraft(admin, plan.tag);
        return made ? { draftOrderCreate: { draftOrder: draftNode(made), userErrors: [] } } : null;
      },
    },
  );
  assertNoUserErrors("draftOrderCreate", data.draftOrderCreate);
  const made = await findRepairDraft(admin, plan.tag);
  if (!made) throw new Error(`Shopify made the parts draft order but does not show it under ${plan.tag} yet`);
  return made;
}

async function completePartsDraft(admin: Admin, draftId: string, tag: string): Promise<{ id: string; name: string }> {
  const data = await send(
    admin,
    PARTS_DRAFT_COMPLETE,
    { id: draftId },
    {
      verify: async () => {
        const draft = await findRepairDraft(admin, tag);
        return draft?.status === "COMPLETED" && draft.order ? { draftOrderComplete: { draftOrder: { id: draft.id, status: draft.status, order: { id: draft.order.id, name: draft.order.name } }, userErrors: [] } } : null;
      },
    },
  );
  assertNoUserErrors("draftOrderComplete", data.draftOrderComplete);
  const order = data.draftOrderComplete?.draftOrder?.order;
  if (!order) throw new Error("draftOrderComplete answered without the order it made");
  return { id: order.id, name: order.name };
}

function draftNode(draft: RepairDraft) {
  return {
    id: draft.id,
    name: draft.name,
    status: draft.status as never,
    invoiceUrl: draft.invoiceUrl,
    invoiceSentAt: draft.invoiceSentAt,
    tags: draft.tags,
    totalPriceSet: { presentmentMoney: { amount: decimalOf(draft.amountMinor, draft.currency), currencyCode: draft.currency as never } },
    order: draft.order ? { id: draft.order.id, name: draft.order.name, displayFinancialStatus: draft.order.financialStatus as never } : null,
  };
}
