/**
 * The protected customer data Aftercare asks Shopify for (Partner Dashboard → API access →
 * Protected customer data), each with the reason given there. Shopify answers the fields marked
 * protected in the 2026-10 schema (`isProtected`, `protectedContent`) only for the kinds an app was
 * approved for; the stand-in enforces this list, so a query that starts reading a phone number or
 * an address fails its tests until the kind is added here and requested from Shopify.
 */
export const PROTECTED_CUSTOMER_DATA = {
  name: "The desk shows whose request it is, and emails greet the shopper by name",
  email: "The shopper gets updates on a request, and the merchant can reply to them",
  phone: "A guest finds their order by its number and the phone number on it",
  address: "Parts, replacement pieces and a piece sent back unrepaired are posted to the shipping address on the shopper's order",
} as const;

export type ProtectedCustomerDataKind = keyof typeof PROTECTED_CUSTOMER_DATA;

export const APPROVED_PROTECTED_DATA = Object.keys(PROTECTED_CUSTOMER_DATA) as ProtectedCustomerDataKind[];
