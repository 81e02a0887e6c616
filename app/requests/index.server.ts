import db from "../db.server";
import { env } from "../env.server";
import { logger } from "../logger.server";
import { getPublishedPolicy } from "../policies/published.server";
import { requests } from "../repositories/index.server";
import { createRequestFlow, ORDER_CACHE_SECONDS } from "./flow.server";
import { sharedLimit } from "./limits.server";
import { photoStore } from "./photo-store.server";

export { RequestFlowError } from "./errors";
export type { FlowContext, RequestFlow, RequestFlowDeps } from "./flow.server";
export { createRequestFlow } from "./flow.server";
export { memoryLimit, sharedLimit } from "./limits.server";
export { createPhotoStore, localFolderStorage, MAX_PHOTO_BYTES, MAX_PHOTOS, PhotoError, type PhotoStorage, type PhotoStore } from "./photos.server";

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
