import { z } from "zod";

import { REPAIR_STATES } from "./machine";
import { TABS } from "./queue-tabs";

/** The bench routes' request shapes (server-only: zod stays out of the pages' browser bundle). */

export const queueSearchSchema = z.object({
  tab: z.enum(TABS.map((t) => t.id) as [string, ...string[]]).default("open"),
  after: z.coerce.number().int().positive().max(2_000_000_000).optional(),
  mine: z.literal("1").optional(),
  state: z.enum(REPAIR_STATES).optional(),
});

export const ticketIdSchema = z.string().regex(/^[A-Za-z0-9-]{10,64}$/);

/** A form's checkbox or "true"/"false" field. */
export const formFlag = z.preprocess((v) => v === "true" || v === "on", z.boolean());
