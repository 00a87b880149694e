/**
 * MurmurHash3 x86_128 (Austin Appleby, SMHasher, public domain): a fast
 * non-cryptographic 128-bit hash with full avalanche — flipping any input bit
 * flips each output bit with probability ½ — used to turn a stream's label
 * path into its generator state. Returns h1…h4 as 32-bit words.
 *
 * Verified against SMHasher's verification value 0xB3ECE62A
 * (tests/random/hash.test.ts).
 *
 * @example
 * murmur3x86_128(new TextEncoder().encode('hello'), 0); // Int32Array(4)
 */
export function murmur3x86_128(data: Uint8Array, seed: number): Int32Array {
  const c1 = 0x239b961b;
  const c2 = 0xab0e9789;
  const c3 = 0x38b34ae5;
  const c4 = 0xa1e38b93;
  let h1 = seed | 0;
  let h2 = seed | 0;
  let h3 = seed | 0;
  let h4 = seed | 0;
  const len = data.length;
  const blocks = len >>> 4;
  const word = (i: number) => data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
  for (let b = 0; b < blocks; b++) {
    const i = b * 16;
    h1 ^= mixK(word(i), c1, 15, c2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= mixK(word(i + 4), c2, 16, c3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= mixK(word(i + 8), c3, 17, c4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= mixK(word(i + 12), c4, 18, c1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  // Tail: the last len % 16 bytes, little-endian into k1…k4.
  const tail = blocks * 16;
  const k = [0, 0, 0, 0];
  for (let j = len - tail - 1; j >= 0; j--) k[j >>> 2] ^= data[tail + j] << ((j & 3) * 8);
  const rest = len - tail;
  if (rest > 12) h4 ^= mixK(k[3], c4, 18, c1);
  if (rest > 8) h3 ^= mixK(k[2], c3, 17, c4);
  if (rest > 4) h2 ^= mixK(k[1], c2, 16, c3);
  if (rest > 0) h1 ^= mixK(k[0], c1, 15, c2);
  h1 ^= len;
  h2 ^= len;
  h3 ^= len;
  h4 ^= len;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return Int32Array.of(h1, h2, h3, h4);
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function mixK(k: number, a: number, r: number, b: number): number {
  return Math.imul(rotl(Math.imul(k, a), r), b);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const utf8 = new TextEncoder();

/** The 128-bit MurmurHash3 (seed 0) of a text's UTF-8 bytes. */
export function hash128(text: string): Int32Array {
  return murmur3x86_128(utf8.encode(text), 0);
}
