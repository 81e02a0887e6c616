import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed, expiring tokens of the request flow, bound to one shop and one purpose:
 * - a guest grant: "this browser proved it knows order X's number and contact" (hours);
 * - a status link: "whoever holds this may read request Y's status" (weeks).
 * HMAC-SHA256 with the app's secret over purpose, shop, subject and expiry; compared in constant
 * time. A token from another shop or for another purpose does not verify.
 */
export type TokenPurpose = "guest" | "status";

/** How long a status link opens the request's page (the storefront's and the emails'). */
export const STATUS_LINK_DAYS = 90;

function mac(secret: string, purpose: TokenPurpose, shop: string, subject: string, expires: number): Buffer {
  return createHmac("sha256", secret).update(`aftercare/${purpose}\n${shop}\n${subject}\n${expires}`).digest();
}

export function signToken(secret: string, purpose: TokenPurpose, shop: string, subject: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${Buffer.from(subject).toString("base64url")}.${expires.toString(36)}.${mac(secret, purpose, shop, subject, expires).toString("base64url")}`;
}

/** The subject of a valid, unexpired token; null for anything else (forged, expired, other shop). */
export function verifyToken(secret: string, purpose: TokenPurpose, shop: string, token: string, now: Date): string | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [encoded, expiresText, signature] = parts;
  if (!/^[A-Za-z0-9_-]+$/.test(encoded) || !/^[0-9a-z]{1,12}$/.test(expiresText) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return null;
  const subject = Buffer.from(encoded, "base64url").toString("utf8");
  const expires = parseInt(expiresText, 36);
  const expected = mac(secret, purpose, shop, subject, expires);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (expires * 1000 < now.getTime()) return null;
  return subject;
}
