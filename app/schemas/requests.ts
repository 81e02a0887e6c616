import { z } from "zod";

import { SHOPPER_MESSAGES as M, shopperMessage } from "./messages";
import { BLOCKERS, CAUSES, PREFERRED_RESOLUTIONS, REASONS, REQUEST_KINDS, REQUIREMENTS, RESOLUTIONS, SERVICES } from "../domain/vocabulary";

/**
 * The shopper request flow's payloads (app/requests): what a storefront page, the customer-account
 * extension or the merchant's desk sends, and what they get back. Zod only, so these are safe to
 * import in the browser; every message is one a shopper can act on.
 */

const orderGid = z.string().regex(/^gid:\/\/shopify\/Order\/\d{1,20}$/, M.chooseOrder);
const lineGid = z.string().regex(/^gid:\/\/shopify\/LineItem\/\d{1,20}$/, M.chooseItem);
const variantGid = z.string().regex(/^gid:\/\/shopify\/ProductVariant\/\d{1,20}$/, M.chooseVariant);

/** Who is asking. Transports establish it (a signed proxy request, a session token, staff login). */
export const viewerSchema = z.discriminatedUnion("type", [
  /** A logged-in customer, by Shopify's Customer gid. */
  z.object({ type: z.literal("customer"), customerId: z.string().regex(/^gid:\/\/shopify\/Customer\/\d{1,20}$/) }),
  /** A guest holding the grant `findGuestOrder` issued for one order. */
  z.object({ type: z.literal("guest"), grant: z.string().min(10).max(400) }),
  /** The shop's staff (the merchant's desk, already authenticated by the admin). */
  z.object({ type: z.literal("staff") }),
]);
export type Viewer = z.infer<typeof viewerSchema>;

export const guestLookupSchema = z.object({
  orderNumber: z
    .string({ error: M.enterOrderNumber })
    .trim()
    .regex(/^#?\d{1,12}$/, M.orderNumberFormat),
  contact: z
    .string({ error: M.enterContact })
    .trim()
    .min(3, M.enterContact)
    .max(200, M.contactTooLong),
});
export type GuestLookup = z.infer<typeof guestLookupSchema>;

export const orderRefSchema = z.object({ orderId: orderGid });

/**
 * The condition checklist as the shopper answered it: only the questions their form asked (a
 * warranty claim's form may ask none). The engine reads an unasked question as the piece being as
 * new; the request records only the answers given.
 */
export const conditionSchema = z.object({
  used: z.boolean().optional(),
  worn: z.boolean().optional(),
  tagsAttached: z.boolean().optional(),
  originalPackaging: z.boolean().optional(),
  packagingOpened: z.boolean().optional(),
});

export const lineChoiceSchema = z.object({
  lineId: lineGid,
  quantity: z.number({ error: M.sayHowMany }).int(M.wholeNumber).min(1, M.atLeastOne).max(100, shopperMessage("atMost", { n: 100 })),
  reason: z.enum(REASONS, { error: M.chooseReason }),
  cause: z.enum(CAUSES, { error: M.chooseCause }).nullable().default(null),
  condition: conditionSchema.default({}),
  /** An exchange: another variant of the same product, at the same price. */
  exchangeVariantId: variantGid.nullable().default(null),
});
export type LineChoice = z.infer<typeof lineChoiceSchema>;

export const draftInputSchema = z
  .object({
    orderId: orderGid,
    kind: z.enum(REQUEST_KINDS, { error: M.chooseKind }),
    service: z.enum(SERVICES, { error: M.chooseService }).nullable().default(null),
    preferredResolution: z.enum(PREFERRED_RESOLUTIONS, { error: M.chooseResolution }).nullable().default(null),
    lines: z.array(lineChoiceSchema).min(1, M.chooseAtLeastOneItem).max(50, shopperMessage("tooManyItems", { n: 50 })),
    /** Keys of photos already accepted by the photo store (at most 6). */
    photos: z.array(z.string().regex(/^[a-f0-9]{32}$/, M.photoMissing)).max(6, shopperMessage("tooManyPhotos", { n: 6 })).default([]),
    liabilityAccepted: z.boolean().default(false),
    note: z.string().trim().max(1000, shopperMessage("noteTooLong", { n: 1000 })).nullable().default(null),
  })
  .superRefine((input, ctx) => {
    if (input.kind === "service" && !input.service) ctx.addIssue({ code: "custom", path: ["service"], message: M.chooseService });
    const seen = new Set<string>();
    input.lines.forEach((line, i) => {
      if (seen.has(line.lineId)) ctx.addIssue({ code: "custom", path: ["lines", i, "lineId"], message: M.itemOnce });
      seen.add(line.lineId);
    });
  });
export type DraftInput = z.input<typeof draftInputSchema>;

export const submitInputSchema = z.intersection(
  draftInputSchema,
  z.object({
    /** Chosen by the client once per form: a second submit with the same key finds the first request. */
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, M.formExpired),
    /** The language the shopper submitted in (BCP 47, "fr-FR"): their emails are written in it. */
    locale: z.string().regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}$/).max(35).optional(),
  }),
);
export type SubmitInput = z.input<typeof submitInputSchema>;

export const statusInputSchema = z.union([z.object({ token: z.string().min(10).max(400) }), z.object({ requestId: z.string().min(1).max(64) })]);

// ------------------------------------------------------------------ answers

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const money = z.object({ amountMinor: z.number().int(), currency: z.string().length(3) });

export const ENTITLEMENT_KINDS = ["return", "faulty", "warranty", "service"] as const;

export const entitlementSchema = z.object({
  kind: z.enum(ENTITLEMENT_KINDS),
  service: z.enum(SERVICES).nullable(),
  eligible: z.boolean(),
  /** The last local day it can be asked for (null: no limit, or not started yet). */
  until: localDate.nullable(),
  /** The merchant's words: why not, or what applies. */
  reasons: z.array(z.string()),
  /**
   * The engine's blockers, and the page's own: `open_request` (this app has a request open for it),
   * `unavailable` (Shopify records every unit as refunded or returned), `in_return` (the units are
   * in a return still open in Shopify, not yet refunded).
   */
  blockers: z.array(z.enum([...BLOCKERS, "open_request", "unavailable", "in_return"])),
  resolutions: z.array(z.enum(RESOLUTIONS)),
  charge: z.enum(["free", "paid"]).nullable(),
  /** A service with a parts quota (crystals): how many parts it may still give, after those already sent. */
  partsLeft: z.number().int().nonnegative().nullable().optional(),
  /** Too late: the last local day of the window that applied (the latest of them). */
  ended: localDate.nullable().optional(),
  /** A service with a limited allowance ("once per piece"): how many times it may still be asked for. */
  allowanceLeft: z.number().int().nonnegative().nullable().optional(),
});
export type Entitlement = z.infer<typeof entitlementSchema>;

/** How a difference in value is settled on an exchange: nothing moves, paid back, or paid by the shopper. */
export const EXCHANGE_SETTLEMENTS = ["none", "refund", "store_credit", "charge"] as const;

/** An exchange's difference in value over all its lines, as the preview shows and the request stores it. */
export const exchangeSettlementSchema = z.object({ settlement: z.enum(EXCHANGE_SETTLEMENTS), amount: money, text: z.string().nullable() });

/** An item offered in exchange, with what it costs against what the returned item was bought at. */
export const exchangeOptionSchema = z.object({
  variantId: z.string(),
  /** The variant's title ("M"); with `productTitle` when it is another product. */
  title: z.string(),
  productTitle: z.string(),
  sameProduct: z.boolean(),
  price: money,
  /** ≥ 0; who pays it is `settlement`. Zero with "none". */
  difference: money,
  settlement: z.enum(EXCHANGE_SETTLEMENTS),
});
export type ExchangeOption = z.infer<typeof exchangeOptionSchema>;

/** A service's price as the shopper sees it: free, a fixed amount in the shop's money, or by quote. */
export const servicePriceViewSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("free") }),
  z.object({ kind: z.literal("fixed"), amount: money }),
  z.object({ kind: z.literal("quote") }),
]);
export type ServicePriceView = z.infer<typeof servicePriceViewSchema>;

/** A service as the merchant named and priced it, and what asking for it needs. */
export const serviceTermsSchema = z.object({
  service: z.enum(SERVICES),
  /** The merchant's name for it ("Polish and re-plate"); null: the service's usual name. */
  name: z.string().nullable(),
  price: servicePriceViewSchema,
  /** How long the work takes, in the merchant's words. */
  turnaround: z.string().nullable(),
  /** Whether the form asks what happened (the service does not cover some causes). */
  asksCause: z.boolean(),
  /** Whether the shopper must accept the service's liability terms. */
  asksLiability: z.boolean(),
});
export type ServiceTerms = z.infer<typeof serviceTermsSchema>;

export const orderLineViewSchema = z.object({
  lineId: z.string(),
  title: z.string(),
  variantTitle: z.string().nullable(),
  image: z.object({ url: z.string(), alt: z.string(), width: z.number().nullable(), height: z.number().nullable() }).nullable(),
  quantity: z.number().int(),
  /** Units that can still be asked about (bought less returned or claimed). */
  available: z.number().int(),
  unitPrice: money,
  state: z.enum(["available", "returned", "open_request"]),
  /** This app's open requests for the line, each with a token for its status page (the viewer may see the order). */
  openRequests: z.array(z.object({ number: z.number().int().nullable(), kind: z.enum(REQUEST_KINDS), service: z.enum(SERVICES).nullable(), status: z.string(), statusToken: z.string() })),
  entitlements: z.array(entitlementSchema),
  /** In stock only; for one unit (a preview gives the figures for the quantity asked). */
  exchangeOptions: z.array(exchangeOptionSchema),
});
export type OrderLineView = z.infer<typeof orderLineViewSchema>;

export const orderViewSchema = z.object({
  orderId: z.string(),
  orderName: z.string(),
  placedAt: z.string(),
  currency: z.string().length(3),
  timezone: z.string(),
  policyVersionId: z.string().nullable(),
  lines: z.array(orderLineViewSchema),
  services: z.array(serviceTermsSchema.extend({ text: z.string(), charge: z.enum(["free", "paid"]) })),
  causes: z.array(z.enum(CAUSES)),
});
export type OrderView = z.infer<typeof orderViewSchema>;

/**
 * The journey of the piece, as the engine decided it (CONTRACT rules 15 and 18), with the
 * policy's own words: whether the shopper's own return postage is repaid for this request (asked
 * of the engine as if sent by post from the order's country, without proof yet), and who pays to
 * send the shopper what the request ends in.
 */
export const journeySchema = z.object({
  postage: z
    .object({
      /** The engine repays it for this request (once proof is shown, where the policy asks for it). */
      repaid: z.boolean(),
      /** The policy's maximum, in the order's currency; null: no cap. */
      maximum: money.nullable(),
      proofRequired: z.boolean(),
      /** The policy never repays postage from abroad. */
      domesticOnly: z.boolean(),
      text: z.string(),
    })
    .nullable(),
  outboundShipping: z.enum(["customer", "store", "none"]),
  /** The policy's words for the journey home, where it has a rule for it. */
  outboundText: z.string().nullable(),
});
export type Journey = z.infer<typeof journeySchema>;

export const previewSchema = z.object({
  orderId: z.string(),
  orderName: z.string(),
  kind: z.enum(REQUEST_KINDS),
  service: z.enum(SERVICES).nullable(),
  decidedOn: localDate,
  policyVersionId: z.string().nullable(),
  /** Every chosen line may go ahead and nothing is missing: the request can be submitted. */
  canSubmit: z.boolean(),
  lines: z.array(
    z.object({
      lineId: z.string(),
      title: z.string(),
      quantity: z.number().int(),
      eligible: z.boolean(),
      blockers: z.array(z.enum(BLOCKERS)),
      /** The merchant's words for each rule that refused the line (too late: only the window that applied). */
      refusals: z.array(z.string()),
      /** Too late: the last local day of the window that applied. */
      ended: localDate.nullable().optional(),
      /** The merchant's words for each rule that applied. */
      applied: z.array(z.string()),
      resolutions: z.array(z.enum(RESOLUTIONS)),
      charge: z.enum(["free", "paid"]).nullable(),
      /** A service with a parts quota: how many parts this request may still get (the quota less those sent before). */
      partsLeft: z.number().int().nonnegative().nullable().optional(),
      /** A service with a limited allowance: how many times it may still be asked for, this request included. */
      allowanceLeft: z.number().int().nonnegative().nullable().optional(),
      exchange: exchangeOptionSchema.nullable(),
    }),
  ),
  /** A service's name, price and turnaround as the merchant set them (null for returns and claims). */
  serviceTerms: serviceTermsSchema.nullable().optional(),
  /** An exchange's difference in value over all its lines, settled as the policy says. */
  exchange: exchangeSettlementSchema.nullable(),
  refund: z
    .object({
      method: z.enum(["original_payment", "store_credit"]),
      items: money,
      discounts: money,
      shipping: money,
      fees: money,
      total: money,
      storeCreditExpiresOn: localDate.nullable(),
      explanation: z.array(z.string()),
    })
    .nullable(),
  resolutions: z.array(z.enum(RESOLUTIONS)),
  returnShipping: z.enum(["customer", "store", "none"]),
  /** Optional: previews stored before revision 3 have none. */
  journey: journeySchema.nullable().optional(),
  requirements: z.array(z.object({ requirement: z.enum(REQUIREMENTS), text: z.string(), met: z.boolean() })),
  notes: z.array(z.string()),
});
export type Preview = z.infer<typeof previewSchema>;

export const submittedSchema = z.object({
  requestId: z.string(),
  number: z.number().int().positive(),
  created: z.boolean(),
  status: z.string(),
  statusToken: z.string(),
  statusExpiresAt: z.string(),
  shopifyReturnId: z.string().nullable(),
});
export type Submitted = z.infer<typeof submittedSchema>;

export const STEP_TYPES = ["requested", "approved", "declined", "received", "inspected", "refunded", "credited", "exchanged", "invoiced", "resolved", "closed", "cancelled", "message"] as const;

export const statusViewSchema = z.object({
  requestId: z.string(),
  number: z.number().int().nullable(),
  orderName: z.string(),
  kind: z.enum(REQUEST_KINDS),
  service: z.enum(SERVICES).nullable(),
  status: z.string(),
  createdAt: z.string(),
  lines: z.array(z.object({ title: z.string(), quantity: z.number().int(), exchangeVariantTitle: z.string().nullable() })),
  /**
   * The request's steps as the shopper reads them (app/requests/shopper-steps.ts): the step's kind,
   * the app's own sentences as catalogue keys with their values (`words`), and what a person wrote
   * as written (`note`). `message` is an entry's stored sentence only where it predates its
   * details as data (shown as before); otherwise null.
   */
  steps: z.array(
    z.object({
      type: z.string(),
      actor: z.string(),
      at: z.string(),
      message: z.string().nullable(),
      words: z.array(z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })).optional(),
      note: z.string().nullable().optional(),
      amount: money.nullable(),
    }),
  ),
  /**
   * The items' return in Shopify: `open`; `pending` when Shopify refused or was not reached and
   * the app is still trying (`stalled` once it has stopped: the shop will open it by hand);
   * `none` for services, which stay in the app.
   */
  shopifyReturn: z.enum(["open", "pending", "stalled", "none"]),
  /** The journey the shopper was shown before submitting (null for requests stored before it was). */
  journey: journeySchema.nullable().optional(),
  /**
   * Where to send the piece, once the request is approved and while the shop waits for it: the
   * policy's address for the request's kind, in the merchant's words. Null when the policy names
   * none or the piece is brought to the shop.
   */
  sendTo: z.object({ name: z.string(), lines: z.array(z.string()), country: z.string(), text: z.string() }).nullable().optional(),
  /** When the money goes back (docs/decisions/025): the policy's moment and its words, while a return's money waits. */
  refundTiming: z.object({ when: z.enum(["receipt", "inspection", "evidence_of_sending"]), text: z.string() }).nullable().optional(),
});
export type StatusView = z.infer<typeof statusViewSchema>;
