import { afterAll, beforeAll } from "vitest";

import { createDesk } from "../../app/desk/actions.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { standinAdmin } from "../../scripts/demo-desk";
import { startDemo, type RunningDemo } from "../../scripts/demo-standin";
import { freePort } from "./app-server";
import { freshDatabase, type Provider, type TestDatabase } from "./databases";

export const DEMO_SHOP = "demo-jeweller.myshopify.com";

/**
 * The demo shop with its desk requests, on a fresh database of `provider`, for a describe block:
 * registers its own setup and teardown. `deskFor(staffId)` is the desk as that staff member
 * works it, over the same database and the stand-in's Admin API.
 */
export function useDemoDesk(provider: Provider, now: Date) {
  const running = {} as { database: TestDatabase; demo: RunningDemo };

  beforeAll(async () => {
    running.database = await freshDatabase(provider);
    running.demo = await startDemo({ apiKey: "desk-key", apiSecret: "desk-secret", appUrl: `http://127.0.0.1:${await freePort()}`, databaseUrl: running.database.url, now, seed: 7 });
  }, 120_000);

  afterAll(async () => {
    await running.demo?.close();
    await running.database?.dispose();
  });

  const admin = () => standinAdmin(running.demo.standin.origin, DEMO_SHOP, running.demo.standin.issueAccessToken(DEMO_SHOP, running.demo.standin.engine.settings.scopes));

  function deskFor(staffId: string) {
    const requests = createRequestRepository(running.database.db);
    const desk = createDeskRepository(running.database.db);
    const operations = createOperationRepository(running.database.db);
    return { requests, desk, operations, actions: createDesk({ requests, desk, operations, admin: admin(), staff: { id: staffId, name: `Staff ${staffId}` }, timezone: "Europe/London", locale: "en-GB", now: () => new Date() }) };
  }

  return { running, admin, deskFor };
}
