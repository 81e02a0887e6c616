import db from "../db.server";
import { env } from "../platform/env.server";
import { createDeskRepository } from "./desk.server";
import { createExportRepository } from "./exports.server";
import { createGuestCodeRepository } from "./guest-codes.server";
import { createJobRepository, providerOf } from "./jobs.server";
import { createOperationRepository } from "./operations.server";
import { createParcelRepository } from "./parcels.server";
import { createPolicyRepository } from "./policies.server";
import { createRepairRepository } from "./repairs.server";
import { createRequestRepository } from "./requests.server";
import { createShopRepository } from "./shops.server";

/** The repositories bound to the process's database, for routes, webhooks and jobs. */
export const shops = createShopRepository(db);
export const requests = createRequestRepository(db);
export const operations = createOperationRepository(db);
export const jobs = createJobRepository(db, providerOf(env.DATABASE_URL));
export const dataExports = createExportRepository(db);
export const policies = createPolicyRepository(db);
export const desk = createDeskRepository(db);
export const parcels = createParcelRepository(db);
export const repairs = createRepairRepository(db);
export const guestCodes = createGuestCodeRepository(db);

export type Repositories = {
  shops: typeof shops;
  requests: typeof requests;
  operations: typeof operations;
  jobs: typeof jobs;
  dataExports: typeof dataExports;
  policies: typeof policies;
  desk: typeof desk;
  parcels: typeof parcels;
  repairs: typeof repairs;
};
