import type { OutboundShippingInput, PolicyInput, PostageRuleInput } from "../policy/schema";
import { GROUPS, NO_DISCOUNT_RULES, SOILED_OR_DAMAGED } from "./shared";

const postedWithProof: PostageRuleInput = {
  id: "posted-with-proof",
  repaid: true,
  methods: ["post"],
  proofRequired: true,
  domesticOnly: true,
  text: "We refund your postage for a faulty item sent by post from the UK, against proof of postage; other ways of sending are at your expense.",
  source: "Kesita Limited will only refund this postage, if the item has been posted and any other method used for returns will be at your own expense. Unfortunately, Kestia is unable to refund any shipping costs from overseas … Please ensure that the proof of postage is obtained from the post office prior to shipping",
};

const weSendItBack: OutboundShippingInput = {
  id: "we-send-it",
  payer: "store",
  text: "We send your repaired piece or its replacement to you at our cost.",
  source: "We can then arrange repair or replacement at our earliest convenience if appropriate. … an agreed alternative to the same or less value will be sent to you.",
};

const repairQuote = {
  id: "repair-quote",
  resolution: "repair" as const,
  text: "If the damage is not covered, we quote for repairing it instead.",
  source: "We will then contact you with our feedback regarding whether it is a damage covered by our warranty … If not, we will confirm or provide a quotation for the relevant repair.",
};

/** Reference policy 001: a UK jewellery brand (shared/reference-policies/001_b2063d9e8a4a667f.txt). */
export const ukJeweller: PolicyInput = {
  schemaVersion: 1,
  name: "UK jeweller",
  summary: "One-year manufacturing warranty, 30-day returns, faulty items refunded with delivery.",
  groups: [GROUPS.earrings, GROUPS.pierced, GROUPS.madeToOrder],
  proofOfPurchase: {
    id: "receipt",
    required: true,
    text: "Keep your receipt: it is your proof of purchase and your warranty.",
    source: "Please retain your receipt, or pass it onto the recipient if your item has been purchased as a gift as proof of original purchase. Your receipt acts as your warranty.",
  },
  returns: {
    exclusions: [
      {
        id: "engraved-or-special-order",
        groups: ["made-to-order"],
        unlessFaulty: true,
        text: "Engraved and special-order items cannot be returned unless they are faulty.",
        source: "Unfortunately, all items which have been engraved or are a special order, cannot be returned or refunded unless they are defective or faulty.",
      },
      {
        id: "earrings-hygiene",
        groups: ["earrings", "pierced"],
        unlessFaulty: true,
        text: "For hygiene reasons we cannot exchange or refund earrings unless they are faulty.",
        source: "For the reasons of hygiene, Kestia Limited is unable to accept exchanges or refunds for earrings, unless they are defective or faulty.",
      },
    ],
    conditions: [
      {
        id: "tags",
        require: "tags_attached",
        exemptIfFaulty: true,
        text: "Return items with their tags.",
        source: "All purchases must be returned complete, where applicable, with any tags, in their original packaging and with the dispatch note/receipt.",
      },
      {
        id: "original-packaging",
        require: "original_packaging",
        exemptIfFaulty: true,
        text: "Return items in their original packaging.",
        source: "Items not in original packaging with their relevant tags. … All items faulty or defective will not apply.",
      },
      {
        id: "unused",
        require: "unused",
        exemptIfFaulty: true,
        text: "Items which have been used cannot be returned.",
        source: "Items which have been used. … All items faulty or defective will not apply.",
      },
      {
        ...SOILED_OR_DAMAGED.undamaged,
        text: "Items returned damaged cannot be accepted unless they were faulty.",
        source: "Items returned which are deemed to be damaged from misuse, accidental damage or fair wear and tear.",
      },
      {
        ...SOILED_OR_DAMAGED.clean,
        text: "Items returned soiled cannot be accepted unless they were faulty.",
        source: "All purchases must be returned complete, where applicable, with any tags, in their original packaging",
      },
    ],
    causesNotCovered: {
      id: "damage",
      causes: ["misuse", "accident", "wear_and_tear"],
      text: "Items damaged by misuse, accident or fair wear and tear cannot be returned.",
      source: "Items returned which are deemed to be damaged from misuse, accidental damage or fair wear and tear.",
    },
    changeOfMind: {
      enabled: true,
      text: "Not 100% happy? Return it within 30 days of receipt for a full refund.",
      windows: [
        {
          id: "cancellation-14-working-days",
          window: { unit: "working_days", amount: 14, from: "receipt" },
          text: "You may cancel within 14 working days of receiving your order.",
          source: "customers are legally entitled to cancel their order within 14 working days of receipt of their product and return for a full refund",
        },
        {
          id: "returns-30-days",
          window: { unit: "days", amount: 30, from: "receipt" },
          text: "Returns are accepted within 30 days of receipt.",
          source: "in the unlikely event that you are not 100% happy with your purchase, it can be returned within 30 days of receipt.",
        },
      ],
      resolutions: ["refund", "exchange"],
      refund: {
        id: "original-payment",
        method: "original_payment",
        text: "Refunds go to the person who ordered, by the original method of payment.",
        source: "The refund will only be made to the original person who placed the order via the orignal method of payment.",
      },
      returnShipping: {
        id: "customer-pays",
        payer: "customer",
        text: "Return postage is at your expense unless the item is faulty.",
        source: "Postage can only be refunded for faulty or defective items.",
      },
      postage: {
        id: "not-repaid",
        repaid: false,
        text: "Postage for a change-of-mind return is not refunded.",
        source: "Postage can only be refunded for faulty or defective items.",
      },
      outboundShipping: { id: "exchange-sent", payer: "store", text: "An exchange is sent to you at our cost." },
    },
    faulty: {
      enabled: true,
      text: "Delivered defective, damaged or sent in error? Return it within 30 days of receipt for a refund including delivery.",
      windows: [
        {
          id: "faulty-30-days",
          window: { unit: "days", amount: 30, from: "receipt" },
          text: "Return a defective or damaged item within 30 days of receiving it.",
          source: "You must return any defective or damaged item to us within 30 days of receiving it.",
        },
      ],
      resolutions: ["refund", "repair", "replacement"],
      refund: {
        id: "original-payment",
        method: "original_payment",
        text: "We refund the price of the item by the original method of payment.",
        source: "we will refund the price of the item with any delivery charge.",
      },
      refundDelivery: {
        id: "delivery-charge",
        domesticOnly: true,
        text: "The delivery charge is refunded for faulty items; shipping costs from overseas cannot be refunded.",
        source: "we will refund the price of the item with any delivery charge. … Unfortunately, Kestia is unable to refund any shipping costs from overseas",
      },
      returnShipping: {
        id: "store-pays",
        payer: "store",
        text: "Postage is refunded for faulty or defective items sent by post.",
        source: "Postage can only be refunded for faulty or defective items. Kesita Limited will only refund this postage, if the item has been posted",
      },
      postage: postedWithProof,
      outboundShipping: weSendItBack,
      paidAlternative: repairQuote,
    },
  },
  warranty: {
    enabled: true,
    text: "We repair or replace manufacturing faults up to one year from purchase, or exchange for a piece of equal value.",
    windows: [
      {
        id: "one-year",
        window: { unit: "years", amount: 1, from: "purchase" },
        text: "The warranty runs for one year from your original date of purchase.",
        source: "Kestia will repair or replace any manufacturing faults up to 1 year from your original date of purchase.",
      },
    ],
    causesNotCovered: {
      id: "not-covered",
      causes: ["wear_and_tear", "tarnishing", "misuse", "accident", "chemical", "bathing", "wear_part"],
      text: "The warranty does not cover everyday wear and tear (including tarnishing), misuse or accidents, chemicals, wearing in the shower or bath, or wear parts such as leather, ribbons and bead stringing.",
      source: "This warranty does not include:- . General signs of everyday wear and tear including tarnishing. . Misuse or accidental damage. . Damage caused by chemicals (for example saltwater, chlorine or cosmetics). . Damage caused when our products have been worn in the shower or when bathing. . Wear and tear of wear parts such as leather, ribbons and bead stringing.",
    },
    causesCovered: {
      id: "manufacturing-faults",
      causes: ["manufacturing"],
      text: "The warranty covers manufacturing faults.",
      source: "Kestia will repair or replace any manufacturing faults up to 1 year from your original date of purchase.",
    },
    resolutions: ["repair", "replacement", "exchange"],
    returnShipping: {
      id: "store-pays",
      payer: "store",
      text: "Postage is refunded for faulty items sent by post.",
      source: "Postage can only be refunded for faulty or defective items.",
    },
    postage: postedWithProof,
    outboundShipping: weSendItBack,
    paidAlternative: repairQuote,
    charge: "free",
  },
  services: [],
  discounts: NO_DISCOUNT_RULES,
  refundTiming: {
    id: "on-receipt",
    when: "receipt",
    text: "As soon as we have received your item and the information asked for above, a full refund is made.",
    source: "As soon as all of the information required above has been received, a full refund will be provided for your item.",
  },
  refusedItems: {
    id: "sent-back",
    sendBack: true,
    payer: "customer",
    text: "An item we cannot accept once we have assessed it is sent back to you at your cost.",
    source: "We will then contact you with our feedback regarding whether it is a damage covered by our warranty or if the damage was due to accident, misuse or wear and tear",
  },
  returnAddress: {
    id: "return-address",
    name: "Kestia Limited",
    lines: ["P.O. Box 422", "Leatherhead", "Surrey", "KT22 2HH"],
    country: "GB",
    text: "Return items complete, with any tags, in their original packaging and with the dispatch note or receipt: put the return slip in the parcel.",
    source: "Please return items to: Kestia Limited P.O. Box 422 Leatherhead Surrey KT22 2HH … with the dispatch note/receipt.",
  },
  notes: [{ id: "statutory-rights", text: "This does not affect your statutory rights.", source: "This does not affect your statutory rights." }],
};
