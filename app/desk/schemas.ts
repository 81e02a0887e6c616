import { z } from "zod";

/** What the desk's actions accept (client-safe: the routes' forms and the use-case module share them). */

export const declineSchema = z.object({
  reason: z.enum(["RETURN_PERIOD_ENDED", "FINAL_SALE", "OTHER"]),
  message: z.string().trim().min(1, "Write a message to the shopper").max(500),
});
export const inspectSchema = z.object({ asDescribed: z.boolean(), note: z.string().trim().max(2000).default("") });
export const noteSchema = z.object({ note: z.string().trim().min(1, "Write the note").max(2000) });
export const overrideSchema = z.object({
  lineId: z.string().min(1),
  decision: z.enum(["approve", "refuse"]),
  note: z.string().trim().min(1, "An override needs a note saying why").max(2000),
});
export const resolveSchema = z.object({
  method: z.enum(["refund", "store_credit", "repair", "replacement", "parts"]),
  /** Store credit only: days until it expires (null: never). */
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(null),
  note: z.string().trim().max(2000).default(""),
});
export type ResolveInput = z.input<typeof resolveSchema>;
