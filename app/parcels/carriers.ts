import { dhl, fedex, getTracking, s10, ups, usps } from "ts-tracking-number";

type Courier = Parameters<typeof getTracking>[1] extends readonly (infer C)[] | undefined ? C : never;

/**
 * The carriers a shopper may name for the parcel going back, each with the tracking numbers it
 * issues (checked with ts-tracking-number's patterns and check digits, never by hand) and the page
 * where anyone can follow the parcel. Royal Mail's and Parcelforce's tracked services use the
 * UPU S10 format ("AB123456785GB"); "other" (a local courier, the store's own courier such as
 * Aramex) takes any plain reference and has no link of ours. Safe to import in the browser.
 */
export const CARRIERS = ["royal_mail", "parcelforce", "dhl", "ups", "fedex", "usps", "other"] as const;
export type Carrier = (typeof CARRIERS)[number];

export const CARRIER_NAMES: Record<Carrier, string> = {
  royal_mail: "Royal Mail",
  parcelforce: "Parcelforce",
  dhl: "DHL",
  ups: "UPS",
  fedex: "FedEx",
  usps: "USPS",
  other: "Other",
};

const PATTERNS: Record<Exclude<Carrier, "other">, readonly Courier[]> = {
  royal_mail: [s10],
  parcelforce: [s10],
  dhl: [dhl],
  ups: [ups],
  fedex: [fedex],
  usps: [usps, s10],
};

/** The carrier's public tracking page, `%s` the number. */
const TRACKING_PAGES: Record<Exclude<Carrier, "other">, string> = {
  royal_mail: "https://www.royalmail.com/track-your-item#/tracking-results/%s",
  parcelforce: "https://www.parcelforce.com/track-trace?trackNumber=%s",
  dhl: "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=%s",
  ups: "https://www.ups.com/track?tracknum=%s",
  fedex: "https://www.fedex.com/fedextrack/?trknbr=%s",
  usps: "https://tools.usps.com/go/TrackConfirmAction?tLabels=%s",
};

/** Any other carrier's reference: letters, digits and dashes, 6 to 40 of them. */
const PLAIN_REFERENCE = /^[A-Z0-9][A-Z0-9-]{4,38}[A-Z0-9]$/;

/** The tracking number as carriers print it: capitals, no spaces. */
export function normaliseTracking(number: string): string {
  return number.replace(/[\s\u00a0]+/g, "").toUpperCase();
}

/** The normalised number when it is one `carrier` issues (format and check digit), else null. */
export function checkTracking(carrier: Carrier, number: string): string | null {
  const plain = normaliseTracking(number);
  if (!plain || plain.length > 40) return null;
  if (carrier === "other") return PLAIN_REFERENCE.test(plain) ? plain : null;
  if (carrier === "royal_mail" && !plain.endsWith("GB")) return null;
  return getTracking(plain, PATTERNS[carrier]) ? plain : null;
}

/** The carrier's tracking page for the number, or null ("other"). */
export function trackingUrl(carrier: Carrier, number: string): string | null {
  if (carrier === "other") return null;
  return TRACKING_PAGES[carrier].replace("%s", encodeURIComponent(number));
}
