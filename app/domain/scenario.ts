import { z } from "zod";

import { policySchema } from "./policy/schema";
import { CAUSES, POSTAGE_METHODS, PREFERRED_RESOLUTIONS, REASONS, REQUEST_KINDS, SERVICES } from "./vocabulary";

/**
 * The scenario contract (shared/evaluation/CONTRACT.md): an order, a shopper's request, its
 * history and the time. The app builds the same shape from Shopify data, so the CLI, the admin's
 * "try a scenario" and the storefront all run one engine on one input.
 */
const decimal = z.string().regex(/^\d+(\.\d+)?$/, "must be a decimal amount such as \"12.50\"");
const instant = z.iso.datetime({ offset: true, message: "must be an ISO date-time such as 2026-03-10T12:00:00Z" });

export const orderLineSchema = z.object({
  id: z.string().min(1),
  title: z.string().default(""),
  productType: z.string().default(""),
  tags: z.array(z.string()).default([]),
  collections: z.array(z.string()).default([]),
  quantity: z.number().int().positive(),
  /** Units of this line already refunded (Shopify: quantity less refundable quantity). */
  refundedQuantity: z.number().int().nonnegative().default(0),
  unitPrice: decimal,
  compareAtUnitPrice: decimal.nullable().default(null),
  discountAllocations: z.array(z.object({ discountId: z.string().min(1), amount: decimal })).default([]),
  properties: z.record(z.string(), z.string()).default({}),
  metafields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

/** Units of a line a shopper may still ask about: bought less already refunded (or claimed by an open return). */
export function returnableQuantity(line: Pick<OrderLine, "quantity" | "refundedQuantity">): number {
  return Math.max(0, line.quantity - line.refundedQuantity);
}

export const discountSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(["percentage", "fixed_amount", "staggered"]),
  value: decimal.nullable().default(null),
  minimumSubtotal: decimal.nullable().default(null),
});
export type Discount = z.infer<typeof discountSchema>;

export const orderSchema = z.object({
  placedAt: instant,
  deliveredAt: instant.nullable().default(null),
  /** When the order shipped; receipt is counted from it when no delivery date is known (rule 3). */
  fulfilledAt: instant.nullable().default(null),
  /** What the shopper paid in (Shopify's presentment currency); the shop's currency when absent. */
  currency: z.string().length(3, "must be an ISO 4217 currency code such as EUR").nullable().default(null),
  shippingCountry: z.string().length(2).nullable().default(null),
  shippingCharged: decimal.default("0"),
  /** Delivery already refunded on this order (rule 8). */
  shippingRefunded: decimal.default("0"),
  discounts: z.array(discountSchema).default([]),
  lines: z.array(orderLineSchema).min(1),
});
export type Order = z.infer<typeof orderSchema>;

const conditionSchema = z.object({
  used: z.boolean(),
  worn: z.boolean(),
  tagsAttached: z.boolean(),
  originalPackaging: z.boolean(),
  packagingOpened: z.boolean(),
  /** Rev 3: soiled or damaged fails a change-of-mind return's condition (rule 16). */
  soiled: z.boolean().optional(),
  damaged: z.boolean().optional(),
});

/** Rev 3: what the shop found once the item arrived; decided on in place of the shopper's word (rule 16). */
export const inspectionSchema = z.object({
  condition: conditionSchema,
  cause: z.enum(CAUSES).nullable().default(null),
});
export type Inspection = z.infer<typeof inspectionSchema>;
export type InspectionInput = z.input<typeof inspectionSchema>;

export const requestLineSchema = z.object({
  lineId: z.string().min(1),
  quantity: z.number().int().positive(),
  reason: z.enum(REASONS),
  cause: z.enum(CAUSES).nullable().default(null),
  condition: conditionSchema,
  partsRequested: z.number().int().nonnegative().nullable().default(null),
  inspection: inspectionSchema.nullable().optional(),
});
export type RequestLine = z.infer<typeof requestLineSchema>;

/** Rev 3: what the shopper paid to send the items back themselves, once sent (rule 15). */
export const postageSchema = z.object({
  amount: decimal,
  method: z.enum(POSTAGE_METHODS),
  /** Where the parcel was sent from; the order's shipping country when absent. */
  fromCountry: z.string().length(2, "must be an ISO 3166 country code such as GB").nullable().default(null),
  proof: z.boolean().default(false),
});
export type Postage = z.infer<typeof postageSchema>;

export const requestSchema = z.object({
  kind: z.enum(REQUEST_KINDS),
  service: z.enum(SERVICES).nullable().default(null),
  preferredResolution: z.enum(PREFERRED_RESOLUTIONS).nullable().default(null),
  lines: z.array(requestLineSchema).min(1),
  proofOfPurchase: z.boolean(),
  photos: z.number().int().nonnegative(),
  usesStoreCourier: z.boolean().default(false),
  liabilityAccepted: z.boolean().default(false),
  postage: postageSchema.nullable().optional(),
});
export type ShopperRequest = z.infer<typeof requestSchema>;

export const historyEntrySchema = z.object({
  kind: z.enum(REQUEST_KINDS),
  service: z.enum(SERVICES).nullable().default(null),
  lineId: z.string().min(1),
  at: instant,
  /** Parts (crystals, stones) the merchant sent for this line on that request: counted against its parts quota. */
  partsSent: z.number().int().nonnegative().default(0),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const shopSchema = z.object({
  country: z.string().length(2, "must be an ISO 3166 country code such as GB"),
  timezone: z.string().min(1),
  currency: z.string().length(3, "must be an ISO 4217 currency code such as GBP"),
});
export type ShopContext = z.infer<typeof shopSchema>;

export const scenarioSchema = z
  .object({
    id: z.string().min(1),
    preset: z.string().nullable().optional(),
    policy: policySchema.nullable().optional(),
    now: instant,
    shop: shopSchema,
    order: orderSchema,
    request: requestSchema,
    history: z.array(historyEntrySchema).default([]),
  })
  .superRefine((scenario, ctx) => {
    if (!scenario.preset && !scenario.policy) {
      ctx.addIssue({ code: "custom", path: ["preset"], message: "name a preset or give a policy" });
    }
    const lines = new Map(scenario.order.lines.map((line) => [line.id, line]));
    if (lines.size !== scenario.order.lines.length) {
      ctx.addIssue({ code: "custom", path: ["order", "lines"], message: "line ids must be unique" });
    }
    scenario.order.lines.forEach((line, i) => {
      if (line.refundedQuantity > line.quantity) {
        ctx.addIssue({ code: "custom", path: ["order", "lines", i, "refundedQuantity"], message: `more than the ${line.quantity} ordered` });
      }
    });
    const requested = new Set<string>();
    scenario.request.lines.forEach((line, i) => {
      const orderLine = lines.get(line.lineId);
      if (!orderLine) {
        ctx.addIssue({ code: "custom", path: ["request", "lines", i, "lineId"], message: `no order line "${line.lineId}"` });
      } else if (line.quantity > orderLine.quantity - orderLine.refundedQuantity) {
        ctx.addIssue({
          code: "custom",
          path: ["request", "lines", i, "quantity"],
          message: orderLine.refundedQuantity > 0
            ? `more than the ${orderLine.quantity - orderLine.refundedQuantity} of ${orderLine.quantity} not yet refunded`
            : `more than the ${orderLine.quantity} ordered`,
        });
      }
      if (requested.has(line.lineId)) {
        ctx.addIssue({ code: "custom", path: ["request", "lines", i, "lineId"], message: `line "${line.lineId}" is requested twice` });
      }
      requested.add(line.lineId);
    });
    if (scenario.request.kind === "service" && !scenario.request.service) {
      ctx.addIssue({ code: "custom", path: ["request", "service"], message: "a service request names its service" });
    }
  });
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** One line per problem, each naming the field: `request.lines.0.reason: Invalid option…`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(scenario)"}: ${issue.message}`)
    .join("; ");
}
