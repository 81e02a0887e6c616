import db from "../db.server";
import { createNotificationRepository } from "./notifications.server";
import { createShopperRepairReader } from "./repair-shopper.server";

/**
 * The shopper-email outbox bound to the process's database (app/messaging), for the worker and the
 * desk. Apart from index.server so that a process (or a test) that replaces the other repositories
 * still gets the outbox of the same database.
 */
export const notifications = createNotificationRepository(db);

/** What the shopper sees of a request's repair ticket (the status page, the repair emails), read-only. */
export const shopperRepairs = createShopperRepairReader(db);
