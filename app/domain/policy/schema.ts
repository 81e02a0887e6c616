import { z } from "zod";

import { CAUSES, CONDITIONS, POSTAGE_METHODS, REASONS, RESOLUTIONS, RESTOCK_CHOICES, SERVICES } from "../vocabulary";

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
  .refine((m) => Object.values(m).some((v) => v !== undefined), { message: "a group must match on something", params: { code: "groupEmpty" } });
export type Matcher = z.infer<typeof matcherSchema>;

export const itemGroupSchema = z.object({ id, label: z.string().min(1).max(120), match: matcherSchema });
export type ItemGroup = z.infer<typeof itemGroupSchema>;

export const windowSchema = z.discriminatedUnion("unit", [
  z.object({ unit: z.literal("unlimited") }),
  z.object({
    unit: z.enum(["days", "working_days", "months", "years"]),
    amount: z.number().int("use a whole number").positive("must be at least 1").max(1200, "at most 1200"),
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

const amount = z.string().regex(/^\d+(\.\d+)?$/, "write an amount such as 4.95");

/**
 * When the shopper's own return postage is repaid (CONTRACT rule 15). It only ever applies where
 * the case's return shipping is the store's and the shopper did not use the store's courier.
 */
export const postageRuleSchema = z.object({
  id,
  /** Whether postage the shopper paid is repaid in this case at all. */
  repaid: z.boolean(),
  /** Only for these reasons ("faulty or defective items"); every reason of the case when absent. */
  reasons: z.array(z.enum(REASONS)).min(1).optional(),
  /** Only when sent this way ("if the item has been posted"); any way when absent. */
  methods: z.array(z.enum(POSTAGE_METHODS)).min(1).optional(),
  /** Only against proof of postage: without it the shopper is asked for it and nothing is repaid yet. */
  proofRequired: z.boolean().default(false),
  /** Never for parcels sent from abroad ("unable to refund any shipping costs from overseas"). */
  domesticOnly: z.boolean().default(false),
  /** At most this much, in the currency the shopper paid in; no cap when absent. */
  maximum: amount.optional(),
  ...ruleWords,
});
export type PostageRule = z.infer<typeof postageRuleSchema>;

/**
 * Who pays to send the shopper what the case or service ends in: the piece repaired or cleaned,
 * a replacement, parts or an exchange (CONTRACT rule 18). Paid work always travels at the
 * shopper's cost; without this rule a free case travels at the store's and a service at the shopper's.
 */
export const outboundShippingSchema = z.object({ id, payer: z.enum(["customer", "store"]), ...ruleWords });
export type OutboundShippingRule = z.infer<typeof outboundShippingSchema>;

/**
 * A claim refused because the policy does not cover its cause is quoted as paid work instead
 * ("if not, we will confirm or provide a quotation for the relevant repair"; CONTRACT rule 17).
 */
export const paidAlternativeSchema = z.object({ id, resolution: z.enum(["repair", "service"]).default("repair"), ...ruleWords });
export type PaidAlternativeRule = z.infer<typeof paidAlternativeSchema>;

/** Items received and then refused after inspection: whether they go back, and who pays (CONTRACT rule 16). */
export const refusedItemsSchema = z.object({ id, sendBack: z.boolean(), payer: z.enum(["customer", "store"]).default("customer"), ...ruleWords });
export type RefusedItemsRule = z.infer<typeof refusedItemsSchema>;

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

const percent = z.number().int("use a whole percentage").min(0, "cannot be negative").max(100, "at most 100%");

export const bonusRuleSchema = z.object({
  id,
  /** Percent of the items' refund added when the shopper takes store credit. */
  storeCreditPercent: percent.optional(),
  /** Percent of the items' refund added to an exchange's value. */
  exchangePercent: percent.optional(),
  ...ruleWords,
});
export type BonusRule = z.infer<typeof bonusRuleSchema>;

export const feesRuleSchema = z.object({
  id,
  /** Percent of the returned items' price kept as a restocking fee. */
  restockingPercent: percent.optional(),
  /** A fixed amount (shop currency) kept per return for the return label. */
  returnShippingFee: amount.optional(),
  ...ruleWords,
});
export type FeesRule = z.infer<typeof feesRuleSchema>;

/**
 * What an exchange may be for, and what happens to a difference in value. Without this rule an
 * exchange is another variant of the same product at the same price (a ring in another size).
 */
export const exchangeRuleSchema = z.object({
  id,
  /** Besides other variants of the same product, any other item in stock. */
  otherItems: z.boolean().default(false),
  /**
   * `same_value`: only items of the value paid. `refund_or_charge`: a cheaper item refunds the
   * difference to the original payment, a dearer one is charged. `store_credit_or_charge`: the
   * same with the difference on a cheaper item given as store credit.
   */
  difference: z.enum(["same_value", "refund_or_charge", "store_credit_or_charge"]).default("same_value"),
  ...ruleWords,
});
export type ExchangeRule = z.infer<typeof exchangeRuleSchema>;

/** A service's price as shoppers see it: free, a fixed amount in the shop's currency, or by quote. */
export const servicePriceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("free") }),
  z.object({ kind: z.literal("fixed"), amount }),
  z.object({ kind: z.literal("quote") }),
]);
export type ServicePrice = z.infer<typeof servicePriceSchema>;

/**
 * A deposit asked before quoted work starts (docs/decisions/023): a share of the quote in percent
 * (rounded down to a minor unit), or a fixed amount in the currency the shopper pays in. The rest
 * is invoiced when the piece is ready.
 */
export const depositSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("share"), percent: z.number().int().min(1, "at least 1%").max(99, "at most 99%: the whole price is a quote without a deposit") }),
  z.object({ kind: z.literal("amount"), amount }),
]);
export type Deposit = z.infer<typeof depositSchema>;

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
  /** Extra value for choosing store credit or an exchange instead of money back (policy editor). */
  bonus: bonusRuleSchema.optional(),
  /** What the store keeps from the refund (Shopify's restockingFee / returnShippingFee on a return). */
  fees: feesRuleSchema.optional(),
  /** What an exchange may be for and how a difference in value is settled. */
  exchange: exchangeRuleSchema.optional(),
  /** When the shopper's own return postage is repaid; never when absent. */
  postage: postageRuleSchema.optional(),
  /** Who pays to send home a repair, replacement or exchange. */
  outboundShipping: outboundShippingSchema.optional(),
  /** A claim refused for a cause the policy does not cover is quoted as paid work instead. */
  paidAlternative: paidAlternativeSchema.optional(),
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
  /**
   * Once the free uses are spent: the service is refused (absent, "refused") or still offered as
   * paid work by quote ("quoted": a second resize is quoted). A use counts once its ticket is
   * handed back worked; a cancelled ticket gives it back (docs/decisions/023).
   */
  thereafter: z.enum(["refused", "quoted"]).optional(),
  ...ruleWords,
});
export type Allowance = z.infer<typeof allowanceSchema>;

export const partsQuotaSchema = z.object({
  id,
  metafield: z.string().min(1),
  /** Basis points of the metafield's count: 100 = 1%. Rounded down. */
  basisPoints: z.number().int().positive("must be above 0").max(10_000, "a quota cannot be more than 100%"),
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
  /** The name shoppers see ("Polish and re-plate"); the service's usual name when absent. */
  label: z.string().trim().min(1).max(120).optional(),
  /** Free, fixed or by quote; when given it decides `charge` (free is free, the others paid). */
  price: servicePriceSchema.optional(),
  /** How long the work takes, in the shopper's words ("about two weeks"). */
  turnaround: z.object({ days: z.number().int().positive("must be at least 1").max(365).optional(), text }).optional(),
  /** How long a quote for this service's paid work stands unanswered before it expires (30 days when absent). */
  quoteValidityDays: z.number().int().positive("must be at least 1").max(365).optional(),
  /** A deposit asked before quoted work starts; none when absent. */
  deposit: depositSchema.optional(),
  /** How the piece travels: by post, by the store's courier, or brought to the shop. */
  transport: z.enum(["post", "store_courier", "in_store"]).optional(),
  /** When the shopper's own postage to the store is repaid; never when absent. */
  postage: postageRuleSchema.optional(),
  /** Who pays to send the work (or the parts) to the shopper. */
  outboundShipping: outboundShippingSchema.optional(),
});
export type ServiceRule = z.infer<typeof serviceRuleSchema>;

/**
 * Where the shopper sends the piece: who receives the parcel and the address as a carrier reads it,
 * with the shopper's instructions ("with the dispatch note"). Shown once a request is approved and
 * printed on the return slip that goes in the parcel.
 */
export const returnAddressSchema = z.object({
  id,
  name: z.string().trim().min(1, "say who receives the parcel").max(120),
  lines: z.array(z.string().trim().min(1, "an address line cannot be empty").max(120)).min(1, "give at least one address line").max(6, "at most six address lines"),
  country: z.string().regex(/^[A-Z]{2}$/, "a two-letter country code such as GB"),
  ...ruleWords,
});
export type ReturnAddress = z.infer<typeof returnAddressSchema>;

/**
 * When the money goes back for a return (issue 26): once the items are received (the default,
 * also when this rule is absent), once they are inspected, or on evidence of sending — a
 * tracking the carrier shows moving, or a proof of postage the merchant accepts — or receipt,
 * whichever comes first (seed 002: "until we have received the products back or you have
 * supplied evidence of having sent back the goods, whichever is the earliest").
 */
export const REFUND_MOMENTS = ["receipt", "inspection", "evidence_of_sending"] as const;
export type RefundMoment = (typeof REFUND_MOMENTS)[number];
export const refundTimingSchema = z.object({ id, when: z.enum(REFUND_MOMENTS), ...ruleWords });
export type RefundTimingRule = z.infer<typeof refundTimingSchema>;

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
      /**
       * Whether processing a return puts the items back in Shopify's stock (at the location they
       * shipped from). Absent means "never": returned jewellery is usually inspected, cleaned or
       * re-polished (and pierced earrings often cannot be resold) before it is sold again.
       */
      restockOnProcess: z.enum(RESTOCK_CHOICES).optional(),
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
    /** When a return's money goes; on receipt when absent. */
    refundTiming: refundTimingSchema.optional(),
    /** Items refused after inspection; without this rule they go back at the shopper's cost (CONTRACT rule 16). */
    refusedItems: refusedItemsSchema.optional(),
    /** Where returns are sent; no address shown when absent. */
    returnAddress: returnAddressSchema.optional(),
    /** Where warranty claims and services are sent, when not to the return address. */
    repairAddress: returnAddressSchema.optional(),
    /** Notes the merchant wants beside every decision (e.g. monitoring repeat returners). */
    notes: z.array(z.object({ id, ...ruleWords })).default([]),
    /**
     * Shopper-facing words in other languages: language code → rule path (as in decisions'
     * `rule`, e.g. "returns.exclusions.earrings-hygiene") → text. The default language is `text`.
     */
    translations: z.record(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "a language code such as fr or pt-BR"), z.record(z.string(), text)).optional(),
  })
  .superRefine((policy, ctx) => {
    const known = new Set(policy.groups.map((g) => g.id));
    const seen = new Set<string>();
    policy.groups.forEach((group, i) => {
      if (seen.has(group.id)) ctx.addIssue({ code: "custom", path: ["groups", i, "id"], message: `group "${group.id}" is defined twice`, params: { code: "groupTwice", id: group.id } });
      seen.add(group.id);
    });
    const check = (groups: string[] | undefined, path: (string | number)[]) =>
      groups?.forEach((g, i) => {
        if (!known.has(g)) ctx.addIssue({ code: "custom", path: [...path, i], message: `unknown item group "${g}"`, params: { code: "unknownGroup", id: g } });
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
      if (money && !rules.refund) ctx.addIssue({ code: "custom", path: [...path, "refund"], message: "say how money goes back when refunds are offered", params: { code: "refundMethodMissing" } });
    }
    const services = new Set<string>();
    policy.services.forEach((s, i) => {
      if (services.has(s.service)) ctx.addIssue({ code: "custom", path: ["services", i, "service"], message: `service "${s.service}" is configured twice`, params: { code: "serviceTwice", service: s.service } });
      services.add(s.service);
      check(s.appliesTo?.groups, ["services", i, "appliesTo", "groups"]);
      s.windows.forEach((w, j) => check(w.groups, ["services", i, "windows", j, "groups"]));
      const priceCharge = s.price ? (s.price.kind === "free" ? "free" : "paid") : null;
      if (priceCharge && priceCharge !== s.charge) {
        ctx.addIssue({ code: "custom", path: ["services", i, "charge"], message: `the price says ${priceCharge}, the charge says ${s.charge}`, params: { code: "chargeMismatch", price: priceCharge, charge: s.charge } });
      }
    });
  });

export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

/** Input shapes, for writing documents (presets, tests) that the schema then checks. */
export type WindowRuleInput = z.input<typeof windowRuleSchema>;
export type ConditionRuleInput = z.input<typeof conditionRuleSchema>;
export type CausesRuleInput = z.input<typeof causesRuleSchema>;
export type ReturnShippingInput = z.input<typeof returnShippingSchema>;
export type RefundRuleInput = z.input<typeof refundRuleSchema>;
export type PostageRuleInput = z.input<typeof postageRuleSchema>;
export type OutboundShippingInput = z.input<typeof outboundShippingSchema>;
