/**
 * Minor units are 64-bit integers in the database (BigInt columns: an IDR refund passes 2^31)
 * and safe JavaScript integers in the app. These two conversions are the only crossing, and
 * both refuse what would lose a unit instead of rounding it.
 */
export class MinorUnitsRangeError extends Error {
  override name = "MinorUnitsRangeError";
}

export function toDbMinor(minor: number): bigint;
export function toDbMinor(minor: number | null): bigint | null;
export function toDbMinor(minor: number | null): bigint | null {
  if (minor === null) return null;
  if (!Number.isSafeInteger(minor)) throw new MinorUnitsRangeError(`${minor} is not a whole number of minor units`);
  return BigInt(minor);
}

export function fromDbMinor(minor: bigint): number;
export function fromDbMinor(minor: bigint | null): number | null;
export function fromDbMinor(minor: bigint | null): number | null {
  if (minor === null) return null;
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MinorUnitsRangeError(`${minor} minor units are beyond what the app computes exactly`);
  }
  return Number(minor);
}
