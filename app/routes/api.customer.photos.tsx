import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { PHOTO_JSON_LIMIT_BYTES } from "../platform/body.server";
import { answer, invalidBody, jsonBody, refusal, viewerOf } from "../auth/customer-account.server";
import { mayStorePhotos, MAX_PHOTOS, photoStore, requestFlow } from "../requests/index.server";

const photosSchema = z.object({
  orderId: z
    .string({ error: "Choose one of your orders." })
    .regex(/^(gid:\/\/shopify\/Order\/)?\d{1,20}$/, "Choose one of your orders.")
    .transform((id) => (id.startsWith("gid://") ? id : `gid://shopify/Order/${id}`)),
  photos: z
    .array(z.object({ name: z.string().max(200).default("photo"), data: z.base64({ error: "A photo could not be read; add it again." }) }))
    .min(1, "Add a photo.")
    .max(MAX_PHOTOS, `Add at most ${MAX_PHOTOS} photos.`),
});

/**
 * POST /api/customer/photos — photos for one of the customer's orders (the extension sends one
 * per call; the body is capped at one photo's size as it streams), checked and stored by the
 * request module bound to the customer, shop and order; answers their keys. Nothing is stored
 * for an order that is not the customer's, nor past the hour's allowance.
 */
export const action = async ({ request }: ActionFunctionArgs) =>
  answer(request, async (caller) => {
    const parsed = photosSchema.safeParse(await jsonBody(request, PHOTO_JSON_LIMIT_BYTES));
    if (!parsed.success) throw invalidBody(parsed.error, request);
    const ctx = viewerOf(caller);
    const use = { viewer: ctx.viewer, orderId: parsed.data.orderId };
    // The order must be the customer's (404 otherwise) before a byte is stored.
    await requestFlow.orderView(ctx, use.orderId);
    if (!(await mayStorePhotos(caller.shop, use, parsed.data.photos.length))) throw refusal(request, 429, "tooManyPhotos", { "Retry-After": "3600" });
    const keys = await photoStore.accept(
      caller.shop,
      parsed.data.photos.map((photo) => ({ name: photo.name, bytes: Buffer.from(photo.data, "base64") })),
      use,
    );
    return { keys };
  });
