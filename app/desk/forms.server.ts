import { z } from "zod";

import { DESK_STATUSES } from "./machine";
import { LIST_TABS } from "./list-tabs";
import { cancelSchema, declineSchema, inspectSchema, noteSchema, overrideSchema, quoteSchema, resolveSchema } from "./schemas";

/**
 * What the desk's routes read from a URL or a form, server side only. A schema built at the top
 * of a route module stays in that page's browser bundle (the compiler cannot tell that building
 * it has no side effect), and with it all of zod: 450 kB of JavaScript on the home, the list and
 * a request's page, which never validate anything in the browser (bench/results/desk-vitals.md).
 */

/** Home: retry a failed job. */
export const retryJobSchema = z.object({ intent: z.literal("retry-job"), jobId: z.string().min(1).max(64) });

/** The requests list's query string. */
export const listSearchSchema = z.object({
  tab: z.enum(LIST_TABS.map((t) => t.id) as [string, ...string[]]).default("open"),
  status: z.enum(DESK_STATUSES).optional(),
  kind: z.enum(["return", "warranty", "service"]).optional(),
  reason: z.string().max(40).optional(),
  resolution: z.string().max(40).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "from: a date like 2026-11-01").optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "to: a date like 2026-11-30").optional(),
  q: z.string().max(100).optional(),
  sort: z.enum(["newest", "oldest"]).default("newest"),
  after: z.string().max(200).optional(),
});

/** The requests list's bulk actions, one request at a time. */
export const bulkSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), id: z.string().min(1) }),
  z.object({ intent: z.literal("decline"), id: z.string().min(1), reason: declineSchema.shape.reason, message: declineSchema.shape.message }),
]);

/** A request's id in the URL. */
export const requestIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/);

/** A form field carrying JSON (the inspection's findings, one per item). */
const jsonField = z.string().max(100_000).transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "The findings could not be read: reload the page and record them again." });
    return z.NEVER;
  }
});

/** Every action of a request's page, by its intent. */
export const requestIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("decline") }).merge(declineSchema),
  z.object({ intent: z.literal("receive") }),
  z.object({ intent: z.literal("inspect"), lines: jsonField.pipe(inspectSchema.shape.lines), note: inspectSchema.shape.note }),
  z.object({ intent: z.literal("note") }).merge(noteSchema),
  z.object({ intent: z.literal("override") }).merge(overrideSchema),
  z.object({ intent: z.literal("preview"), method: resolveSchema.shape.method, expiresInDays: z.coerce.number().int().min(1).max(3650).nullable().default(null) }),
  z.object({ intent: z.literal("resolve"), method: resolveSchema.shape.method, expiresInDays: z.coerce.number().int().min(1).max(3650).nullable().default(null), note: resolveSchema.shape.note, parts: resolveSchema.shape.parts }),
  z.object({ intent: z.literal("quote") }).merge(quoteSchema),
  z.object({ intent: z.literal("exchange_preview") }),
  z.object({ intent: z.literal("invoice") }),
  z.object({ intent: z.literal("withdraw_quote") }),
  z.object({ intent: z.literal("release_hold") }),
  z.object({ intent: z.literal("cancel") }).merge(cancelSchema),
  z.object({ intent: z.literal("accept_evidence"), evidence: z.enum(["tracking", "proof"]), tracking: z.enum(["in_transit", "delivered"]).optional() }),
]);
