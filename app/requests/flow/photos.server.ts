import type { Viewer } from "../../schemas/requests";
import { shopperMessage } from "../../schemas/messages";
import { RequestFlowError } from "../errors";
import type { PhotoKeys } from "./shared.server";

/**
 * Photos: every key a request names must be a photo this shop's shopper uploaded and still
 * stored; with `use`, one uploaded by that viewer for that order (a key from another customer,
 * grant or order is refused as if it did not exist).
 */
export async function requirePhotos(photos: PhotoKeys, shop: string, keys: string[], use?: { viewer: Viewer; orderId: string }): Promise<void> {
  for (const [i, photo] of keys.entries()) {
    if (!(await (use ? photos.exists(shop, photo, use) : photos.exists(shop, photo)))) {
      throw new RequestFlowError("invalid", shopperMessage("photoMissing"), { [`photos.${i}`]: shopperMessage("photoMissing") });
    }
  }
}
