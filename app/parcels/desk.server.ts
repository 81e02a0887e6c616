import { formatMoneyIn } from "../domain/money";
import { parcels } from "./index.server";

/** The parcel as the desk shows it: carrier, tracking with its link, postage paid and repaid, the proof photo's key. */
export type DeskParcel = {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  method: string;
  paid: string;
  repaid: string;
  repaidMinor: number;
  proofKey: string | null;
  proofNeeded: boolean;
  inShopify: boolean;
  enteredBy: string;
  explanation: { text: string; outcome: string; detail: string | null }[];
};

export async function parcelForDesk(shop: string, requestId: string, locale: string): Promise<DeskParcel | null> {
  const view = await parcels.view(shop, requestId);
  if (!view) return null;
  return {
    carrier: view.carrierName,
    trackingNumber: view.trackingNumber,
    trackingUrl: view.trackingUrl,
    method: view.method,
    paid: formatMoneyIn(view.postage.amountMinor, view.postage.currency, locale),
    repaid: formatMoneyIn(view.repaid.amountMinor, view.repaid.currency, locale),
    repaidMinor: view.repaid.amountMinor,
    proofKey: view.proofKey,
    proofNeeded: view.proofNeeded,
    inShopify: view.inShopify,
    enteredBy: view.enteredBy,
    explanation: view.explanation,
  };
}
