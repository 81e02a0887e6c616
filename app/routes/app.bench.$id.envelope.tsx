import type { LoaderFunctionArgs } from "@remix-run/node";

import { adminBearerShop } from "../auth/admin-bearer.server";
import { env } from "../platform/env.server";
import { publishedPolicies } from "../policies/index.server";
import { ENVELOPE_SIZES, envelopePdf, type EnvelopeSize } from "../repairs/envelope.server";
import { localDateWords } from "../repairs/machine";
import { termsOf } from "../repairs/policy";
import { repairs, shops } from "../repositories/index.server";

/**
 * GET /app/bench/:id/envelope?size=a5|tag — the ticket's printable job envelope or tag (PDF).
 * Only through the desk's own authentication, as the desk's photos: the ticket page fetches it
 * with App Bridge's fetch (the staff member's session token as a bearer) and opens the PDF. Anyone
 * else gets 401; another shop's ticket or a guessed id 404.
 */
const plain = (status: number, text: string) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
const SIGN_IN = "Print the envelope from the ticket's page in Shopify admin.";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await adminBearerShop(request, SIGN_IN, "job envelope");
  if (caller instanceof Response) return caller;
  const shop = caller.shop;
  const sizeParam = new URL(request.url).searchParams.get("size") ?? "a5";
  if (!(sizeParam in ENVELOPE_SIZES)) return plain(400, `size: "a5" (the envelope) or "tag", not "${sizeParam.slice(0, 20)}".`);
  const size = sizeParam as EnvelopeSize;
  const ticket = /^[A-Za-z0-9-]{10,64}$/.test(params.id ?? "") ? await repairs.find(shop, params.id as string) : null;
  if (!ticket) return plain(404, "There is no such repair ticket in this shop.");
  const [record, { policy }] = await Promise.all([shops.find(shop), publishedPolicies.get(shop)]);
  const bytes = await envelopePdf(size, {
    job: ticket.job,
    shopName: record?.name ?? shop,
    customer: ticket.customerName ?? "Guest",
    orderName: ticket.orderName,
    item: ticket.itemTitle,
    work: ticket.work,
    promised: ticket.dueOn ? localDateWords(ticket.dueOn) : null,
    rush: ticket.rush,
    location: ticket.location,
    terms: termsOf(policy, ticket),
    // The ticket inside Shopify admin (the shop's admin address redirects to admin.shopify.com).
    ticketUrl: `https://${shop}/admin/apps/${env.SHOPIFY_API_KEY}/app/bench/${ticket.id}`,
  });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.length),
      "Content-Disposition": `inline; filename="${ticket.job}-${size}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
};
