import sharp from "sharp";

import type { ParcelRepository } from "../repositories/parcels.server";
import type { RequestRepository } from "../repositories/requests.server";
import type { PhotoStore } from "../requests/photos.server";

/** The longest side of a photo's thumbnail on the desk (shown at half that, sharp on a 2× screen). */
export const THUMBNAIL_SIDE = 320;

export type DeskPhotoSize = "thumbnail" | "full";

const PHOTO_KEY = /^[a-f0-9]{32}$/;

/**
 * One of a request's photos for the merchant's desk, as JPEG: only a key one of this shop's
 * request's lines holds (another shop's request, another request's photo or a guessed key is
 * null, told apart from nothing). The stored photo is already re-encoded without metadata
 * (requests/photos.server.ts); the thumbnail is made from it on the way out.
 */
export async function deskPhoto(
  deps: { requests: Pick<RequestRepository, "find">; photos: Pick<PhotoStore, "read">; parcels?: Pick<ParcelRepository, "find"> },
  shop: string,
  requestId: string,
  key: string,
  size: DeskPhotoSize,
): Promise<Buffer | null> {
  if (!PHOTO_KEY.test(key)) return null;
  const request = await deps.requests.find(shop, requestId);
  if (!request) return null;
  // The shopper's photos of the items, or their proof of postage (app/parcels).
  const held = request.lines.some((line) => line.photos.includes(key)) || (deps.parcels ? (await deps.parcels.find(shop, requestId))?.proofKey === key : false);
  if (!held) return null;
  const bytes = await deps.photos.read(shop, key);
  if (!bytes) return null;
  if (size === "full") return bytes;
  return sharp(bytes).resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: "inside", withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
}
