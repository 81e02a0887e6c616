import { z } from "zod";

import { CAUSES, CONDITIONS, RESOLUTIONS, SERVICES } from "../vocabulary";

/**
 * A merchant's after-sales policy as data: the admin edits it, the database stores it as JSON,
 * the engine decides from it. Every rule carries `text`, the merchant's own words shown to
 * shoppers and quoted in decisions, and may carry `source`, the sentence of the published policy
 * it enforces. Nothing preset-specific lives in the engine: a preset is just a document.
 */
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "use lower-case letters, digits, - and _")
  .max(64);

const text = z.string().trim().min(1, "say it in words shoppers will read").max(1000);

const ruleWords = { text, source: z.string().max(2000).optional() };

/** Which items a rule is about. Every criterion given must hold; a list matches any of its values. */
export const matcherSchema = z
  .object({
    productTypes: z.array(z.string().min(1)).min(1).optional(),
    tags: z.array(z.string().min(1)).min(1).optional(),
    collections: z.array(z.string().min(1)).min(1).optional(),
    /** Line item properties that, when present and non-empty, put the item in the group. */
    properties: z.array(z.string().min(1)).min(1).optional(),
    metafields: z
      .array(
        z.object({
          key: z.string().min(1),
          is: z.enum(["present", "true", "false"]),
        }),
      )
      .min(1)
      .optional(),
    onSale: z.boolean().optional(),
  })
  .strict()
  .refine((m) => Object.values(m).some((v) => v !== undefined), "a group must match on something");
export type Matcher = z.infer<typeof matcherSchema>;

export const itemGroupSchema = z.object({ id, label: z.string().min(1).max(120), match: matcherSchema });
export type ItemGroup = z.infer<typeof itemGroupSchema>;

export const windowSchema = z.discriminatedUnion("unit", [
  z.object({ unit: z.literal("unlimited") }),
  z.object({
    unit: z.enum(["days", "working_days", "months", "years"]),
    amount: z.number().int().positive().max(1200),
    from: z.enum(["purchase", "receipt"]),
  }),
]);
export type Window = z.infer<typeof windowSchema>;

/**
 * A window for the items in `groups` (all items when absent). For an item, windows naming one of
 * its groups replace the general ones; among the windows that apply, any open one lets it through
 * (a statutory cancellation right beside a longer goodwill window, say).
 */
export const windowRuleSchema = z.object({ id, window: windowSchema, groups: z.array(id).min(1).optional(), ...ruleWords });
export type WindowRule = z.infer<typeof windowRuleSchema>;

export const exclusionRuleSchema = z.object({
  id,
  groups: z.array(id).min(1),
  /** "…unless defective or faulty": faulty items pass. */
  unlessFaulty: z.boolean().default(false),
  ...ruleWords,
});
export type ExclusionRule = z.infer<typeof exclusionRuleSchema>;

export const conditionRuleSchema = z.object({
  id,
  require: z.enum(CONDITIONS),
  groups: z.array(id).min(1).optional(),
  exemptIfFaulty: z.boolean().default(false),
  ...ruleWords,
});
export type ConditionRule = z.infer<typeof conditionRuleSchema>;

export const causesRuleSchema = z.object({ id, causes: z.array(z.enum(CAUSES)).min(1), ...ruleWords });
export type CausesRule = z.infer<typeof causesRuleSchema>;

export const evidenceRuleSchema = z.object({ id, ...ruleWords });

export const returnShippingSchema = z.object({
  id,
  /** store_with_own_courier: free only when the shopper books the store's courier. */
  payer: z.enum(["customer", "store", "store_with_own_courier", "none"]),
  ...ruleWords,
});
export type ReturnShippingRule = z.infer<typeof returnShippingSchema>;

export const refundRuleSchema = z.object({
  id,
  method: z.enum(["original_payment", "store_credit"]),
  /** Store credit expires this many days after the decision's local date. */
  storeCreditExpiryDays: z.number().int().positive().max(3650).optional(),
  ...ruleWords,
});
export type RefundRule = z.infer<typeof refundRuleSchema>;

export const deliveryRefundSchema = z.object({
  id,
  /** Delivery is refunded only when the order shipped within the shop's own country. */
  domesticOnly: z.boolean().default(false),
  ...ruleWords,
});
export type DeliveryRefundRule = z.infer<typeof deliveryRefundSchema>;

/** What one kind of case (change of mind, faulty item, warranty claim) allows and how. */
export const offeredCaseSchema = z.object({
  enabled: z.literal(true),
  text,
  windows: z.array(windowRuleSchema).min(1),
  causesNotCovered: causesRuleSchema.optional(),
  /**
   * Only faults from these causes are covered ("manufacturing defects"): a claim whose known
   * cause is not listed is refused. An unknown cause (not yet assessed) passes.
   */
  causesCovered: causesRuleSchema.optional(),
  resolutions: z.array(z.enum(RESOLUTIONS)).min(1),
  refund: refundRuleSchema.optional(),
  refundDelivery: deliveryRefundSchema.optional(),
  returnShipping: returnShippingSchema,
  photos: evidenceRuleSchema.optional(),
  charge: z.enum(["free", "paid"]).optional(),
});
export type OfferedCase = z.infer<typeof offeredCaseSchema>;

/** A case the merchant does not offer still says so in words shoppers read. */
export const caseRulesSchema = z.discriminatedUnion("enabled", [
  z.object({ enabled: z.literal(false), text }),
  offeredCaseSchema,
]);
export type CaseRules = z.infer<typeof caseRulesSchema>;

export const allowanceSchema = z.object({
  id,
  /** null: unlimited. 1 with text "first time only"/"once" is the usual. */
  limit: z.number().int().positive().nullable(),
  /** Services sharing a key share one allowance (send crystals or repair by post: one claim). */
  key: id,
  ...ruleWords,
});
export type Allowance = z.infer<typeof allowanceSchema>;

export const partsQuotaSchema = z.object({
  id,
  metafield: z.string().min(1),
  /** Basis points of the metafield's count: 100 = 1%. Rounded down. */
  basisPoints: z.number().int().positive().max(10_000),
  ...ruleWords,
});
export type PartsQuota = z.infer<typeof partsQuotaSchema>;

export const serviceRuleSchema = z.object({
  service: z.enum(SERVICES),
  enabled: z.boolean(),
  text,
  /** Only items in these groups qualify (all items when absent). */
  appliesTo: z.object({ groups: z.array(id).min(1), ...ruleWords }).optional(),
  windows: z.array(windowRuleSchema).min(1),
  allowance: allowanceSchema.optional(),
  charge: z.enum(["free", "paid"]),
  resolution: z.enum(["parts", "repair", "service"]),
  partsQuota: partsQuotaSchema.optional(),
  returnShipping: returnShippingSchema,
  liabilityAcknowledgement: evidenceRuleSchema.optional(),
  photos: evidenceRuleSchema.optional(),
  causesNotCovered: causesRuleSchema.optional(),
});
export type ServiceRule = z.infer<typeof serviceRuleSchema>;

export const policySchema = z
  .object({
    schemaVersion: z.literal(1),
    name: z.string().min(1).max(120),
    summary: z.string().max(2000).optional(),
    groups: z.array(itemGroupSchema),
    /** Applies to every request: returns, warranty claims and services. */
    proofOfPurchase: z.object({ id, required: z.boolean(), ...ruleWords }),
    returns: z.object({
      /** Rules for every return, with faulty-item exemptions where the policy grants them. */
      exclusions: z.array(exclusionRuleSchema),
      conditions: z.array(conditionRuleSchema),
      causesNotCovered: causesRuleSchema.optional(),
      changeOfMind: caseRulesSchema,
      faulty: caseRulesSchema,
    }),
    warranty: caseRulesSchema,
    services: z.array(serviceRuleSchema),
    discounts: z.object({
      /** A partial return that leaves the order below a discount's minimum spend loses it. */
      recheckMinimumSpend: z.object({ enabled: z.boolean(), ...ruleWords }),
      /**
       * Staggered promotions refund the lowest price they gave. `promotions` names the store's
       * discounts (by title or code, any case) that are staggered promotions: Shopify has no such
       * kind, so the order mapping marks the discounts named here.
       */
      staggeredRefundLowest: z.object({
        enabled: z.boolean(),
        promotions: z.array(z.string().trim().min(1).max(255)).max(100).default([]),
        ...ruleWords,
      }),
    }),
    /**
     * When an order shipped but no delivery date is known, receipt is taken as the fulfilment
     * date plus this many days (CONTRACT rule 3): Shopify counts from fulfilment in that case.
     */
    receipt: z.object({ transitAllowanceDays: z.number().int().min(0).max(120) }).default({ transitAllowanceDays: 14 }),
    /** Notes the merchant wants beside every decision (e.g. monitoring repeat returners). */
    notes: z.array(z.object({ id, ...ruleWords })).default([]),
  })
  .superRefine((policy, ctx) => {
    const known = new Set(policy.groups.map((g) => g.id));
    const seen = new Set<string>();
    policy.groups.forEach((group, i) => {
      if (seen.has(group.id)) ctx.addIssue({ code: "custom", path: ["groups", i, "id"], message: `group "${group.id}" is defined twice` });
      seen.add(group.id);
    });
    const check = (groups: string[] | undefined, path: (string | number)[]) =>
      groups?.forEach((g, i) => {
        if (!known.has(g)) ctx.addIssue({ code: "custom", path: [...path, i], message: `unknown item group "${g}"` });
      });
    policy.returns.exclusions.forEach((r, i) => check(r.groups, ["returns", "exclusions", i, "groups"]));
    policy.returns.conditions.forEach((r, i) => check(r.groups, ["returns", "conditions", i, "groups"]));
    const cases = [
      ["returns", "changeOfMind"],
      ["returns", "faulty"],
      ["warranty"],
    ] as const;
    for (const path of cases) {
      const rules = path.length === 2 ? policy.returns[path[1]] : policy.warranty;
      if (!rules.enabled) continue;
      rules.windows.forEach((w, i) => check(w.groups, [...path, "windows", i, "groups"]));
      const money = rules.resolutions.some((r) => r === "refund" || r === "store_credit");
      if (money && !rules.refund) ctx.addIssue({ code: "custom", path: [...path, "refund"], message: "say how money goes back when refunds are offered" });
    }
    const services = new Set<string>();
    policy.services.forEach((s, i) => {
      if (services.has(s.service)) ctx.addIssue({ code: "custom", path: ["services", i, "service"], message: `service "${s.service}" is configured twice` });
      services.add(s.service);
      check(s.appliesTo?.groups, ["services", i, "appliesTo", "groups"]);
      s.windows.forEach((w, j) => check(w.groups, ["services", i, "windows", j, "groups"]));
    });
  });

export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

/** Input shapes, for writing documents (presets, tests) that the schema then checks. */
export type WindowRuleInput = z.input<typeof windowRuleSchema>;
export type CausesRuleInput = z.input<typeof causesRuleSchema>;
export type ReturnShippingInput = z.input<typeof returnShippingSchema>;
export type RefundRuleInput = z.input<typeof refundRuleSchema>;
