import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

import type { Database } from "../platform/db-client.server";
import type { RateLimit } from "./flow.server";

export type LimitOptions = { prefix: string; points: number; durationSeconds: number };

function wrap(limiter: RateLimiterAbstract): RateLimit {
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },
  };
}

/** Counts held by this process only (tests, one-off scripts). */
export function memoryLimit(points: number, durationSeconds: number): RateLimit {
  return wrap(new RateLimiterMemory({ points, duration: durationSeconds }));
}

/**
 * Counts held in the app's database (rate-limiter-flexible's Prisma store, the
 * RateLimiterFlexible table, on SQLite and PostgreSQL alike), so every process of the app shares
 * them: a guesser spread over several processes is counted once. If the database cannot be
 * reached the library falls back to counting in this process (its insurance limiter) rather than
 * letting every attempt through or refusing every shopper.
 */
export function sharedLimit(db: Database, options: LimitOptions): RateLimit {
  return wrap(
    new RateLimiterPrisma({
      storeClient: db,
      keyPrefix: options.prefix,
      points: options.points,
      duration: options.durationSeconds,
      insuranceLimiter: new RateLimiterMemory({ points: options.points, duration: options.durationSeconds, keyPrefix: options.prefix }),
    }),
  );
}
