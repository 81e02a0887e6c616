import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { PHOTO_JSON_LIMIT_BYTES } from "../platform/body.server";
import { answer, invalidBody, jsonBody, refusal, viewerOf } from "../auth/customer-account.server";
import { parcels } from "../parcels/index.server";
import { requests } from "../repositories/index.server";
import { mayStorePhotos, requestFlow } from "../requests/index.server";

const requestIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/);
const proofSchema = z.object({ name: z.string().max(200).default("proof"), data: z.base64({ error: "A photo could not be read; add it again." }) }).nullable().default(null);

async function theirOrder(requestId: string, shop: string): Promise<string | null> {
  return (await requests.find(shop, requestId))?.orderId ?? null;
}

/** The request, if the signed-in customer's (404 otherwise, as the request flow says for another's). */
async function theirs(caller: Parameters<typeof viewerOf>[0], requestId: string | undefined) {
  const ctx = viewerOf(caller);
  const id = requestIdSchema.safeParse(requestId);
  const status = await requestFlow.status(ctx, { requestId: id.success ? id.data : "" });
  return { ctx, status };
}

/**
 * GET /api/customer/requests/:requestId/parcel — the parcel going back for one of the customer's
 * requests (null until recorded) and whether the request still waits for it.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) =>
  answer(request, async (caller) => {
    const { status } = await theirs(caller, params.requestId);
    return { parcel: await parcels.view(caller.shop, status.requestId), awaiting: parcels.awaiting(status), journey: status.journey ?? null };
  });

/**
 * POST — the customer's parcel: carrier, tracking number, post or courier, postage paid and, where
 * the policy asks, a photo of the proof (base64, one photo's size). Refused with the field's
 * message in the reader's language, changing nothing (app/parcels).
 */
export const action = async ({ request, params }: ActionFunctionArgs) =>
  answer(request, async (caller) => {
    const body = await jsonBody(request, PHOTO_JSON_LIMIT_BYTES);
    const proof = proofSchema.safeParse(body.proof ?? null);
    if (!proof.success) throw invalidBody(proof.error, request);
    const { ctx, status } = await theirs(caller, params.requestId);
    const { proof: _proof, ...fields } = body;
    // The proof counts against the customer's hour of photos, like the request's own.
    if (proof.data && !(await mayStorePhotos(caller.shop, { viewer: ctx.viewer, orderId: (await theirOrder(status.requestId, caller.shop)) ?? "" }, 1))) throw refusal(request, 429, "tooManyPhotos", { "Retry-After": "3600" });
    return {
      parcel: await parcels.record(ctx, status.requestId, fields, proof.data ? { name: proof.data.name, bytes: Buffer.from(proof.data.data, "base64") } : null),
    };
  });
