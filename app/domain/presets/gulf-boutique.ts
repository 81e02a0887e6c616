import type { PolicyInput, PostageRuleInput, RefundRuleInput, ReturnShippingInput, WindowRuleInput } from "../policy/schema";
import { GROUPS, SOILED_OR_DAMAGED } from "./shared";

const storeCourier: ReturnShippingInput = {
  id: "store-courier",
  payer: "store_with_own_courier",
  text: "Return courier costs are ours only when you book our courier, Aramex, through your account.",
  source: "We will bear the costs of the courier for returning the products only if you use or selected courier service provider, Aramex, through your Account on the Website.",
};

const ownCourierOnly: PostageRuleInput = {
  id: "own-courier-only",
  repaid: false,
  text: "We pay for our own courier, Aramex, which we book for you; postage you pay yourself is not refunded.",
  source: "We will bear the costs of the courier for returning the products only if you use or selected courier service provider, Aramex, through your Account on the Website.",
};

const eCredit: RefundRuleInput = {
  id: "ecredit-90-days",
  method: "store_credit",
  storeCreditExpiryDays: 90,
  text: "Refunds are made as an eCredit note, valid for 90 days from the date of the return.",
  source: "we will carry out such reimbursement in the form of eCredit note. … The eCredit note will be valid for 90 days from the date of the return.",
};

const windows: WindowRuleInput[] = [
  {
    id: "thirty-days",
    window: { unit: "days", amount: 30, from: "receipt" },
    text: "Return products within 30 days from receipt of your order.",
    source: "you have the right to return the products within 30 days from receipt of your order.",
  },
  {
    id: "pens-14-days",
    groups: ["pens"],
    window: { unit: "days", amount: 14, from: "purchase" },
    text: "Pens must be returned within 14 days of purchase.",
    source: "Pens return (since it is difficult to determine if they have/have not been used) must be returned within 14 days of purchase.",
  },
];

/** Reference policy 002: a crystal boutique in Saudi Arabia (002_fc2301219b958670.txt). */
export const gulfBoutique: PolicyInput = {
  schemaVersion: 1,
  name: "Gulf boutique",
  summary: "30-day returns of unused items with tags, box and invoice, refunded as eCredit valid 90 days.",
  groups: [GROUPS.pierced, GROUPS.madeToOrder, GROUPS.onSale, GROUPS.pens, GROUPS.watches, GROUPS.activeCrystals],
  proofOfPurchase: {
    id: "invoice",
    required: true,
    text: "We need a valid proof of purchase: the online invoice or the store receipt.",
    source: "We require a valid proof of purchase. This can be the online invoice or store invoice/receipt.",
  },
  returns: {
    exclusions: [
      {
        id: "pierced-earrings",
        groups: ["pierced"],
        unlessFaulty: false,
        text: "For hygiene reasons pierced earrings (and sets with pierced earrings) cannot be returned or exchanged, even if never worn.",
        source: "We are not able to accept returns or exchanges of pierced earrings (including sets with pierced earrings) due to hygienic reasons. This applies even in cases where the earrings have never been worn.",
      },
      {
        id: "sale",
        groups: ["on-sale"],
        unlessFaulty: false,
        text: "Goods on sale or promotion cannot be refunded.",
        source: "Goods on sale or promotion can not be refunded.",
      },
      {
        id: "customised",
        groups: ["made-to-order"],
        unlessFaulty: false,
        text: "Customised products cannot be replaced or returned.",
        source: "Customized products cannot be replaced or returned.",
      },
      {
        id: "active-crystals",
        groups: ["active-crystals"],
        unlessFaulty: true,
        text: "Active Crystals® can only be returned if defective.",
        source: "Active Crystals® returns will only be accepted if the product is defective.",
      },
    ],
    conditions: [
      {
        id: "unused",
        require: "unused",
        exemptIfFaulty: false,
        text: "Products must be returned unused and in the same condition as received.",
        source: "All products must be returned to us unused and with all Swarovski and designer tags, if any, still attached and in the same condition as received",
      },
      {
        id: "tags",
        require: "tags_attached",
        exemptIfFaulty: false,
        text: "All tags must still be attached.",
        source: "with all Swarovski and designer tags, if any, still attached",
      },
      {
        id: "box",
        require: "original_packaging",
        exemptIfFaulty: false,
        text: "Return products in their original box and packaging.",
        source: "in their original box and packaging, along with the original invoice",
      },
      {
        id: "sealed",
        require: "unopened_packaging",
        exemptIfFaulty: false,
        text: "We cannot accept returns whose original packaging has been opened or tampered with.",
        source: "We will not accept any returns if the original packaging has been opened or tampered with.",
      },
      {
        id: "watches-unworn",
        require: "unworn",
        groups: ["watches"],
        exemptIfFaulty: false,
        text: "Watches are accepted only if they have not been worn or altered.",
        source: "Watch returns will only be accepted if the watch has not been worn or altered.",
      },
      {
        ...SOILED_OR_DAMAGED.clean,
        text: "Returns that are soiled may not be accepted.",
        source: "Returns that are damaged or soiled may not be accepted and may be returned to you.",
      },
      {
        ...SOILED_OR_DAMAGED.undamaged,
        text: "Returns that are damaged may not be accepted.",
        source: "Returns that are damaged or soiled may not be accepted and may be returned to you.",
      },
    ],
    changeOfMind: {
      enabled: true,
      text: "Not completely satisfied? Return products within 30 days from receipt.",
      windows,
      resolutions: ["store_credit"],
      refund: eCredit,
      returnShipping: storeCourier,
      postage: ownCourierOnly,
    },
    faulty: {
      enabled: true,
      text: "Defective items are accepted within the return period when the defect is not caused after purchase.",
      windows,
      causesNotCovered: {
        id: "after-purchase",
        causes: ["accident", "misuse", "alteration", "unauthorized_repair", "negligence", "wear_and_tear", "care_advice_not_followed"],
        text: "Defects caused by accident, misuse, abuse, modification, attempted repair, negligence, ordinary wear and tear or not following the Care Advice are not covered.",
        source: "Returns of defective items are limited to defects not caused by accident, misuse, abuse, modification, attempted repair, negligence after purchase, ordinary wear and tear and/or failure to follow the product’s Care Advice.",
      },
      resolutions: ["store_credit"],
      refund: eCredit,
      returnShipping: storeCourier,
      postage: ownCourierOnly,
    },
  },
  warranty: { enabled: false, text: "This store publishes no warranty beyond its return policy." },
  services: [],
  discounts: {
    recheckMinimumSpend: {
      enabled: true,
      text: "If a partial return brings the rest of the order below an offer's minimum purchase, the discount is deducted from the refund.",
      source: "If the items returned bring the remaining total below the minimum purchase level of the offer, then the discounted amount will be deducted from the refund amount.",
    },
    staggeredRefundLowest: {
      enabled: true,
      text: "For promotions with staggered prices, the lowest amount is refunded.",
      source: "In case of a promotion with staggered prices, always the lowest amount will be refunded.",
    },
  },
  refundTiming: {
    id: "receipt-or-evidence",
    when: "evidence_of_sending",
    text: "We refund once we have received the products back or you have shown us evidence of having sent them back, whichever comes first.",
    source: "We may withhold reimbursement until we have received the products back or you have supplied evidence of having sent back the goods, whichever is the earliest.",
  },
  refusedItems: {
    id: "returned-to-you",
    sendBack: true,
    payer: "customer",
    text: "Returns we cannot accept, such as damaged or soiled items or defective items outside our return policy, are sent back to you.",
    source: "Returns that are damaged or soiled may not be accepted and may be returned to you. … If we receive any return of defective items outside of our return policy, we will return such item back to you",
  },
  notes: [
    {
      id: "repeat-returns",
      text: "We monitor the number of returns and may refuse orders from customers who return repeatedly.",
      source: "we monitor the number of returns made by customers and may refuse to accept orders at our discretion if products are returned repeatedly.",
    },
    {
      id: "one-shipment",
      text: "Please send all items from an order in the same shipment.",
      source: "Please send all items you wish to return from an order in the same shipment",
    },
  ],
};
