/**
 * Small synchronous hashes for the trust engine. Web Crypto's SHA-256 is asynchronous, and both
 * uses here sit on synchronous paths (a review gate deciding, the Trust page comparing a step's
 * configuration), so they use FNV-1a, 64-bit, computed on two 32-bit halves.
 *
 * Neither use is a security boundary: a fingerprint collision (about 2^-64 for two different
 * configurations) would let a changed step keep its tier, and nobody gains from forging a draw.
 */

const encoder = new TextEncoder();
const TWO_32 = 4294967296;

/**
 * FNV-1a 64-bit of the UTF-8 bytes of `text`, as 16 lowercase hex digits.
 * The 64-bit multiply by the FNV prime 2^40 + 0x1b3 is split into 32-bit words: the low word
 * times 0x1b3 (exact in a double, < 2^41) gives the new low word and a carry; the high word gets
 * its own product, the carry, and the low word shifted up 40 bits (= 8 bits into the high word).
 */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of encoder.encode(text)) {
    lo = (lo ^ byte) >>> 0;
    const low = lo * 0x1b3;
    hi = (hi * 0x1b3 + Math.floor(low / TWO_32) + ((lo << 8) >>> 0)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

const MASK_64 = (1n << 64n) - 1n;

/**
 * MurmurHash3's 64-bit finalizer: FNV-1a alone spreads a change in the last byte poorly into the
 * high bits, and sampling keys differ exactly there (`run-1:gate:0`, `run-1:gate:1`). After the
 * finalizer every input bit affects every output bit with probability about 1/2.
 */
function fmix64(value: bigint): bigint {
  let x = value;
  x ^= x >> 33n;
  x = (x * 0xff51afd7ed558ccdn) & MASK_64;
  x ^= x >> 33n;
  x = (x * 0xc4ceb9fe1a85ec53n) & MASK_64;
  x ^= x >> 33n;
  return x;
}

/**
 * A deterministic uniform number in [0, 1) from a seed and a key: the same pair always gives the
 * same draw (so a logged draw can be checked later), different keys give independent-looking
 * draws. The seed is length-prefixed so ("ab", "c") and ("a", "bc") differ. 53 bits of the mixed
 * hash make the double, as Math.random does.
 */
export function seededUniform(seed: string, key: string): number {
  const mixed = fmix64(BigInt(`0x${fnv1a64(`${seed.length}:${seed}|${key}`)}`));
  return Number(mixed >> 11n) / 2 ** 53;
}
