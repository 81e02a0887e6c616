import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

/**
 * Session tokens (JWT, HS256, signed with the app's secret) and the access tokens the stand-in
 * hands out through token exchange, in the shapes Shopify uses:
 * https://shopify.dev/docs/apps/build/authentication-authorization/session-tokens
 * https://shopify.dev/docs/apps/build/authentication-authorization/get-access-tokens/exchange-tokens
 */

export type SessionTokenClaims = {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
};

/** The staff member the merchant signs in as; `sub` of the session token and the online token's associated_user. */
export type StaffMember = {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  account_owner: boolean;
  locale: string;
  collaborator: boolean;
  email_verified: boolean;
};

export const DEFAULT_STAFF: StaffMember = {
  id: 9_100_000_001,
  first_name: "Morgan",
  last_name: "Hale",
  email: "morgan@demo-jeweller.example",
  account_owner: true,
  locale: "en-GB",
  collaborator: false,
  email_verified: true,
};

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

export function signJwt(payload: object, secret: string): string {
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(payload));
  const signature = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${signature}`;
}

/** Verifies an HS256 JWT's signature and times (10 s tolerance, like the library); null if it is not good. */
export function verifyJwt(token: string, secret: string, nowSeconds: number): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [head, body, signature] = parts;
  const expected = createHmac("sha256", secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const header = JSON.parse(Buffer.from(head, "base64url").toString("utf8")) as { alg?: string };
    if (header.alg !== "HS256") return null;
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof claims.exp === "number" && claims.exp + 10 < nowSeconds) return null;
    if (typeof claims.nbf === "number" && claims.nbf - 10 > nowSeconds) return null;
    return claims;
  } catch {
    return null;
  }
}

/** A session token as App Bridge's `shopify.idToken()` returns it: valid for one minute. */
export function sessionToken(input: { shop: string; apiKey: string; apiSecret: string; staffId?: number; nowSeconds?: number; sid?: string }): string {
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const claims: SessionTokenClaims = {
    iss: `https://${input.shop}/admin`,
    dest: `https://${input.shop}`,
    aud: input.apiKey,
    sub: String(input.staffId ?? DEFAULT_STAFF.id),
    exp: now + 60,
    nbf: now,
    iat: now,
    jti: randomUUID(),
    sid: input.sid ?? randomBytes(16).toString("hex"),
  };
  return signJwt(claims, input.apiSecret);
}

export type IssuedToken = {
  token: string;
  shop: string;
  kind: "offline" | "online";
  scopes: string[];
  /** Epoch ms; null for a non-expiring offline token. */
  expiresAt: number | null;
  staffId?: number;
  revoked: boolean;
};

export type RefreshToken = { token: string; shop: string; scopes: string[]; expiresAt: number; used: boolean };

/** Access tokens the stand-in issued, checked on every Admin API call. */
export class TokenBook {
  readonly access = new Map<string, IssuedToken>();
  readonly refresh = new Map<string, RefreshToken>();

  issueAccess(shop: string, kind: IssuedToken["kind"], scopes: string[], expiresAt: number | null, staffId?: number): IssuedToken {
    const token: IssuedToken = { token: `${kind === "online" ? "shpua" : "shpat"}_${randomBytes(16).toString("hex")}`, shop, kind, scopes, expiresAt, staffId, revoked: false };
    this.access.set(token.token, token);
    return token;
  }

  issueRefresh(shop: string, scopes: string[], expiresAt: number): RefreshToken {
    const token: RefreshToken = { token: `shprt_${randomBytes(16).toString("hex")}`, shop, scopes, expiresAt, used: false };
    this.refresh.set(token.token, token);
    return token;
  }

  /** The token if it is this shop's, not revoked and not expired. */
  check(token: string | null | undefined, shop: string, nowMs: number): IssuedToken | null {
    const found = token ? this.access.get(token) : undefined;
    if (!found || found.revoked || found.shop !== shop) return null;
    if (found.expiresAt !== null && found.expiresAt <= nowMs) return null;
    return found;
  }

  /** Uninstalling revokes every token of the shop, as Shopify does. */
  revokeShop(shop: string): void {
    for (const t of this.access.values()) if (t.shop === shop) t.revoked = true;
    for (const t of this.refresh.values()) if (t.shop === shop) t.used = true;
  }
}
