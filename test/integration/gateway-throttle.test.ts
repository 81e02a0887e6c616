import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { adminClient, send } from "../../app/shopify/client.server";
import { RETURN_STATE } from "../../app/shopify/returns.server";
import type { RunningStandin } from "../standin";
import { gatewayStandin, libraryGraphql } from "./gateway-standin";

/**
 * A THROTTLED answer carries the request's real requested cost and the bucket's state
 * (https://shopify.dev/docs/api/usage/limits#rate-limits); the client waits exactly until the
 * bucket holds that cost again.
 */
let standin: RunningStandin;

beforeAll(async () => {
  standin = await gatewayStandin();
});
afterAll(async () => {
  await standin?.close();
});

describe("the throttled fault", () => {
  it("GIVEN Shopify answers THROTTLED WHEN the gateway sends THEN it reports the query's real cost and the client waits for the bucket to hold it", async () => {
    let now = 0;
    const sleeps: number[] = [];
    const library = libraryGraphql(standin);
    const bodies: { errors?: unknown; extensions?: { cost: { requestedQueryCost: number; throttleStatus: { currentlyAvailable: number; restoreRate: number } } } }[] = [];
    // The library throws on GraphQL errors, with Shopify's body on the error.
    const graphql: typeof library = async (query, options) => {
      try {
        const response = await library(query, options);
        bodies.push(await response.clone().json());
        return response;
      } catch (error) {
        bodies.push((error as { body: (typeof bodies)[number] }).body);
        throw error;
      }
    };
    // The client's clock is the test's, but the stand-in's bucket leaks in real time: each sleep is
    // recorded and really waited, so the retry finds the bucket refilled as it would at Shopify.
    const admin = adminClient(graphql, {
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
      random: () => 0.5,
    });
    // What the document costs when it goes through.
    await send(admin, RETURN_STATE, { id: "gid://shopify/Return/1" });
    const cost = admin.costs[0].requested;
    expect(cost).toBeGreaterThan(1);

    standin.faults.next(1, { kind: "throttled" });
    await send(admin, RETURN_STATE, { id: "gid://shopify/Return/1" });

    const throttled = admin.costs[1];
    expect(throttled).toMatchObject({ operation: "ReturnState", requested: cost, actual: null });
    // The bucket held less than the cost: the client waits for what is missing at the restore
    // rate, computed from the reported cost (with a cost of 0 it would wait a token 50 ms).
    const { requestedQueryCost, throttleStatus } = bodies[1].extensions!.cost;
    expect(bodies[1].errors).toBeDefined();
    expect(requestedQueryCost).toBe(cost);
    expect(throttleStatus.currentlyAvailable).toBeLessThan(cost);
    expect(sleeps[0]).toBe(Math.ceil(((cost - throttleStatus.currentlyAvailable) / throttleStatus.restoreRate) * 1_000));
    expect(sleeps[0]).toBeGreaterThan(50);
  });
});
