import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";

import { fileTypeFromBuffer } from "file-type";
import decodeHeic from "heic-decode";
import sharp, { type Sharp } from "sharp";

import { shopperMessage } from "../schemas/messages";
import type { Viewer } from "../schemas/requests";
import { RequestFlowError } from "./errors";

/**
 * Shoppers' photos: checked by their bytes (never their name or declared type), decoded,
 * re-encoded as JPEG with every piece of metadata (location, camera, EXIF) dropped, and stored
 * outside the database behind a PhotoStorage under a random 128-bit key. Each upload is bound to
 * what it was made for: the shop, who uploaded it (the signed-in customer, the guest's grant or
 * staff) and the order; a preview or submit may name only photos bound to its own shop, viewer
 * and order (`exists(shop, key, use)`). Nothing serves them to the public: the merchant's desk
 * reads them through `read` after its own authentication.
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

/** What an upload is for: who made it and for which order (gid://shopify/Order/…). */
export type PhotoUse = { viewer: Viewer; orderId: string };

/**
 * The binding kept beside a photo: a hash of who uploaded it and the order, so the tag names no
 * customer in the clear and cannot be forged without knowing both.
 */
export function photoTag(use: PhotoUse): string {
  const who = use.viewer.type === "customer" ? `customer:${use.viewer.customerId}` : use.viewer.type === "guest" ? `guest:${use.viewer.grant}` : "staff";
  return createHash("sha256").update(`${who}\n${use.orderId}`).digest("hex");
}

export interface PhotoStorage {
  /** Stores the photo with its binding's tag (photoTag). */
  put(shop: string, key: string, bytes: Buffer, tag: string): Promise<void>;
  get(shop: string, key: string): Promise<Buffer | null>;
  /** The tag stored with the photo, or null (no such photo, or stored before photos were bound). */
  tag(shop: string, key: string): Promise<string | null>;
  exists(shop: string, key: string): Promise<boolean>;
  delete(shop: string, key: string): Promise<void>;
  /** Every stored photo last written before `before`, with a way to delete it (the sweep of unsubmitted photos). */
  writtenBefore(before: Date): Promise<{ key: string; remove(): Promise<void> }[]>;
}

const KEY = /^[a-f0-9]{32}$/;
const tagPathOf = (photoPath: string) => photoPath.replace(/\.jpg$/, ".owner");

/** Files in a local folder, one sub-folder per shop (named by a hash of its domain). */
export function localFolderStorage(root: string): PhotoStorage {
  const base = resolve(root);
  const pathOf = (shop: string, key: string) => {
    if (!KEY.test(key)) throw new Error("not a photo key");
    return join(base, createHash("sha256").update(shop).digest("hex").slice(0, 32), `${key}.jpg`);
  };
  return {
    async put(shop, key, bytes, tag) {
      const path = pathOf(shop, key);
      await mkdir(join(path, ".."), { recursive: true });
      // The binding first, then the photo: a photo is never on disk without its binding.
      await writeFile(tagPathOf(path), tag, { mode: 0o600 });
      // Written aside then renamed: a reader never sees half a file.
      await writeFile(`${path}.part`, bytes, { mode: 0o600 });
      await rename(`${path}.part`, path);
    },
    async tag(shop, key) {
      if (!KEY.test(key)) return null;
      try {
        const path = pathOf(shop, key);
        if (!(await stat(path)).isFile()) return null;
        return (await readFile(tagPathOf(path), "utf8")).trim();
      } catch {
        return null;
      }
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
      await unlink(tagPathOf(pathOf(shop, key))).catch(() => undefined);
    },
    async writtenBefore(before) {
      const found: { key: string; remove(): Promise<void> }[] = [];
      const shops = await readdir(base, { withFileTypes: true }).catch(() => []);
      for (const dir of shops) {
        if (!dir.isDirectory()) continue;
        for (const name of await readdir(join(base, dir.name)).catch(() => [] as string[])) {
          // Half-written files (".part") left by a crash are swept too, by the same age; a photo's
          // binding goes with it, and one left without its photo goes by its own age.
          const key = name.replace(/\.jpg(\.part)?$/, "");
          const orphanTag = name.endsWith(".owner") && !(await stat(join(base, dir.name, `${name.slice(0, -".owner".length)}.jpg`)).catch(() => null));
          if (!orphanTag && (!KEY.test(key) || key === name)) continue;
          const path = join(base, dir.name, name);
          const info = await stat(path).catch(() => null);
          if (!info?.isFile() || info.mtime >= before) continue;
          if (orphanTag) await unlink(path).catch(() => undefined);
          else found.push({ key, remove: () => Promise.all([unlink(path), name.endsWith(".jpg") ? unlink(tagPathOf(path)) : Promise.resolve()].map((p) => p.catch(() => undefined))).then(() => undefined) });
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
    async accept(shop: string, files: { name: string; bytes: Buffer }[], use: PhotoUse): Promise<string[]> {
      if (files.length > MAX_PHOTOS) throw new PhotoError(shopperMessage("tooManyPhotos", { n: MAX_PHOTOS }));
      const encoded: Buffer[] = [];
      for (const file of files) encoded.push(await normalisePhoto(file.bytes, file.name || "A photo"));
      const keys: string[] = [];
      try {
        for (const bytes of encoded) {
          const key = randomBytes(16).toString("hex");
          await storage.put(shop, key, bytes, photoTag(use));
          keys.push(key);
        }
      } catch (error) {
        await Promise.all(keys.map((k) => storage.delete(shop, k)));
        throw error;
      }
      return keys;
    },
    /**
     * True when `key` names a stored photo of the shop and, with `use`, one uploaded by that
     * viewer for that order: a key from another customer, grant or order is as good as none.
     */
    async exists(shop: string, key: string, use?: PhotoUse): Promise<boolean> {
      if (!use) return storage.exists(shop, key);
      return (await storage.tag(shop, key)) === photoTag(use);
    },
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
