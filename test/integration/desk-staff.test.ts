import { Session } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";

import { fallbackName, nameOf, resolveStaff, sessionTokenOf, type StaffLookup } from "../../app/desk/staff.server";

/**
 * The desk's timeline and money audit say who acted by name. The app's own session is the shop's
 * (offline, no person); the name comes from the staff member's online session, asked of Shopify by
 * token exchange once and then read from the session storage.
 */
const SHOP = "demo-jeweller.myshopify.com";
const NOW = new Date("2026-11-20T10:00:00Z");
const offline = new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false });

function online(user: { id: number; first_name: string; last_name: string; email: string }, expires = new Date(NOW.getTime() + 3_600_000)) {
  return new Session({ id: `${SHOP}_${user.id}`, shop: SHOP, state: "", isOnline: true, expires, onlineAccessInfo: { expires_in: 3600, associated_user_scope: "", associated_user: { ...user, account_owner: false, locale: "en", collaborator: false, email_verified: true } } });
}

function fakeLookup(initial: Session[] = [], exchanged?: Session | Error) {
  const stored = new Map(initial.map((s) => [s.id, s]));
  const calls = { exchange: 0, stored: 0 };
  const lookup: StaffLookup = {
    stored: async (shop, userId) => (calls.stored++, stored.get(`${shop}_${userId}`)),
    exchange: async () => {
      calls.exchange++;
      if (!exchanged || exchanged instanceof Error) throw exchanged ?? new Error("no exchange");
      return exchanged;
    },
    store: async (session) => stored.set(session.id, session),
  };
  return { lookup, calls, stored };
}

describe("the staff member's name on the desk", () => {
  it("GIVEN an offline session WHEN the staff member has no stored online session THEN Shopify is asked once by token exchange and the name is kept for the next page", async () => {
    const morgan = online({ id: 42, first_name: "Morgan", last_name: "Hale", email: "morgan@example.com" });
    const { lookup, calls } = fakeLookup([], morgan);
    const input = { shop: SHOP, userId: "42", session: offline, sessionToken: "header.payload.signature" };
    expect(await resolveStaff(input, lookup, NOW)).toEqual({ id: "42", name: "Morgan Hale" });
    expect(await resolveStaff(input, lookup, NOW)).toEqual({ id: "42", name: "Morgan Hale" });
    expect(calls.exchange).toBe(1);
  });

  it("GIVEN a stored online session that expired THEN it is asked again", async () => {
    const old = online({ id: 42, first_name: "Morgan", last_name: "Hale", email: "m@example.com" }, new Date(NOW.getTime() - 1));
    const renamed = online({ id: 42, first_name: "Morgan", last_name: "Hale-Smith", email: "m@example.com" });
    const { lookup, calls } = fakeLookup([old], renamed);
    expect(await resolveStaff({ shop: SHOP, userId: "42", session: offline, sessionToken: "t" }, lookup, NOW)).toEqual({ id: "42", name: "Morgan Hale-Smith" });
    expect(calls.exchange).toBe(1);
  });

  it("GIVEN the app's own session is online THEN its associated user names the staff member without asking Shopify", async () => {
    const own = online({ id: 7, first_name: "Ada", last_name: "", email: "ada@example.com" });
    const { lookup, calls } = fakeLookup();
    expect(await resolveStaff({ shop: SHOP, userId: "7", session: own, sessionToken: "t" }, lookup, NOW)).toEqual({ id: "7", name: "Ada" });
    expect(calls).toEqual({ exchange: 0, stored: 0 });
  });

  it("GIVEN Shopify refuses the exchange or no token came with the request THEN the desk says whose id acted, clearly, and still works", async () => {
    const warned: unknown[] = [];
    const refused = fakeLookup([], new Error("invalid_subject_token"));
    expect(await resolveStaff({ shop: SHOP, userId: "42", session: offline, sessionToken: "t" }, refused.lookup, NOW, (e) => warned.push(e))).toEqual({ id: "42", name: "Staff member 42" });
    expect(warned).toHaveLength(1);
    expect(await resolveStaff({ shop: SHOP, userId: "42", session: offline, sessionToken: null }, fakeLookup().lookup, NOW)).toEqual({ id: "42", name: fallbackName("42") });
    expect(await resolveStaff({ shop: SHOP, userId: null, session: offline, sessionToken: "t" }, fakeLookup().lookup, NOW)).toEqual({ id: "unknown", name: "Staff member unknown" });
  });

  it("GIVEN a user without a name THEN the e-mail stands in; storage's \"null\" strings are not names", () => {
    expect(nameOf({ first_name: "null", last_name: "null", email: "sam@example.com" })).toBe("sam@example.com");
    expect(nameOf({ first_name: "", last_name: "", email: "" })).toBeNull();
    expect(nameOf(null)).toBeNull();
  });

  it("GIVEN App Bridge's bearer header or the document's id_token THEN the raw session token is read from it", () => {
    expect(sessionTokenOf(new Request("https://app.example/app", { headers: { authorization: "Bearer abc.def.ghi" } }))).toBe("abc.def.ghi");
    expect(sessionTokenOf(new Request("https://app.example/app?id_token=xyz"))).toBe("xyz");
    expect(sessionTokenOf(new Request("https://app.example/app"))).toBeNull();
  });
});
