import db from "../db.server";
import { createShopRepository } from "./shops.server";

/** The repositories bound to the process's database, for routes, webhooks and jobs. */
export const shops = createShopRepository(db);
