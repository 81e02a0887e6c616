/** Shopify global ids: gid://shopify/Order/5512345678901, with the numeric legacy id at the end. */
export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

export function parseGid(value: string): { type: string; id: string } | null {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?]+)/.exec(value);
  return match ? { type: match[1], id: match[2] } : null;
}

/**
 * The numeric id at the end of a global id, as its exact digits: Shopify's ids are 64-bit and
 * some are above 2^53, where a JavaScript number is no longer exact.
 */
export function legacyId(value: string): string {
  const parsed = parseGid(value);
  if (!parsed) throw new Error(`not a Shopify global id: ${value}`);
  return parsed.id;
}

/** Orders two global ids by their numeric ids, exactly. */
export function compareIds(a: string, b: string): number {
  const d = BigInt(legacyId(a)) - BigInt(legacyId(b));
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Deterministic 32-bit PRNG (mulberry32): the seed and the fault injector replay exactly. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
