import { describe, expect, it, vi } from "vitest";

// The module binds the process's database for its limiter; nothing here reaches it.
vi.mock("../../app/db.server", async () => ({ default: { session: { count: async () => 0 } } }));

const { clientAddress } = await import("../../app/storefront/proxy.server");

/**
 * Issue 22, item 11: the guest lookup's per-IP limit keys on the address the app's trusted proxy
 * appended, never on the left-most X-Forwarded-For entry a client can write itself.
 * docs/decisions/014-client-address-behind-the-app-proxy.md
 */
function request(forwardedFor: string | null, peer = "203.0.113.50"): Request {
  const headers = new Headers({ "x-aftercare-peer": peer });
  if (forwardedFor !== null) headers.set("x-forwarded-for", forwardedFor);
  return new Request("https://aftercare.test/apps/proxy/lookup", { headers });
}

describe("the client address behind Shopify's app proxy", () => {
  it("GIVEN a shopper who writes X-Forwarded-For herself WHEN Shopify's proxy appends her real address THEN the limit keys on what Shopify appended, whatever she wrote", () => {
    // The shopper sent "X-Forwarded-For: 1.2.3.4"; Shopify's proxy appended her address; Shopify connects to the app.
    expect(clientAddress(request("1.2.3.4, 198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(clientAddress(request("9.9.9.9, 8.8.8.8, 198.51.100.7"), 1)).toBe("198.51.100.7");
    // Rotating the forged part changes nothing.
    const keys = new Set(Array.from({ length: 20 }, (_, i) => clientAddress(request(`10.0.0.${i}, 198.51.100.7`), 1)));
    expect([...keys]).toEqual(["198.51.100.7"]);
  });

  it("GIVEN a load balancer between Shopify and the app (two trusted hops) WHEN the chain arrives THEN the address Shopify appended is still the one used", () => {
    // Shopify appended the shopper (198.51.100.7), the load balancer appended Shopify's own address.
    expect(clientAddress(request("1.2.3.4, 198.51.100.7, 192.0.2.10", "10.1.1.1"), 2)).toBe("198.51.100.7");
  });

  it("GIVEN no X-Forwarded-For, or a chain shorter than the trusted hops WHEN read THEN the nearest address there is, never a client-chosen one", () => {
    expect(clientAddress(request(null), 1)).toBe("203.0.113.50");
    expect(clientAddress(request(null), 0)).toBe("203.0.113.50");
    expect(clientAddress(request("1.2.3.4"), 0)).toBe("203.0.113.50");
    expect(clientAddress(request("198.51.100.7"), 3)).toBe("198.51.100.7");
  });

  it("GIVEN the default configuration WHEN read THEN one trusted hop (Shopify's proxy connects to the app)", () => {
    expect(clientAddress(request("1.2.3.4, 198.51.100.7"))).toBe("198.51.100.7");
  });
});
