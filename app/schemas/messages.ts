/**
 * What the request flow tells a shopper about their input, in English, by key. The schemas and the
 * flow write these English texts (the customer-account extension and the API show them as they
 * are); the storefront pages find the key again from the text and show the shopper's language
 * (app/storefront/i18n.ts, `localiseMessage`). `{name}` marks a value filled in by `shopperMessage`.
 * Safe to import in the browser.
 */
export const SHOPPER_MESSAGES = {
  chooseOrder: "Choose one of your orders.",
  chooseItem: "Choose an item from the order.",
  chooseVariant: "Choose a size or variant from the list.",
  enterOrderNumber: "Enter your order number.",
  orderNumberFormat: "Enter the order number from your confirmation, such as #1001.",
  enterContact: "Enter the email address or phone number used for the order.",
  contactTooLong: "That is too long for an email address or phone number.",
  sayHowMany: "Say how many.",
  wholeNumber: "Say how many, as a whole number.",
  atLeastOne: "Ask for at least one.",
  atMost: "You can ask about at most {n}.",
  chooseReason: "Choose a reason.",
  chooseCause: "Choose what happened from the list.",
  chooseKind: "Choose what you need: a return, a warranty claim or a service.",
  chooseService: "Choose a service from the list.",
  chooseResolution: "Choose refund, store credit or exchange.",
  chooseAtLeastOneItem: "Choose at least one item.",
  tooManyItems: "Choose at most {n} items.",
  itemOnce: "Each item can be chosen once.",
  noteTooLong: "Keep the note under {n} characters.",
  formExpired: "The form has expired; reload the page and try again.",
  openRequest: "This item already has an open request (number {number}).",
  openRequestNoNumber: "This item already has an open request.",
  notOnOrder: "This item has already been returned or is no longer on the order.",
  exchangeUnavailable: "That item is not available for an exchange; choose another.",
  exchangeNotOffered: "An exchange is not offered for this item; choose a refund instead.",
  notDelivered: "This item has not been delivered yet, so it cannot be sent back.",
  photoMissing: "A photo could not be found; add it again.",
  tooManyPhotos: "Add at most {n} photos.",
  photoEmpty: "{name} is empty.",
  photoTooLarge: "{name} is larger than {mb} MB; choose a smaller photo.",
  photoWrongType: "{name} is not a photo we can read ({type}); use JPEG, PNG, WebP or HEIC.",
  photoUnknownType: "{name} is not a photo we can read; use JPEG, PNG, WebP or HEIC.",
  photoDamaged: "{name} could not be opened; it may be damaged. Try another photo.",
  chooseCarrier: "Choose the carrier from the list.",
  enterCarrierName: "Enter the carrier's name.",
  carrierNameTooLong: "Keep the carrier's name under 60 characters.",
  enterTracking: "Enter the tracking number from your receipt.",
  trackingFormat: "That is not a {carrier} tracking number; copy it from your receipt.",
  trackingFormatOther: "Enter the tracking number as letters and digits, 6 to 40 of them.",
  chooseSendMethod: "Choose how you sent it: by post or by courier.",
  enterPostage: "Enter what you paid for postage, such as 3.20.",
  postageAboveCap: "We repay postage up to {max} {currency}; enter at most that amount.",
  parcelAlready: "Your parcel's details are already recorded for this request.",
  parcelNotAwaited: "This request is no longer waiting for your parcel.",
} as const;

export type ShopperMessageKey = keyof typeof SHOPPER_MESSAGES;

/** The English message for `key`, with its values filled in. */
export function shopperMessage(key: ShopperMessageKey, values: Record<string, string | number> = {}): string {
  return SHOPPER_MESSAGES[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
