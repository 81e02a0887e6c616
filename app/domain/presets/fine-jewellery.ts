import type { OutboundShippingInput, PolicyInput, ReturnShippingInput, WindowRuleInput } from "../policy/schema";
import { GROUPS, NO_DISCOUNT_RULES, SOILED_OR_DAMAGED } from "./shared";

const customerShipsBothWays: ReturnShippingInput = {
  id: "customer-ships",
  payer: "customer",
  text: "Send the item by courier to our after-sales address; shipping both ways is yours.",
  source: "Send the item to the specified address via courier, with the customer responsible for the round-trip shipping costs.",
};

const customerPaysWayHome: OutboundShippingInput = {
  id: "customer-pays-way-home",
  payer: "customer",
  text: "Shipping the piece back to you is yours too.",
  source: "with the customer responsible for the round-trip shipping costs.",
};

const weSendRepairs: OutboundShippingInput = {
  id: "we-send-it",
  payer: "store",
  text: "We send the repaired piece or its replacement back to you free.",
  source: "Sparklife guarantees free repair or replacement service for issues arising from manufacturing defects within one year of purchase.",
};

const paidRepair = {
  id: "paid-repair",
  resolution: "repair" as const,
  text: "Damage that is not a quality issue can be repaired as a paid service.",
  source: "If accessories included with your purchased product (such as small diamonds, earring backs, and clasps) are damaged or lost due to reasons other than quality issues, Sparklife offers a paid repair service.",
};

const anyTime: WindowRuleInput[] = [{ id: "any-time", window: { unit: "unlimited" }, text: "Available for the life of the piece." }];

/** Reference policy 003: fine jewellery with diamonds (003_c1679a722189bc5b.txt). */
export const fineJewellery: PolicyInput = {
  schemaVersion: 1,
  name: "Fine jewellery",
  summary: "One-year manufacturing warranty, lifetime cleaning, one free resize in three months, 30-day returns.",
  groups: [GROUPS.adjustable],
  proofOfPurchase: { id: "not-required", required: false, text: "No separate proof of purchase is needed: we find your order." },
  returns: {
    exclusions: [],
    conditions: [
      {
        id: "unused",
        require: "unused",
        exemptIfFaulty: false,
        text: "Returned items must be unused and in a condition that does not affect resale.",
        source: "Returned items must be unused, retain original packaging, and be in a condition that does not affect resale.",
      },
      {
        id: "original-packaging",
        require: "original_packaging",
        exemptIfFaulty: false,
        text: "Return the product with its original packaging, certificate and everything it came with.",
        source: "send the product, including its packaging, certificate, etc., to our designated after-sales address.",
      },
      {
        ...SOILED_OR_DAMAGED.clean,
        text: "Returned items must not be soiled.",
        source: "Returned items must be unused, retain original packaging, and be in a condition that does not affect resale.",
      },
      {
        ...SOILED_OR_DAMAGED.undamaged,
        text: "Returned items must not be damaged, unless the damage is a quality issue.",
        source: "Returned items must be unused, retain original packaging, and be in a condition that does not affect resale.",
      },
    ],
    changeOfMind: {
      enabled: true,
      text: "Not satisfied? Contact us within 30 days of receiving the item.",
      windows: [
        {
          id: "thirty-days",
          window: { unit: "days", amount: 30, from: "receipt" },
          text: "Returns within 30 days of receiving the item.",
          source: "If you are not satisfied within 30 days of receiving the item, please contact customer service",
        },
      ],
      resolutions: ["refund"],
      refund: { id: "original-payment", method: "original_payment", text: "We refund you by your original payment method." },
      returnShipping: {
        id: "customer-pays",
        payer: "customer",
        text: "Return shipping is your responsibility.",
        source: "The shipping cost is the customer’s responsibility.",
      },
      postage: { id: "not-repaid", repaid: false, text: "Postage for a change-of-mind return is yours.", source: "The shipping cost is the customer’s responsibility." },
    },
    faulty: {
      enabled: true,
      text: "Quality issue? Contact us with photos; once confirmed, send the item back at our cost.",
      windows: [
        {
          id: "thirty-days",
          window: { unit: "days", amount: 30, from: "receipt" },
          text: "Contact us right away, within 30 days of receiving the item.",
          source: "If the item has quality issues, please contact customer service immediately",
        },
      ],
      causesCovered: {
        id: "quality-issues",
        causes: ["manufacturing"],
        text: "Returns at our cost are for quality issues with the piece itself.",
        source: "If the item has quality issues, please contact customer service immediately, provide photos of the quality issue",
      },
      resolutions: ["refund", "repair", "replacement"],
      refund: { id: "original-payment", method: "original_payment", text: "We refund you by your original payment method." },
      photos: {
        id: "quality-photos",
        text: "Please send photos of the quality issue.",
        source: "provide photos of the quality issue, and send the item to our designated address after confirmation by customer service.",
      },
      returnShipping: {
        id: "store-pays",
        payer: "store",
        text: "For returns due to quality issues, we cover the shipping.",
        source: "For returns due to quality issues, we will cover the shipping cost.",
      },
      postage: {
        id: "quality-issues",
        repaid: true,
        text: "For a quality issue we repay what you paid to send the item back, however you sent it.",
        source: "For returns due to quality issues, we will cover the shipping cost.",
      },
      outboundShipping: weSendRepairs,
      paidAlternative: paidRepair,
    },
  },
  warranty: {
    enabled: true,
    text: "Free repair or replacement for manufacturing defects within one year of purchase.",
    windows: [
      {
        id: "one-year",
        window: { unit: "years", amount: 1, from: "purchase" },
        text: "The warranty runs one year from purchase.",
        source: "Sparklife guarantees free repair or replacement service for issues arising from manufacturing defects within one year of purchase.",
      },
    ],
    causesNotCovered: {
      id: "not-covered",
      causes: ["accident", "misuse", "unauthorized_repair"],
      text: "The warranty does not cover accidental damage, improper use or unauthorised repairs.",
      source: "The warranty does not cover damage caused by accidental damage, improper use, or unauthorized repairs.",
    },
    causesCovered: {
      id: "manufacturing-defects",
      causes: ["manufacturing"],
      text: "The warranty covers issues arising from manufacturing defects.",
      source: "Sparklife guarantees free repair or replacement service for issues arising from manufacturing defects within one year of purchase.",
    },
    resolutions: ["repair", "replacement"],
    returnShipping: { id: "customer-ships", payer: "customer", text: "Send the item to our after-sales address." },
    outboundShipping: weSendRepairs,
    paidAlternative: paidRepair,
    charge: "free",
  },
  services: [
    {
      service: "cleaning",
      enabled: true,
      text: "Lifetime cleaning and maintenance to restore the brilliance of your diamonds.",
      windows: anyTime,
      allowance: {
        id: "lifetime",
        limit: null,
        key: "cleaning",
        text: "Cleaning is free for life.",
        source: "The jewelry you purchase will receive lifetime cleaning and maintenance services.",
      },
      charge: "free",
      resolution: "service",
      returnShipping: customerShipsBothWays,
      outboundShipping: customerPaysWayHome,
    },
    {
      service: "resize",
      enabled: true,
      text: "One free size adjustment within three months of purchase.",
      appliesTo: {
        groups: ["adjustable"],
        text: "Free resizing applies only to adjustable jewellery.",
        source: "(applicable only to adjustable jewelry)",
      },
      windows: [
        {
          id: "three-months",
          window: { unit: "months", amount: 3, from: "purchase" },
          text: "Within three months of purchase.",
          source: "Within three months of purchase, we offer one free size adjustment service",
        },
      ],
      allowance: { id: "once", limit: 1, key: "resize", text: "One free size adjustment per piece." },
      charge: "free",
      resolution: "service",
      returnShipping: customerShipsBothWays,
      outboundShipping: customerPaysWayHome,
    },
    {
      service: "redesign",
      enabled: true,
      text: "Redesign is a paid service, priced on your design requirements.",
      windows: anyTime,
      charge: "paid",
      resolution: "service",
      returnShipping: customerShipsBothWays,
      outboundShipping: customerPaysWayHome,
    },
    {
      service: "accessory_repair",
      enabled: true,
      text: "Paid repair of accessories (small diamonds, earring backs, clasps) damaged or lost for reasons other than quality issues.",
      windows: anyTime,
      charge: "paid",
      resolution: "repair",
      returnShipping: customerShipsBothWays,
      outboundShipping: customerPaysWayHome,
    },
    {
      service: "restoration",
      enabled: true,
      text: "Paid restoration: repolishing and replating to restore the metal's shine.",
      windows: anyTime,
      charge: "paid",
      resolution: "service",
      returnShipping: customerShipsBothWays,
      outboundShipping: customerPaysWayHome,
    },
  ],
  discounts: NO_DISCOUNT_RULES,
  refundTiming: { id: "on-receipt", when: "receipt", text: "We refund once the item has reached our after-sales address." },
  refusedItems: { id: "sent-back", sendBack: true, payer: "customer", text: "An item we cannot accept is sent back to you at your cost." },
  notes: [],
};
