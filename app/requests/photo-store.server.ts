import { env } from "../platform/env.server";
import { createPhotoStore, localFolderStorage } from "./photos.server";

/**
 * Shoppers' photos, in the folder AFTERCARE_PHOTO_DIR names: the request flow stores them, the
 * worker's hourly sweep deletes those no request names. Its own module so the worker takes the
 * store without the request flow (and the policy store it binds).
 */
export const photoStore = createPhotoStore(localFolderStorage(env.AFTERCARE_PHOTO_DIR));
