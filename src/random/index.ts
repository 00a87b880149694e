export { createRandom, type RandomSource } from './source.js';
export {
  normal,
  poissonDraw,
  uniformInt,
  shuffleInPlace,
  permutation,
  categoricalFromCumulative,
} from './distributions.js';
