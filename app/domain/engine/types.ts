import type { LocalDate } from "../calendar";
import type { OfferedCase, OutboundShippingRule, PaidAlternativeRule, PostageRule, ReturnShippingRule, ServicePrice, WindowRule } from "../policy/schema";
import type { OrderLine, RequestLine } from "../scenario";
import type { Blocker, Cause, Charge, OutboundShipping, Requirement, Resolution, ReturnShipping } from "../vocabulary";

// What the engine answers (Decision, re-exported by decide.ts) and what its parts pass each other on the way.

/** One rule's part in a line's decision, quoting the merchant's words. */
export type Explanation = {
  rule: string;
  outcome: "passed" | "blocked" | "exempt" | "applied";
  text: string;
  detail?: string;
};

export type CaseName = "change_of_mind" | "faulty" | "warranty" | "service";

export type LineDecision = {
  lineId: string;
  eligible: boolean;
  blockers: Blocker[];
  resolutions: Resolution[];
  charge: Charge | null;
  /** Parts this request may still get under the policy's parts quota: the quota less those already sent. */
  maxParts: number | null;
  /** The parts quota behind maxParts: the item's whole allowance and how many were sent before. */
  partsAllowance?: { total: number; sent: number };
  /** Services with a limited allowance: how many times it may still be asked for (the limit less those used). */
  allowanceLeft?: number;
  case: CaseName;
  explanation: Explanation[];
  /** Services: the price shoppers are shown and how long the work takes, when the policy says. */
  price?: ServicePrice;
  turnaround?: string;
  /** Rev 3: the item, received and refused after inspection, goes back to the shopper (rule 16). */
  sendBack: boolean;
  /** Rev 3: for a claim refused as not covered, the paid work the policy quotes instead (rule 17). */
  alternative: PaidAlternative | null;
};

export type PaidAlternative = { resolution: PaidAlternativeRule["resolution"]; charge: "paid" };

export type RefundDecision = {
  method: "original_payment" | "store_credit";
  items: string;
  shipping: string;
  /** Rev 3: the shopper's own return postage repaid (rule 15); part of `total`. */
  postage: string;
  total: string;
  storeCreditExpiresOn: LocalDate | null;
  currency: string;
  explanation: Explanation[];
  /** Added for choosing store credit, when the policy offers a bonus (policy editor). */
  bonus?: string;
  /**
   * Kept by the store, when the policy charges restocking or a return label. `restockingPercent`
   * is the rule's percentage, which Shopify's return carries per line (RestockingFeeInput).
   */
  fees?: { restocking: string; returnShipping: string; restockingPercent?: number };
};

export type Decision = {
  scenario: string;
  decidedOn: LocalDate;
  lines: LineDecision[];
  refund: RefundDecision | null;
  returnShipping: ReturnShipping;
  /** Rev 3: who pays to send the shopper what the request ends in (rule 18). */
  outboundShipping: OutboundShipping;
  requirements: Requirement[];
  notes: { rule: string; text: string }[];
};

export type LineContext = {
  requestLine: RequestLine;
  line: OrderLine;
  groups: Set<string>;
  faulty: boolean;
  /** What the line is decided on: the inspection's findings when there are any, else the shopper's word (rule 16). */
  condition: RequestLine["condition"];
  cause: Cause | null;
  inspected: boolean;
};

/** Per-decision memo of window end dates: anchors are order-level, so each rule is computed once. */
export type Clock = { today: LocalDate; lastDayOf(rule: WindowRule): LocalDate | null };

export type Outcome = {
  context: LineContext;
  decision: LineDecision;
  shipping: ReturnShippingRule | null;
  caseRules: OfferedCase | null;
  requirements: Requirement[];
  /** Where the line's case or service rules live in the policy ("returns.faulty", "services.cleaning"). */
  path: string;
  /** The eligible line's rules for repaying postage and for the journey home. */
  postage: PostageRule | null;
  outbound: { rule: OutboundShippingRule | null; fallback: "customer" | "store" } | null;
};
