import type { Session } from "@shopify/shopify-api";

import type { Staff } from "./actions.server";

/**
 * Who is working the desk, by name. The app signs in with an offline token (the shop's), whose
 * session knows no person; the session token's `sub` is the staff member's Shopify user id. Their
 * name comes from an online access token (its associated_user), which Shopify issues for the same
 * session token by token exchange: it is asked once and kept in the session storage under the
 * online session's id, so later pages read it from there. When Shopify shares no name (or the
 * exchange fails) the desk says "Staff member <id>" rather than a bare number.
 */

export type StaffLookup = {
  /** The stored online session of this user in this shop, if any. */
  stored(shop: string, userId: string): Promise<Session | undefined>;
  /** An online session for the signed-in user, from Shopify by token exchange. */
  exchange(shop: string, sessionToken: string): Promise<Session>;
  store(session: Session): Promise<unknown>;
};

type AssociatedUser = { first_name?: string | null; last_name?: string | null; email?: string | null };

const present = (value: string | null | undefined) => (value && value !== "null" && value !== "undefined" ? value.trim() : "");

/** A person's name from an online token's associated user: first and last name, else the e-mail. */
export function nameOf(user: AssociatedUser | null | undefined): string | null {
  if (!user) return null;
  const name = [present(user.first_name), present(user.last_name)].filter(Boolean).join(" ");
  return name || present(user.email) || null;
}

export function fallbackName(userId: string): string {
  return `Staff member ${userId}`;
}

function usable(session: Session | undefined, now: Date): session is Session {
  return Boolean(session?.onlineAccessInfo?.associated_user && (!session.expires || session.expires.getTime() > now.getTime()));
}

export async function resolveStaff(
  input: { shop: string; userId: string | null; session: Pick<Session, "onlineAccessInfo">; sessionToken: string | null },
  lookup: StaffLookup,
  now: Date = new Date(),
  warn: (error: unknown) => void = () => {},
): Promise<Staff> {
  const id = input.userId ?? "unknown";
  const own = nameOf(input.session.onlineAccessInfo?.associated_user);
  if (own) return { id, name: own };
  if (!input.userId) return { id, name: fallbackName(id) };
  try {
    const stored = await lookup.stored(input.shop, input.userId);
    if (usable(stored, now)) return { id, name: nameOf(stored.onlineAccessInfo?.associated_user) ?? fallbackName(id) };
    if (!input.sessionToken) return { id, name: fallbackName(id) };
    const online = await lookup.exchange(input.shop, input.sessionToken);
    await lookup.store(online);
    return { id, name: nameOf(online.onlineAccessInfo?.associated_user) ?? fallbackName(id) };
  } catch (error) {
    // The name is a courtesy: the desk still works, and says whose id acted.
    warn(error);
    return { id, name: fallbackName(id) };
  }
}

/** The raw session token App Bridge sent with this request (header, or the document's id_token). */
export function sessionTokenOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header?.startsWith("Bearer ")) return header.slice("Bearer ".length).trim() || null;
  return new URL(request.url).searchParams.get("id_token");
}
