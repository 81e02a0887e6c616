import { RateLimiterMemory } from "rate-limiter-flexible";

import { env } from "../env.server";
import { logger } from "../logger.server";
import { getPublishedPolicy } from "../policies/published.server";
import { requests } from "../repositories/index.server";
import { createRequestFlow, ORDER_CACHE_SECONDS, type RateLimit } from "./flow.server";
import { createPhotoStore, localFolderStorage } from "./photos.server";

export { RequestFlowError } from "./errors";
export type { FlowContext, RequestFlow, RequestFlowDeps } from "./flow.server";
export { createRequestFlow } from "./flow.server";
export { createPhotoStore, localFolderStorage, MAX_PHOTO_BYTES, MAX_PHOTOS, PhotoError, type PhotoStorage, type PhotoStore } from "./photos.server";

/**
 * In-process limits (rate-limiter-flexible). One process holds the counts; a deployment with
 * several processes swaps in its database- or Redis-backed limiter of the same library.
 */
export function memoryLimit(points: number, durationSeconds: number): RateLimit {
  const limiter = new RateLimiterMemory({ points, duration: durationSeconds });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Shoppers' photos, in the folder AFTERCARE_PHOTO_DIR names. */
export const photoStore = createPhotoStore(localFolderStorage(env.AFTERCARE_PHOTO_DIR));

/** The request flow bound to the process's database, policy store, photos and secret. */
export const requestFlow = createRequestFlow({
  requests,
  policies: getPublishedPolicy,
  secret: env.SHOPIFY_API_SECRET,
  photos: photoStore,
  // Ten guesses per order number an hour, whoever makes them.
  orderLookups: memoryLimit(10, 3600),
  log: logger,
  orderCacheSeconds: ORDER_CACHE_SECONDS,
});
