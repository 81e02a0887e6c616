import { z } from "zod";

import { decide, describeIssues, scenarioSchema, ScenarioError, type Decision, type Policy } from "../domain";
import { policySchema } from "../domain/policy/schema";
import { requestSchema, type Order, type ShopContext } from "../domain/scenario";
import type { PolicyRepository } from "../repositories/policies.server";
import type { PolicyService } from "./service.server";

/**
 * "Try a scenario": one order and one request decided by the draft and by the live policy side
 * by side, with the same engine the storefront uses. The order is a real one fetched through
 * the gateway by the caller, or one the merchant composed.
 */
export const simulationRequestSchema = requestSchema;

export const composedOrderSchema = z.object({
  placedAt: z.iso.date("a date such as 2026-03-01"),
  deliveredAt: z.iso.date("a date such as 2026-03-04").nullable(),
  shippingCountry: z.string().length(2).nullable(),
  shippingCharged: z.string().regex(/^\d+(\.\d+)?$/, "an amount such as 4.95"),
  lines: z
    .array(
      z.object({
        id: z.string().min(1),
        title: z.string().min(1, "name the item"),
        productType: z.string(),
        tags: z.array(z.string()),
        quantity: z.number().int().positive(),
        unitPrice: z.string().regex(/^\d+(\.\d+)?$/, "an amount such as 80.00"),
        compareAtUnitPrice: z.string().regex(/^\d+(\.\d+)?$/).nullable(),
        properties: z.record(z.string(), z.string()),
        metafields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      }),
    )
    .min(1),
});
export type ComposedOrder = z.infer<typeof composedOrderSchema>;

/** Noon UTC on a date: the simulator works in whole days. */
const noon = (date: string) => `${date}T12:00:00Z`;

export function composedToOrder(composed: ComposedOrder): Order {
  return {
    placedAt: noon(composed.placedAt),
    deliveredAt: composed.deliveredAt ? noon(composed.deliveredAt) : null,
    fulfilledAt: null,
    currency: null,
    shippingCountry: composed.shippingCountry,
    shippingCharged: composed.shippingCharged,
    shippingRefunded: "0",
    discounts: [],
    lines: composed.lines.map((l) => ({ ...l, refundedQuantity: 0, collections: [], discountAllocations: [] })),
  } as Order;
}

/**
 * What the simulator's form posts: the day to decide on, an order (one of the shop's, or composed)
 * and the shopper's request. Here rather than in the route, whose browser bundle would otherwise
 * carry zod for a schema the browser never uses.
 */
export const simulationPayloadSchema = z.object({
  now: z.iso.date("a date such as 2026-03-15"),
  source: z.discriminatedUnion("kind", [z.object({ kind: z.literal("order"), orderId: z.string().min(1) }), z.object({ kind: z.literal("compose"), order: composedOrderSchema })]),
  request: simulationRequestSchema,
});

/** The simulator's form: what to do, the scenario as JSON, and a name to save it under. */
export const simulationFormSchema = z.object({ intent: z.enum(["simulate", "save"]), payload: z.string().max(200_000), name: z.string().trim().max(120).optional() });

export type SideBySide = { draft: Decision | { error: string } | null; published: Decision | { error: string } };

function decideOrError(policy: Policy, scenario: unknown): Decision | { error: string } {
  try {
    return decide(policy, scenario as Parameters<typeof decide>[1]);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export function createSimulator({ policies, service }: { policies: PolicyRepository; service: PolicyService }) {
  /** Builds and checks the scenario (CONTRACT shape, without a policy); ScenarioError when it does not hold. */
  function scenarioOf(input: { now: string; shop: ShopContext; order: Order; request: unknown; history?: unknown[] }) {
    const parsed = scenarioSchema.safeParse({ id: "simulation", preset: "simulation", policy: null, now: noon(input.now), shop: input.shop, order: input.order, request: input.request, history: input.history ?? [] });
    if (!parsed.success) throw new ScenarioError(describeIssues(parsed.error));
    return parsed.data;
  }

  return {
    scenarioOf,

    async run(shop: string, input: { now: string; shop: ShopContext; order: Order; request: unknown }): Promise<SideBySide & { scenario: unknown }> {
      const scenario = scenarioOf(input);
      const [draftRow, live] = await Promise.all([policies.draft(shop), service.live(shop)]);
      let draft: SideBySide["draft"] = null;
      if (draftRow) {
        const parsed = policySchema.safeParse(JSON.parse(draftRow.documentJson));
        draft = parsed.success ? decideOrError(parsed.data, scenario) : { error: "the draft does not parse" };
      }
      const { preset: _preset, policy: _policy, ...stored } = scenario;
      return { draft, published: decideOrError(live.policy, scenario), scenario: stored };
    },

    async save(shop: string, name: string, input: { now: string; shop: ShopContext; order: Order; request: unknown }) {
      const { preset: _preset, policy: _policy, ...stored } = scenarioOf(input);
      return policies.saveScenario(shop, name, JSON.stringify({ ...stored, id: name }));
    },
  };
}
