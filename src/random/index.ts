export { createRandom, countDraws, streamState, type RandomSource } from './source.js';
export { murmur3x86_128, hash128 } from './hash.js';
export {
  normal,
  normalSource,
  type NormalSource,
  poissonDraw,
  uniformInt,
  shuffleInPlace,
  permutation,
  categoricalFromCumulative,
} from './distributions.js';
export { zigguratNormals } from './ziggurat.js';
