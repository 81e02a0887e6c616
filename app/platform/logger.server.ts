import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

import pino from "pino";

import { env } from "./env.server";

/** What every log line written while serving one request carries. */
type RequestContext = { requestId: string };

const requests = new AsyncLocalStorage<RequestContext>();

/**
 * Structured logs (JSON lines) for the server; levels from LOG_LEVEL. Inside a request
 * (`withRequest`) every line, whoever writes it, carries the request's id: the mixin reads it
 * from the request's async context, so code deep in a repository or job needs no logger passed
 * down (a child logger per request would need passing; this binds the same field everywhere,
 * and a call that names requestId itself does not print it twice). Lines carry ids, shops, topics and reasons: never a customer's name, email or address,
 * and never a query string (app proxy look-ups put an email there).
 */
export const logger = pino({
  level: env.LOG_LEVEL,
  base: { app: "aftercare" },
  mixin: () => {
    const context = requests.getStore();
    return context ? { requestId: context.requestId } : {};
  },
});

/** An X-Request-Id worth keeping (a proxy's or load balancer's id), or a fresh one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}

/** Runs `serve` with `requestId` on every log line written during it. */
export function withRequest<T>(requestId: string, serve: () => T): T {
  return requests.run({ requestId }, serve);
}

/** The current request's id, if any. */
export function currentRequestId(): string | undefined {
  return requests.getStore()?.requestId;
}
