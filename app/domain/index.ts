/**
 * Aftercare's domain core: the policy model, the engine that decides requests, money and
 * calendars. Pure TypeScript: no framework, database, Shopify or Node imports (lint enforces it),
 * so the server, the CLI and the browser run the same code.
 */
export { decide, type Decision, type Explanation, type LineDecision, type PaidAlternative, type RefundDecision } from "./engine/decide";
export { redecideWithInspection, type InspectionFinding } from "./inspect";
export { policySchema, type Policy, type PolicyInput } from "./policy/schema";
export { PRESET_DOCUMENTS, PRESET_NAMES, isPresetName, presetPolicy, type PresetName } from "./presets";
export {
  describeIssues,
  inspectionSchema,
  postageSchema,
  returnableQuantity,
  scenarioSchema,
  type Inspection,
  type Postage,
  type Scenario,
  type ScenarioInput,
} from "./scenario";
export { evaluateScenario, ScenarioError } from "./evaluate";
export { currencyOf, exponentOf, formatMinorUnits, formatMoney, formatMoneyIn, shopLocale, minorUnits, money, MoneyError, parseMinorUnits, parseMoney, shareOfMinor, type Money } from "./money";
export * from "./vocabulary";
export { exchangeOffers, netSettlement, type ExchangeCandidate, type ExchangeOffer, type ExchangeSettlement } from "./engine/exchange";
