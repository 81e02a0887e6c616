import db from "../db.server";
import { createFlowRepository } from "./flow.server";
import { createRepairRepository } from "./repairs.server";

/** Shopify Flow's subscriptions, outbox and holds bound to the process's database (app/flow), for routes, the worker and the desk. */
export const flowStore = createFlowRepository(db);
/**
 * The repair tickets the workshop triggers' payloads name (job number, quote), bound here apart
 * from index.server so that a process (or a test) that replaces the other repositories still reads
 * the tickets of the same database.
 */
export const flowRepairs = createRepairRepository(db);
