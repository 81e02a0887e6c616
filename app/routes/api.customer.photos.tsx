import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { answer, invalidBody, jsonBody } from "../customer-account.server";
import { MAX_PHOTOS, photoStore } from "../requests/index.server";

const photosSchema = z.object({
  photos: z
    .array(z.object({ name: z.string().max(200).default("photo"), data: z.base64({ error: "A photo could not be read; add it again." }) }))
    .min(1, "Add a photo.")
    .max(MAX_PHOTOS, `Add at most ${MAX_PHOTOS} photos.`),
});

/** POST /api/customer/photos — the customer's photos, checked and stored by the request module; answers their keys. */
export const action = async ({ request }: ActionFunctionArgs) =>
  answer(request, async (caller) => {
    const parsed = photosSchema.safeParse(await jsonBody(request));
    if (!parsed.success) throw invalidBody(parsed.error);
    const keys = await photoStore.accept(
      caller.shop,
      parsed.data.photos.map((photo) => ({ name: photo.name, bytes: Buffer.from(photo.data, "base64") })),
    );
    return { keys };
  });
