import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";

import { createPhotoStore, localFolderStorage, MAX_PHOTO_BYTES, PhotoError } from "../../app/requests/photos.server";

const SHOP = "photos.myshopify.com";
const ORDER = "gid://shopify/Order/7100004242";
const USE = { viewer: { type: "customer" as const, customerId: "gid://shopify/Customer/7100000301" }, orderId: ORDER };
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
    ], USE);

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
    const error = await store.accept(SHOP, [{ name: "good.png", bytes: await photo("png") }, { name: "upload.jpg", bytes: await make() }], USE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoError);
    expect((error as PhotoError).message).toMatch(message);
    expect((error as PhotoError).message).toContain("upload.jpg");
    expect(files().length).toBe(before);
  });

  it("GIVEN an iPhone-style HEIC (HEVC) with camera and GPS data WHEN accepted THEN it is decoded, stored as a JPEG of the same size and without any metadata", async () => {
    // test/fixtures/photos/README.md says how the fixture was made (heif-enc from a JPEG with EXIF).
    const heic = readFileSync(join(__dirname, "..", "fixtures", "photos", "ring-with-exif.heic"));
    expect(heic.subarray(4, 12).toString("latin1")).toBe("ftypheic");
    expect(heic.includes(Buffer.from("PhoneMaker"))).toBe(true);

    const [key] = await store.accept(SHOP, [{ name: "IMG_0001.HEIC", bytes: heic }], USE);

    const stored = (await store.read(SHOP, key)) as Buffer;
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 64, height: 48 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(stored.includes(Buffer.from("PhoneMaker"))).toBe(false);
    // The picture survives: the fixture is a flat gold colour (200, 170, 60).
    const { data } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
    expect(Math.abs(data[0] - 200) + Math.abs(data[1] - 170) + Math.abs(data[2] - 60)).toBeLessThan(30);
  });

  it("GIVEN photos uploaded more than a day ago WHEN the sweep runs THEN those no request names are deleted and the rest are kept", async () => {
    const sweepRoot = mkdtempSync(join(tmpdir(), "aftercare-sweep-"));
    try {
      const swept = createPhotoStore(localFolderStorage(sweepRoot));
      const [abandoned, submitted, recent] = await swept.accept(SHOP, [
        { name: "a.png", bytes: await photo("png", 40, 40) },
        { name: "b.png", bytes: await photo("png", 40, 40) },
        { name: "c.png", bytes: await photo("png", 40, 40) },
      ], USE);
      const now = new Date();
      const twoDaysAgo = new Date(now.getTime() - 48 * 3_600_000);
      const pathOf = (key: string) => {
        for (const dir of readdirSync(sweepRoot)) if (readdirSync(join(sweepRoot, dir)).includes(`${key}.jpg`)) return join(sweepRoot, dir, `${key}.jpg`);
        throw new Error(`no file for ${key}`);
      };
      utimesSync(pathOf(abandoned), twoDaysAgo, twoDaysAgo);
      utimesSync(pathOf(submitted), twoDaysAgo, twoDaysAgo);
      const asked: string[][] = [];

      const deleted = await swept.sweepUnsubmitted(async (keys) => {
        asked.push(keys);
        return new Set(keys.filter((k) => k === submitted));
      }, now);

      expect(deleted).toBe(1);
      expect(asked).toHaveLength(1);
      expect([...asked[0]].sort()).toEqual([abandoned, submitted].sort());
      expect(await swept.exists(SHOP, abandoned)).toBe(false);
      expect(await swept.exists(SHOP, submitted)).toBe(true);
      expect(await swept.exists(SHOP, recent)).toBe(true);
      expect(await swept.sweepUnsubmitted(async () => new Set(), now)).toBe(1);
      expect(await swept.exists(SHOP, submitted)).toBe(false);
    } finally {
      rmSync(sweepRoot, { recursive: true, force: true });
    }
  });

  it("GIVEN seven photos WHEN accepted THEN they are refused: at most six", async () => {
    const png = await photo("png", 10, 10);
    await expect(store.accept(SHOP, Array.from({ length: 7 }, (_, i) => ({ name: `p${i}.png`, bytes: png })), USE)).rejects.toThrow("at most 6");
  });

  it("GIVEN a photo a customer uploaded for one order WHEN anyone else, another order or another shop names its key THEN it does not count as theirs, and its binding names nobody in the clear", async () => {
    const [key] = await store.accept(SHOP, [{ name: "ring.png", bytes: await photo("png", 40, 40) }], USE);
    expect(await store.exists(SHOP, key, USE)).toBe(true);
    expect(await store.exists(SHOP, key)).toBe(true);
    const others = [
      { viewer: { type: "customer" as const, customerId: "gid://shopify/Customer/7100000999" }, orderId: ORDER },
      { viewer: USE.viewer, orderId: "gid://shopify/Order/7100009999" },
      { viewer: { type: "guest" as const, grant: "a-guest-grant-for-the-same-order" }, orderId: ORDER },
      { viewer: { type: "staff" as const }, orderId: ORDER },
    ];
    for (const use of others) expect(await store.exists(SHOP, key, use)).toBe(false);
    expect(await store.exists("other.myshopify.com", key, USE)).toBe(false);
    // A guest's upload is bound to the grant it was made under.
    const guest = { viewer: { type: "guest" as const, grant: "grant-one-0123456789" }, orderId: ORDER };
    const [guestKey] = await store.accept(SHOP, [{ name: "clasp.png", bytes: await photo("png", 40, 40) }], guest);
    expect(await store.exists(SHOP, guestKey, guest)).toBe(true);
    expect(await store.exists(SHOP, guestKey, { ...guest, viewer: { type: "guest", grant: "grant-two-0123456789" } })).toBe(false);
    const stored: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith(".owner")) stored.push(readFileSync(join(dir, entry.name), "utf8"));
      }
    };
    walk(root);
    expect(stored.length).toBeGreaterThan(0);
    for (const tag of stored) expect(tag).not.toMatch(/Customer|7100000301|grant/);
    await store.remove(SHOP, [key]);
    expect(await store.exists(SHOP, key, USE)).toBe(false);
  });
});
