import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";

import { fileTypeFromBuffer } from "file-type";
import decodeHeic from "heic-decode";
import sharp, { type Sharp } from "sharp";

import { shopperMessage } from "../schemas/messages";
import { RequestFlowError } from "./errors";

/**
 * Shoppers' photos: checked by their bytes (never their name or declared type), decoded,
 * re-encoded as JPEG with every piece of metadata (location, camera, EXIF) dropped, and stored
 * outside the database behind a PhotoStorage under a random 128-bit key. Nothing serves them to
 * the public: the merchant's desk reads them through `read` after its own authentication.
 */
export const MAX_PHOTOS = 6;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The longest side kept: plenty to judge a clasp or a stone, a fraction of a phone's original. */
const MAX_SIDE = 2048;
const ACCEPTED = new Map([
  ["image/jpeg", "JPEG"],
  ["image/png", "PNG"],
  ["image/webp", "WebP"],
  ["image/heic", "HEIC"],
  ["image/heif", "HEIC"],
]);

export interface PhotoStorage {
  put(shop: string, key: string, bytes: Buffer): Promise<void>;
  get(shop: string, key: string): Promise<Buffer | null>;
  exists(shop: string, key: string): Promise<boolean>;
  delete(shop: string, key: string): Promise<void>;
  /** Every stored photo last written before `before`, with a way to delete it (the sweep of unsubmitted photos). */
  writtenBefore(before: Date): Promise<{ key: string; remove(): Promise<void> }[]>;
}

const KEY = /^[a-f0-9]{32}$/;

/** Files in a local folder, one sub-folder per shop (named by a hash of its domain). */
export function localFolderStorage(root: string): PhotoStorage {
  const base = resolve(root);
  const pathOf = (shop: string, key: string) => {
    if (!KEY.test(key)) throw new Error("not a photo key");
    return join(base, createHash("sha256").update(shop).digest("hex").slice(0, 32), `${key}.jpg`);
  };
  return {
    async put(shop, key, bytes) {
      const path = pathOf(shop, key);
      await mkdir(join(path, ".."), { recursive: true });
      // Written aside then renamed: a reader never sees half a file.
      await writeFile(`${path}.part`, bytes, { mode: 0o600 });
      await rename(`${path}.part`, path);
    },
    async get(shop, key) {
      if (!KEY.test(key)) return null;
      try {
        return await readFile(pathOf(shop, key));
      } catch {
        return null;
      }
    },
    async exists(shop, key) {
      if (!KEY.test(key)) return false;
      try {
        return (await stat(pathOf(shop, key))).isFile();
      } catch {
        return false;
      }
    },
    async delete(shop, key) {
      if (!KEY.test(key)) return;
      await unlink(pathOf(shop, key)).catch(() => undefined);
    },
    async writtenBefore(before) {
      const found: { key: string; remove(): Promise<void> }[] = [];
      const shops = await readdir(base, { withFileTypes: true }).catch(() => []);
      for (const dir of shops) {
        if (!dir.isDirectory()) continue;
        for (const name of await readdir(join(base, dir.name)).catch(() => [] as string[])) {
          // Half-written files (".part") left by a crash are swept too, by the same age.
          const key = name.replace(/\.jpg(\.part)?$/, "");
          if (!KEY.test(key) || key === name) continue;
          const path = join(base, dir.name, name);
          const info = await stat(path).catch(() => null);
          if (info?.isFile() && info.mtime < before) found.push({ key, remove: () => unlink(path).catch(() => undefined) });
        }
      }
      return found;
    },
  };
}

/** Hours an uploaded photo waits for its request to be submitted before the sweep deletes it. */
export const UNSUBMITTED_PHOTO_HOURS = 24;

export class PhotoError extends RequestFlowError {
  constructor(message: string) {
    super("invalid", message, { photos: message });
  }
}

/** Decodes and re-encodes one upload; throws PhotoError with a message the shopper can act on. */
export async function normalisePhoto(bytes: Buffer, name = "photo"): Promise<Buffer> {
  if (bytes.length === 0) throw new PhotoError(shopperMessage("photoEmpty", { name }));
  if (bytes.length > MAX_PHOTO_BYTES) throw new PhotoError(shopperMessage("photoTooLarge", { name, mb: MAX_PHOTO_BYTES / (1024 * 1024) }));
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !ACCEPTED.has(type.mime)) {
    throw new PhotoError(type ? shopperMessage("photoWrongType", { name, type: type.ext.toUpperCase() }) : shopperMessage("photoUnknownType", { name }));
  }
  try {
    let image: Sharp;
    if (ACCEPTED.get(type.mime) === "HEIC") {
      // sharp's prebuilt libvips reads AVIF but not iPhone HEIC (HEVC): libheif (WebAssembly) decodes it.
      const decoded = await decodeHeic({ buffer: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) });
      image = sharp(Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), { raw: { width: decoded.width, height: decoded.height, channels: 4 } });
    } else {
      image = sharp(bytes, { failOn: "error", limitInputPixels: 50_000_000 }).rotate();
    }
    // No withMetadata(): sharp writes none of the input's EXIF, XMP, ICC or GPS data.
    return await image.resize({ width: MAX_SIDE, height: MAX_SIDE, fit: "inside", withoutEnlargement: true }).flatten({ background: "#ffffff" }).jpeg({ quality: 85, mozjpeg: true }).toBuffer();
  } catch (error) {
    if (error instanceof PhotoError) throw error;
    throw new PhotoError(shopperMessage("photoDamaged", { name }));
  }
}

export function createPhotoStore(storage: PhotoStorage) {
  return {
    /**
     * Checks and stores a shopper's photos, all or none: any refused file stores nothing, and
     * the message names it. Returns the keys to pass to `submit`.
     */
    async accept(shop: string, files: { name: string; bytes: Buffer }[]): Promise<string[]> {
      if (files.length > MAX_PHOTOS) throw new PhotoError(shopperMessage("tooManyPhotos", { n: MAX_PHOTOS }));
      const encoded: Buffer[] = [];
      for (const file of files) encoded.push(await normalisePhoto(file.bytes, file.name || "A photo"));
      const keys: string[] = [];
      try {
        for (const bytes of encoded) {
          const key = randomBytes(16).toString("hex");
          await storage.put(shop, key, bytes);
          keys.push(key);
        }
      } catch (error) {
        await Promise.all(keys.map((k) => storage.delete(shop, k)));
        throw error;
      }
      return keys;
    },
    exists: (shop: string, key: string) => storage.exists(shop, key),
    read: (shop: string, key: string) => storage.get(shop, key),
    remove: (shop: string, keys: string[]) => Promise.all(keys.map((k) => storage.delete(shop, k))).then(() => undefined),
    /**
     * Deletes photos uploaded more than `hours` ago that no submitted request names (a preview
     * abandoned, a tab closed): shoppers' pictures are not kept for nothing. `inUse` says which
     * of the keys a request holds.
     */
    async sweepUnsubmitted(inUse: (keys: string[]) => Promise<Set<string>>, now: Date, hours = UNSUBMITTED_PHOTO_HOURS): Promise<number> {
      const stale = await storage.writtenBefore(new Date(now.getTime() - hours * 3_600_000));
      if (stale.length === 0) return 0;
      const kept = await inUse([...new Set(stale.map((s) => s.key))]);
      const gone = stale.filter((s) => !kept.has(s.key));
      await Promise.all(gone.map((s) => s.remove()));
      return gone.length;
    },
  };
}

export type PhotoStore = ReturnType<typeof createPhotoStore>;
