/**
 * What the slide deck (issue 11 §3) adds to a run, per experiment: the
 * experiment is run quick in this process (one worker; its time is not
 * counted), then its deck is built `REPEATS` times from the result — the
 * pictures' SVG (vega), the PNGs (resvg) and slides.pptx (pptxgenjs and the
 * zip rewrite) timed apart — and the median is printed with the deck's
 * size. The first build in a process also loads vega, resvg and pptxgenjs:
 * printed as "first".
 *
 * Run: npx tsx bench/slides.bench.ts [experiment…] (default every experiment in experiments/).
 */
import { readdirSync } from 'node:fs';
import { resolveFromRef } from '../src/cli/run.js';
import { aggregate } from '../src/experiment/aggregate.js';
import { runExperiment } from '../src/experiment/runner.js';
import { slideFiles, svgToPng } from '../src/io/slides.js';
import { findingMetrics } from '../src/report/folder.js';
import { deckImages, experimentDeck } from '../src/report/slides/index.js';

const REPEATS = 3;
const stamp = { version: '0.1.0', commit: null, localChanges: false, date: '2026-01-01', dateSource: 'commit' as const };
const names = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync('experiments').filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let first = true;
for (const name of names) {
  const resolved = await resolveFromRef(name, { quick: true });
  const run = await runExperiment(resolved, { workers: 1 });
  const result = run.result ?? aggregate(resolved, run.tasks);
  const deckOf = () => experimentDeck(result, stamp, { gridMetrics: findingMetrics(resolved) });
  if (first) {
    const t = performance.now();
    await slideFiles(deckOf());
    console.log(`first build (loads vega, resvg, pptxgenjs): ${((performance.now() - t) / 1000).toFixed(2)} s`);
    first = false;
  }
  const svg: number[] = [];
  const png: number[] = [];
  const all: number[] = [];
  let bytes = 0;
  for (let r = 0; r < REPEATS; r++) {
    let t = performance.now();
    const images = await deckImages(deckOf());
    svg.push(performance.now() - t);
    t = performance.now();
    for (const i of images) svgToPng(i.image.svg);
    png.push(performance.now() - t);
    t = performance.now();
    const files = await slideFiles(deckOf());
    all.push(performance.now() - t);
    bytes = Object.values(files).reduce((a, f) => a + f.byteLength, 0);
  }
  console.log(`${name}: deck ${(median(all) / 1000).toFixed(2)} s (pictures as SVG ${(median(svg) / 1000).toFixed(2)} s, PNG ${(median(png) / 1000).toFixed(2)} s), ${(bytes / 1e6).toFixed(2)} MB (slides.pptx + slides/*.png)`);
}
