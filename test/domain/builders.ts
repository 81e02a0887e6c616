import { evaluateScenario, type PolicyInput, type ScenarioInput } from "../../app/domain";
import { PRESET_DOCUMENTS } from "../../app/domain/presets";

type Line = NonNullable<ScenarioInput["order"]["lines"]>[number];
type RequestLine = ScenarioInput["request"]["lines"][number];

export const goodCondition = { used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false };

export function orderLine(overrides: Partial<Line> = {}): Line {
  return {
    id: "L1",
    title: "Silver bangle",
    productType: "Bracelets",
    tags: [],
    quantity: 1,
    unitPrice: "80.00",
    compareAtUnitPrice: null,
    discountAllocations: [],
    properties: {},
    metafields: { crystal_count: null, adjustable: false },
    ...overrides,
  };
}

export function requestLine(overrides: Partial<RequestLine> = {}): RequestLine {
  return {
    lineId: "L1",
    quantity: 1,
    reason: "changed_mind",
    cause: null,
    condition: goodCondition,
    partsRequested: null,
    ...overrides,
  };
}

/** A UK change-of-mind return of one bangle, delivered 23 Feb 2026, to be adjusted per test. */
export type ScenarioOverrides = {
  preset?: string;
  now?: string;
  shop?: ScenarioInput["shop"];
  order?: Partial<ScenarioInput["order"]>;
  request?: Partial<ScenarioInput["request"]>;
  history?: ScenarioInput["history"];
};

export function scenario(overrides: ScenarioOverrides = {}): ScenarioInput {
  return {
    id: "test",
    preset: overrides.preset ?? "uk-jeweller",
    now: overrides.now ?? "2026-03-10T12:00:00Z",
    shop: overrides.shop ?? { country: "GB", timezone: "Europe/London", currency: "GBP" },
    order: {
      placedAt: "2026-02-20T10:00:00Z",
      deliveredAt: "2026-02-23T15:00:00Z",
      shippingCountry: "GB",
      shippingCharged: "4.95",
      discounts: [],
      lines: [orderLine()],
      ...overrides.order,
    },
    request: {
      kind: "return",
      service: null,
      preferredResolution: null,
      lines: [requestLine()],
      proofOfPurchase: true,
      photos: 0,
      usesStoreCourier: false,
      liabilityAccepted: false,
      ...overrides.request,
    },
    history: overrides.history ?? [],
  };
}

export type Preset = keyof typeof PRESET_DOCUMENTS;
type Case = PolicyInput["returns"]["faulty"];
type Offered = Extract<Case, { enabled: true }>;

/** A preset's policy document, edited for one test. */
export function edited(preset: Preset, edit: (policy: PolicyInput) => void = () => {}): PolicyInput {
  const policy = structuredClone(PRESET_DOCUMENTS[preset]) as PolicyInput;
  edit(policy);
  return policy;
}

/** A case the policy offers, to edit its rules. */
export function offered(c: Case | PolicyInput["warranty"]): Offered {
  if (!c.enabled) throw new Error("fixture: the case is not offered");
  return c as Offered;
}

/** One of the policy's services, to edit its rules. */
export function service(policy: PolicyInput, name: string) {
  const found = policy.services.find((s) => s.service === name);
  if (!found) throw new Error(`fixture: no ${name} service`);
  return found;
}

/** The decision for a scenario under an edited policy. */
export const under = (policy: PolicyInput, overrides: ScenarioOverrides = {}) => evaluateScenario({ ...scenario(overrides), preset: null, policy });
