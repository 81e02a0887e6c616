import db from "../db.server";
import { env } from "../platform/env.server";
import { logger } from "../platform/logger.server";
import { getPublishedPolicy } from "../policies/published.server";
import { mailerFromEnv, type Mailer } from "../messaging/mailer.server";
import { guestCodes as guestCodeRows, requests } from "../repositories/index.server";
import { createRequestFlow, ORDER_CACHE_SECONDS } from "./flow.server";
import { createGuestCodes } from "./guest-codes.server";
import { sharedLimit } from "./limits.server";
import { photoStore } from "./photo-store.server";
import type { PhotoUse } from "./photos.server";

export { RequestFlowError } from "./errors";
export type { FlowContext, RequestFlow, RequestFlowDeps } from "./flow.server";
export { createRequestFlow } from "./flow.server";
export { memoryLimit, sharedLimit } from "./limits.server";
export { createPhotoStore, localFolderStorage, MAX_PHOTO_BYTES, MAX_PHOTOS, PhotoError, type PhotoStorage, type PhotoStore, type PhotoUse } from "./photos.server";

export { photoStore } from "./photo-store.server";

/** The request flow bound to the process's database, policy store, photos and secret. */
export const requestFlow = createRequestFlow({
  requests,
  policies: getPublishedPolicy,
  secret: env.SHOPIFY_API_SECRET,
  photos: photoStore,
  // Ten guesses per order number an hour, whoever makes them, counted across the app's processes.
  orderLookups: sharedLimit(db, { prefix: "lookup-order", points: 10, durationSeconds: 3600 }),
  log: logger,
  orderCacheSeconds: ORDER_CACHE_SECONDS,
});

let mailer: Mailer | null | undefined;

/** Guests' one-time codes, mailed through the app's SMTP relay (made on first use). */
export const guestCodes = createGuestCodes({
  flow: requestFlow,
  codes: guestCodeRows,
  secret: env.SHOPIFY_API_SECRET,
  mailer: () => (mailer === undefined ? (mailer = mailerFromEnv(env)) : mailer),
});
export { GUEST_CODE_MINUTES, GuestCodeRefused } from "./guest-codes.server";

/** Photos stored per uploader and shop: 60 an hour (ten full forms), counted across the app's processes. */
export const PHOTOS_PER_HOUR = 60;
const photoUploads = sharedLimit(db, { prefix: "photo-uploads", points: PHOTOS_PER_HOUR, durationSeconds: 3600 });

/**
 * Counts `count` photos against their uploader in this shop (the signed-in customer; a guest by
 * the order their grant opens, as a new lookup makes a new grant); false once the hour's
 * allowance is used up, and then nothing is stored.
 */
export async function mayStorePhotos(shop: string, use: PhotoUse, count: number): Promise<boolean> {
  const who = use.viewer.type === "customer" ? use.viewer.customerId : use.viewer.type === "guest" ? `guest:${use.orderId}` : "staff";
  for (let i = 0; i < count; i++) if (!(await photoUploads.consume(`${shop}:${who}`))) return false;
  return true;
}
