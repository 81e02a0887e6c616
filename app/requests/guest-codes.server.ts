import { createHmac, randomInt, randomUUID } from "node:crypto";

import { guestCodeMail, type GuestCodeLanguage } from "../messaging/guest-code-mail";
import type { Mailer } from "../messaging/mailer.server";
import type { CodeCheck, GuestCodeRepository } from "../repositories/guest-codes.server";
import type { Admin } from "../shopify/client.server";
import { fetchShopForEmail } from "../shopify/shop.server";
import { RequestFlowError } from "./errors";
import type { RequestFlow } from "./flow.server";
import { GUEST_GRANT_HOURS } from "./flow/shared.server";
import { signToken } from "./tokens.server";

/**
 * The guest lookup with its proof (docs/decisions/021-signin.md): a guest who knows an order's
 * number and email gets a six-digit code mailed to that email, and only the code opens the order
 * (a grant, as before). The code is random, kept only as an HMAC bound to the shop and the code's
 * own id, expires after GUEST_CODE_MINUTES, is used once, and GUEST_CODE_TRIES wrong tries spend it.
 * Lookups stay limited per order number (the flow) and per client address (the route).
 */
export const GUEST_CODE_MINUTES = 10;
export const GUEST_CODE_TRIES = 5;

export type GuestCodeDeps = {
  flow: Pick<RequestFlow, "findGuestOrder">;
  codes: Pick<GuestCodeRepository, "create" | "check">;
  secret: string;
  /** The app's mailer (SMTP_URL), or null when none is configured. */
  mailer: () => Mailer | null;
  clock?: () => Date;
};

/** Why a code opened nothing: each is its own 4xx, and nothing of the order is shown. */
export class GuestCodeRefused extends Error {
  constructor(readonly outcome: Exclude<CodeCheck["outcome"], "ok"> | "malformed") {
    super(`guest code refused: ${outcome}`);
    this.name = "GuestCodeRefused";
  }

  get status(): number {
    return this.outcome === "expired" || this.outcome === "spent" ? 410 : 400;
  }
}

function hash(secret: string, shop: string, id: string, code: string): string {
  return createHmac("sha256", secret).update(`aftercare/guest-code\n${shop}\n${id}\n${code}`).digest("hex");
}

export function createGuestCodes(deps: GuestCodeDeps) {
  const clock = deps.clock ?? (() => new Date());
  return {
    /**
     * Finds the order as the lookup always did (same answers for a wrong number and a wrong email,
     * the same limits), then mails a code to the email given, which is the order's. A phone number
     * cannot receive the code: the route asks for the email first. Returns the code's id, which
     * the page carries to the next step; the code itself only travels by email.
     */
    async start(ctx: { shop: string; admin: Admin }, values: { orderNumber: string; contact: string }, language: GuestCodeLanguage): Promise<{ challenge: string; expiresAt: Date }> {
      const found = await deps.flow.findGuestOrder(ctx, values);
      const mailer = deps.mailer();
      if (!mailer) throw new RequestFlowError("unavailable", "Codes cannot be sent by email right now.");
      const shop = await fetchShopForEmail(ctx.admin);
      const now = clock();
      const id = randomUUID();
      const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
      const expiresAt = new Date(now.getTime() + GUEST_CODE_MINUTES * 60_000);
      await deps.codes.create(ctx.shop, { id, orderId: found.orderId, codeHash: hash(deps.secret, ctx.shop, id, code), expiresAt }, now);
      const mail = guestCodeMail(language, { shop: shop.name, order: found.orderName, code, minutes: GUEST_CODE_MINUTES });
      try {
        await mailer.send({ messageId: `<guest-code.${id}@${ctx.shop}>`, fromName: shop.name, to: values.contact.trim().toLowerCase(), replyTo: shop.contactEmail, ...mail });
      } catch {
        // Not sent, or not known to be: the shopper asks again for a new code; this one is never shown.
        throw new RequestFlowError("unavailable", "The code could not be sent by email.");
      }
      return { challenge: id, expiresAt };
    },

    /** The code typed for a challenge: the order and a grant for it, or a GuestCodeRefused. */
    async verify(shop: string, input: { challenge: string; code: string }): Promise<{ orderId: string; grant: string }> {
      const code = input.code.replace(/[\s-]/g, "");
      if (!/^[0-9a-f-]{36}$/.test(input.challenge)) throw new GuestCodeRefused("unknown");
      if (!/^\d{6}$/.test(code)) throw new GuestCodeRefused("malformed");
      const now = clock();
      const checked = await deps.codes.check(shop, input.challenge, hash(deps.secret, shop, input.challenge, code), now, GUEST_CODE_TRIES);
      if (checked.outcome !== "ok") throw new GuestCodeRefused(checked.outcome);
      const expiresAt = new Date(now.getTime() + GUEST_GRANT_HOURS * 3_600_000);
      return { orderId: checked.orderId, grant: signToken(deps.secret, "guest", shop, checked.orderId, expiresAt) };
    },
  };
}

export type GuestCodes = ReturnType<typeof createGuestCodes>;
