import pino from "pino";

import { env } from "./env.server";

/** Structured logs (JSON lines) for the server; levels from LOG_LEVEL. */
export const logger = pino({ level: env.LOG_LEVEL, base: { app: "aftercare" } });
