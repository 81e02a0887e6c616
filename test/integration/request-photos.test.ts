import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";

import { createPhotoStore, localFolderStorage, MAX_PHOTO_BYTES, PhotoError } from "../../app/requests/photos.server";

const SHOP = "photos.myshopify.com";
const root = mkdtempSync(join(tmpdir(), "aftercare-photos-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function files(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else out.push(entry.name);
    }
  };
  walk(root);
  return out;
}

async function photo(format: "jpeg" | "png" | "webp", width = 1200, height = 800): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 170, b: 60 } } });
  if (format === "jpeg") {
    // A phone's photo: camera make and GPS position in its EXIF.
    return image.withExif({ IFD0: { Make: "PhoneMaker", Model: "Phone 15", Copyright: "Ada" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" } }).jpeg().toBuffer();
  }
  return format === "png" ? image.png().toBuffer() : image.webp().toBuffer();
}

describe("shoppers' photos", () => {
  const store = createPhotoStore(localFolderStorage(root));

  it("GIVEN a JPEG with camera and GPS data, a PNG and a WebP WHEN accepted THEN each is stored as a JPEG without any metadata, under a random key", async () => {
    const jpeg = await photo("jpeg", 4000, 3000);
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();

    const keys = await store.accept(SHOP, [
      { name: "ring.jpg", bytes: jpeg },
      { name: "clasp.png", bytes: await photo("png") },
      { name: "box.webp", bytes: await photo("webp") },
    ]);

    expect(keys).toHaveLength(3);
    for (const key of keys) {
      expect(key).toMatch(/^[a-f0-9]{32}$/);
      const stored = await store.read(SHOP, key);
      const meta = await sharp(stored as Buffer).metadata();
      expect(meta.format).toBe("jpeg");
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(2048);
    }
    // Another shop cannot read them by key.
    expect(await store.read("other.myshopify.com", keys[0])).toBeNull();
    expect(await store.exists("other.myshopify.com", keys[0])).toBe(false);
  });

  it.each([
    ["a PDF named .jpg", () => Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF"), /not a photo we can read \(PDF\)/],
    ["a truncated JPEG", async () => (await photo("jpeg")).subarray(0, 600), /could not be opened/],
    ["random bytes", () => Buffer.from("this is not an image at all, just text"), /not a photo we can read/],
    ["an empty file", () => Buffer.alloc(0), /is empty/],
    ["a file over 10 MB", () => Buffer.alloc(MAX_PHOTO_BYTES + 1, 0xff), /larger than 10 MB/],
  ])("GIVEN %s beside a good photo WHEN accepted THEN it is refused with a clear message and nothing is stored", async (_label, make, message) => {
    const before = files().length;
    const error = await store.accept(SHOP, [{ name: "good.png", bytes: await photo("png") }, { name: "upload.jpg", bytes: await make() }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoError);
    expect((error as PhotoError).message).toMatch(message);
    expect((error as PhotoError).message).toContain("upload.jpg");
    expect(files().length).toBe(before);
  });

  it("GIVEN seven photos WHEN accepted THEN they are refused: at most six", async () => {
    const png = await photo("png", 10, 10);
    await expect(store.accept(SHOP, Array.from({ length: 7 }, (_, i) => ({ name: `p${i}.png`, bytes: png })))).rejects.toThrow("at most 6");
  });
});
