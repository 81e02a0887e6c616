import { z } from "zod";

import { CAUSES } from "../domain/vocabulary";
import { REPAIR_STATES, type RepairMove } from "./machine";

/**
 * What the bench's moves accept (client-safe: the ticket page's forms and the use cases share
 * them). Every move names the state the page showed (`from`): the move is made from exactly that
 * state, so a stale page or a second click is refused and changes nothing. Their messages are the
 * admin catalogue's keys (`ticket.error.*`): the bench and the counter say them in their reader's language.
 */

const text = (max: number, message: string) => z.string().trim().min(1, message).max(max);
const optionalText = (max: number) => z.string().trim().max(max).default("");
/** A decimal amount as typed ("120", "120.50"); checked against the ticket's currency by the use case. */
const amount = z.string().trim().regex(/^\d{1,12}(\.\d{1,3})?$/, "ticket.error.amount");
const from = z.enum(REPAIR_STATES);

export const intakeSchema = z.object({
  move: z.literal("intake"),
  from,
  description: text(2000, "ticket.error.description"),
  condition: text(2000, "ticket.error.condition"),
  declaredValue: z.union([amount, z.literal("")]).default(""),
  instructions: optionalText(2000),
  termsAccepted: z.literal(true, { message: "ticket.error.terms" }),
  turnaroundDays: z.coerce.number().int().min(1, "ticket.error.turnaround").max(365).nullable().default(null),
  rush: z.boolean().default(false),
  location: optionalText(120),
});

export const assessSchema = z.object({
  move: z.literal("assess"),
  from,
  cause: z.union([z.enum(CAUSES), z.literal("")]).default(""),
  findings: text(2000, "ticket.error.findings"),
});

/** A quote's line as typed: what it is, how many, the price of one. */
export const quoteLineSchema = z.object({
  title: text(255, "ticket.error.lineTitle"),
  quantity: z.coerce.number().int().min(1, "ticket.error.quantity").max(999),
  price: amount,
});

/** The ticket page posts its lines as one JSON field; anything that is not a list of lines is refused by the schema. */
const jsonList = (value: unknown) => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

export const quoteSchema = z.object({
  move: z.literal("quote"),
  from,
  description: text(500, "ticket.error.quoteWork"),
  lines: z.preprocess(jsonList, z.array(quoteLineSchema, { message: "ticket.error.lines" }).min(1, "ticket.error.linesMin").max(20, "ticket.error.linesMax")),
});

export const cancelSchema = z.object({ move: z.literal("cancel"), from, reason: text(500, "ticket.error.reason") });

export const plainMoveSchema = z.object({
  move: z.enum(["accept", "decline", "expire", "start", "finish", "send_back", "collect"] satisfies RepairMove[]),
  from,
  note: optionalText(2000),
});

export const moveSchema = z.discriminatedUnion("move", [intakeSchema, assessSchema, quoteSchema, cancelSchema, plainMoveSchema]);
export type MoveInput = z.input<typeof moveSchema>;

export const handlingSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("assign_me") }),
  z.object({ intent: z.literal("unassign") }),
  z.object({ intent: z.literal("locate"), location: optionalText(120) }),
  z.object({ intent: z.literal("rush"), rush: z.boolean() }),
  z.object({ intent: z.literal("correct"), note: text(2000, "ticket.error.note") }),
]);
export type HandlingInput = z.input<typeof handlingSchema>;
