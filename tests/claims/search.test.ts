import { beforeAll, describe, expect, it } from 'vitest';
import { runSearchUnit, searchUnits, summarizeSearch, type SearchCell, type SearchSettings, type SearchTarget } from '../../src/claims/search.js';
import { searchWords } from '../../src/claim-messages.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';

/**
 * The reproduction search of check-claim on a tiny grid with 10,000
 * children a cell (about 500 recorded cases at a 5% recorded base rate), so
 * the whole file runs in a few seconds.
 */

const preset = loadScenarioInput('think-family') as Record<string, unknown>;
const settings = (over: Partial<SearchSettings>): SearchSettings => ({
  preset, presetName: 'think-family', seed: 'search-test', oracleAuc: [0.8], detection: [0.6], leakage: [0],
  children: 10_000, tolerance: 0.02, recordedBaseRate: 0.05, ...over,
});
async function search(s: SearchSettings, targets: readonly SearchTarget[]): Promise<SearchCell[]> {
  const cells: SearchCell[] = [];
  for (const unit of searchUnits(s)) cells.push(...(await runSearchUnit(s, targets, unit)));
  return cells;
}
/** A published two-decimal figure: the interval it stands for. */
const published = (metric: SearchTarget['metric'], x: number): SearchTarget => {
  const shown = Number(x.toFixed(2));
  return { metric, lo: shown - 0.005, hi: shown + 0.005 };
};
const cellAt = (cells: readonly SearchCell[], oracleAuc: number, detection: number, leakage = 0) =>
  cells.find((c) => c.oracleAuc === oracleAuc && c.detection === detection && c.leakage === leakage)!;

describe('reproduction search', () => {
  const targets = [published('precision', 0.2), published('recall', 0.38)];

  it('is seeded: the same claim and seed give identical JSON, another seed other numbers', async () => {
    const s = settings({ leakage: [0, 0.5], children: 4000 });
    const a = JSON.stringify(await search(s, targets));
    const b = JSON.stringify(await search(s, targets));
    const c = JSON.stringify(await search({ ...s, seed: 'another' }, targets));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  describe('a claim built from one lab setting', () => {
    // The claim: a lab run at oracle AUC 0.8, detection 0.6, no leakage, with 10% of children
    // flagged, published to two decimals as a council would.
    let source: SearchCell;
    let cells: SearchCell[];
    let claim: SearchTarget[];
    const grid = settings({ oracleAuc: [0.7, 0.8, 0.9], detection: [0.6, 1] });
    beforeAll(async () => {
      [source] = await runSearchUnit(grid, [{ metric: 'selectionRate', lo: 0.1, hi: 0.1 }], { oracleAuc: 0.8, detection: 0.6 });
      claim = [published('precision', source.recorded.precision), published('recall', source.recorded.recall)];
      cells = await search(grid, claim);
    }, 60_000);

    it('is matched by the grid cell at that setting, and not by a distant one', () => {
      expect(source.recorded.selectionRate).toBeCloseTo(0.1, 3);
      const home = cellAt(cells, 0.8, 0.6);
      expect(home.matches).toBe(true);
      expect(home.distance).toBe(0);
      // Same population and records (the seed is the search's), a cut inside the published rounding:
      // what it says about the truth is what the source setting gave.
      expect(Math.abs(home.truth.precision - source.truth.precision)).toBeLessThan(0.02);
      expect(Math.abs(home.truth.recall - source.truth.recall)).toBeLessThan(0.02);
      // A weaker model whose records are the truth cannot reach that precision and recall.
      expect(cellAt(cells, 0.7, 1).distance).toBeGreaterThan(2 * grid.tolerance);
      expect(cells.filter((c) => c.matches).length).toBeLessThan(cells.length);
    });

    it('reports what the matching settings imply against the truth', () => {
      const summary = summarizeSearch(cells);
      const matching = cells.filter((c) => c.matches);
      expect(summary.matching).toBe(matching.length);
      expect(summary.truePrecision).toEqual({ lo: Math.min(...matching.map((c) => c.truth.precision)), hi: Math.max(...matching.map((c) => c.truth.precision)) });
      expect(summary.trueRecall).toEqual({ lo: Math.min(...matching.map((c) => c.truth.recall)), hi: Math.max(...matching.map((c) => c.truth.recall)) });
      // With every true case recorded and no leakage, the records are the truth: both judgements agree.
      const full = cellAt(cells, 0.8, 1);
      expect(full.truth).toEqual(full.recorded);
      expect(full.realisedDetection).toBe(1);
      // With 6 in 10 true cases recorded at random, the children flagged without a record are
      // mostly unrecorded true cases: true precision ≈ recorded precision ÷ 0.6, recall about the same.
      const home = cellAt(cells, 0.8, 0.6);
      expect(home.realisedDetection).toBeGreaterThan(0.55);
      expect(home.realisedDetection).toBeLessThan(0.65);
      expect(home.truth.precision).toBeCloseTo(home.recorded.precision / 0.6, 1);
      expect(Math.abs(home.truth.recall - home.recorded.recall)).toBeLessThan(0.05);
      // And the words say so.
      const text = searchWords.section({ settings: grid, summary }).join('\n');
      expect(text).toContain(`${matching.length} of the ${cells.length} settings give the claimed figures against the records`);
      expect(text).toContain('Against the truth');
    });
  });

  it('says in words what leakage the matching settings need: none, not necessarily, or at least some', () => {
    const grid = settings({ oracleAuc: [0.7, 0.8], detection: [0.6, 1], leakage: [0, 0.5, 0.95] });
    const cell = (leakage: number, recall: number, matches = true): SearchCell => ({
      oracleAuc: 0.8, detection: 0.6, leakage, children: 10_000, trueBaseRate: 0.08, recordedBaseRate: 0.05, realisedDetection: 0.6, threshold: 0.3,
      distance: matches ? 0 : 0.1, matches, skipped: null,
      recorded: { precision: 0.42, recall: 0.21, selectionRate: 0.03, auc: 0.7 }, truth: { precision: 0.7, recall, selectionRate: 0.03, auc: 0.8 },
    });
    const words = (cells: SearchCell[]) => searchWords.section({ settings: grid, summary: summarizeSearch(cells) }).join('\n');
    const none = words([cell(0, 0.22), cell(0.5, 0.2, false)]);
    expect(none).toContain('1 of the 2 settings gives the claimed figures against the records (each within 0.02).');
    expect(none).toContain('It has no leakage (records created because of the outcome): none is needed.');
    expect(none).toContain('Against the truth the same model finds about 2 in every 10 children who truly have the outcome (recall 0.22), and 70% of the children it flags truly have it (precision 0.70).');
    expect(none).not.toMatch(/at least 0\b|leakage of 0/);
    expect(words([cell(0, 0.2), cell(0.5, 0.25)])).toContain('No leakage is needed (records created because of the outcome): some have none, others up to 50%.');
    const all = words([cell(0.5, 0.3), cell(0.95, 0.6)]);
    expect(all).toContain('All of them need leakage of at least 50%');
    expect(all).toContain('about 3 to 6 in every 10 children');
    expect(all).toContain('The records cannot tell these settings apart');
    const miss = words([cell(0.5, 0.3, false)]);
    expect(miss).toContain('None of them gives the claimed figures against the records (each within 0.02).');
    expect(miss).toContain('The closest (oracle AUC 0.80, detection 60%, leakage 50%) misses by 0.10');
  });

  it('finds that very strong figures against rare records need leakage, and that the truth is far weaker', async () => {
    // "Precision 0.95 and recall 0.90 against records": only records created because of the
    // outcome come close; against the truth the same list finds far fewer of the children at risk.
    const s = settings({ leakage: [0, 0.95] });
    const cells = await search(s, [published('precision', 0.95), published('recall', 0.9)]);
    const [none, leaky] = [cellAt(cells, 0.8, 0.6, 0), cellAt(cells, 0.8, 0.6, 0.95)];
    expect(leaky.distance).toBeLessThan(none.distance / 5);
    expect(none.distance).toBeGreaterThan(0.3);
    expect(leaky.recorded.recall).toBeGreaterThan(0.8);
    expect(leaky.truth.recall).toBeLessThan(leaky.recorded.recall - 0.2);
  }, 60_000);
});
