/** Shopify global ids: gid://shopify/Order/5512345678901, with the numeric legacy id at the end. */
export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

export function parseGid(value: string): { type: string; id: string } | null {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?]+)/.exec(value);
  return match ? { type: match[1], id: match[2] } : null;
}

export function legacyId(value: string): number {
  const parsed = parseGid(value);
  if (!parsed) throw new Error(`not a Shopify global id: ${value}`);
  return Number(parsed.id);
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
