import type { CausesRuleInput, PolicyInput, WindowRuleInput } from "../policy/schema";
import { GROUPS, NO_DISCOUNT_RULES } from "./shared";

const appliesTo = {
  groups: ["crystal-set"],
  text: "The loose-crystal service is for our crystal-set cases and headsets.",
  source: "in the unlikely event that a crystal becomes loose or falls off, please contact us",
};

const firstClaimFree = {
  id: "first-claim",
  limit: 1,
  key: "loose-crystal",
  text: "The crystal service is free for a first-time replacement only.",
  source: "*We will replace or send a maximum of 1% of Swarovski Elements Crystals for a first time free replacement only.",
};

const onePercent = {
  id: "one-percent",
  metafield: "crystal_count",
  basisPoints: 100,
  text: "We replace at most 1% of the item's crystals: 10 for a case with 1,000.",
  source: "For example, if the product contains a 1,000 crystals, you will be entitled to a replacement of a maximum of 10 Swarovski Elements Crystals.",
};

const misuse: CausesRuleInput = {
  id: "misuse",
  causes: ["misuse", "accident", "alteration", "negligence", "care_advice_not_followed"],
  text: "The service does not apply to damage caused by improper treatment, abuse, alteration, negligence, misuse or accident.",
  source: "*Please note that this service will not apply if the damage is caused by improper treatment, abuse, alteration, negligence, misuse or accident.",
};

const noTimeLimit: WindowRuleInput[] = [{ id: "no-time-limit", window: { unit: "unlimited" }, text: "The crystal service has no time limit." }];

/** Reference policy 000: crystal phone cases and headsets (000_3cba6289a60b23dc.txt). */
export const crystalAccessories: PolicyInput = {
  schemaVersion: 1,
  name: "Crystal accessories",
  summary: "Loose crystals: replacement crystals by post, or the item repaired by us; first claim free, up to 1% of its crystals.",
  groups: [GROUPS.crystalSet],
  proofOfPurchase: {
    id: "order-confirmation",
    required: true,
    text: "Please provide your order confirmation or proof of purchase.",
    source: "You will need to provide the order confirmation details and or your proof of purchase to take advantage of this service.",
  },
  returns: {
    exclusions: [],
    conditions: [],
    changeOfMind: { enabled: false, text: "This store's published policy covers loose crystals only." },
    faulty: { enabled: false, text: "Loose crystals are handled by the crystal service." },
  },
  warranty: { enabled: false, text: "Loose crystals are handled by the crystal service." },
  services: [
    {
      service: "crystal_replacement",
      enabled: true,
      text: "We send you replacement crystals with instructions so you can fix the item yourself.",
      appliesTo,
      windows: noTimeLimit,
      allowance: firstClaimFree,
      charge: "free",
      resolution: "parts",
      partsQuota: onePercent,
      returnShipping: {
        id: "nothing-sent-back",
        payer: "none",
        text: "You keep your item: nothing needs to be posted to us.",
        source: "This method means you won’t be parted from your J’adore Adorn item or have to pay to post it to us",
      },
      outboundShipping: {
        id: "crystals-posted-free",
        payer: "store",
        text: "We post the replacement crystals to you free.",
        source: "*We will replace or send a maximum of 1% of Swarovski Elements Crystals for a first time free replacement only.",
      },
      liabilityAcknowledgement: {
        id: "diy-liability",
        text: "By choosing this option you carry out the work yourself and we are not liable for issues that arise from it.",
        source: "by choosing this service option, you are responsible for the renovation of your product … we are not liable for any issues that arise from you carrying out work on your item yourself.",
      },
      causesNotCovered: misuse,
    },
    {
      service: "repair_by_merchant",
      enabled: true,
      text: "Post your case or headset to us and we will fix it for you.",
      appliesTo,
      windows: noTimeLimit,
      allowance: firstClaimFree,
      charge: "free",
      resolution: "repair",
      partsQuota: onePercent,
      returnShipping: {
        id: "customer-pays-both-ways",
        payer: "customer",
        text: "You pay the postage to us and for us to send the item back.",
        source: "you will need to pay the postage for returning the product to us as well as the postage for us to resend it to you once the renovation is completed.",
      },
      postage: {
        id: "not-repaid",
        repaid: false,
        text: "Postage to send the item to us is yours.",
        source: "you will need to pay the postage for returning the product to us",
      },
      outboundShipping: {
        id: "customer-pays-resend",
        payer: "customer",
        text: "You also pay the postage for us to send it back to you once it is fixed.",
        source: "as well as the postage for us to resend it to you once the renovation is completed.",
      },
      causesNotCovered: misuse,
    },
  ],
  discounts: NO_DISCOUNT_RULES,
  refundTiming: { id: "on-receipt", when: "receipt", text: "We refund once we have received the item back." },
  refusedItems: { id: "sent-back", sendBack: true, payer: "customer", text: "An item we cannot repair under this service is sent back to you at your cost." },
  notes: [
    {
      id: "tracked-courier",
      text: "Use a signed-for, tracked courier and pack the item securely.",
      source: "we recommend that you use a signed‐for courier service that has tracking ability",
    },
  ],
};
