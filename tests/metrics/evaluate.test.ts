/**
 * `evaluate` gives every number twice (yRecorded, yTrue), overall and by
 * group, as tidy rows; each row is recomputed here from its definition on the
 * rows it describes, using the cut chosen on yRecorded.
 */
import { describe, expect, it } from 'vitest';
import { metricsMessages } from '../../src/messages.js';
import type { GroupColumn } from '../../src/population/types.js';
import {
  confusionFromFlags,
  evaluate,
  flagsAt,
  forRecall,
  rate,
  sweep,
  topK,
  type EvaluationRow,
} from '../../src/metrics/index.js';
import { createRandom, randomCase } from './helpers.js';

const random = createRandom('metrics-evaluate-tests');
const n = 800;
const { scores, yTrue } = randomCase(random.fork('data'), n, 0.25, 8);
const yRecorded = yTrue.map((v, i) => (v === 1 && i % 3 === 0 ? 0 : v));
const sex: GroupColumn = { attribute: 'sex', levels: ['female', 'male'], codes: Uint8Array.from({ length: n }, (_, i) => i % 2) };
const area: GroupColumn = { attribute: 'area', levels: ['north', 'south', 'east'], codes: Uint8Array.from({ length: n }, (_, i) => (i * 7) % 3) };

const pick = <T extends Float64Array | Uint8Array>(a: T, keep: (i: number) => boolean): T => {
  const rows = Array.from(a.keys()).filter(keep);
  const out = new (a.constructor as new (k: number) => T)(rows.length);
  rows.forEach((r, j) => (out[j] = a[r]));
  return out;
};

describe('evaluate', () => {
  const rows = evaluate(scores, { yRecorded, yTrue }, {
    groups: [sex, area],
    intersections: [['sex', 'area']],
    operatingPoints: [{ rule: 'topK', value: 101 }, { rule: 'recall', value: 0.8 }, { rule: 'precision', value: 0.999 }],
    metrics: ['precision', 'recall', 'auc'],
  });

  it('one row per label × group × operating point × metric', () => {
    expect(rows.length).toBe(2 * (1 + 2 + 3 + 6) * 3 * 3);
    expect(new Set(rows.map((r) => r.label))).toEqual(new Set(['yRecorded', 'yTrue']));
    expect(rows.filter((r) => r.attribute === 'sex × area').map((r) => r.group)).toContain('male × east');
  });

  it('a capacity list is drawn once and judged against both labels and in every group', () => {
    const flags = flagsAt(scores, topK(sweep(scores, yRecorded), 101).cut);
    const find = (label: string, attribute: string, group: string, metric: string): EvaluationRow =>
      rows.find((r) => r.label === label && r.attribute === attribute && r.group === group && r.operatingPoint === 'topK=101' && r.metric === metric)!;
    for (const [label, labelColumn] of [['yRecorded', yRecorded], ['yTrue', yTrue]] as const) {
      expect(find(label, 'all', 'all', 'precision').value).toBe(rate('precision', confusionFromFlags(flags, labelColumn)));
      expect(find(label, 'all', 'all', 'precision').flagged).toBe(101);
      const east = (i: number) => area.codes[i] === 2;
      const alone = confusionFromFlags(pick(flags, east), pick(labelColumn, east));
      const row = find(label, 'area', 'east', 'recall');
      expect(row.value).toBe(rate('recall', alone));
      expect([row.n, row.positives, row.flagged]).toEqual([alone.n, alone.positives, alone.flagged]);
      expect(find(label, 'sex', 'male', 'auc').value).toBe(sweep(pick(scores, (i) => i % 2 === 1), pick(labelColumn, (i) => i % 2 === 1)).auc);
    }
  });

  it('a target recall is met on yRecorded; the same cut is then applied to yTrue', () => {
    const expected = forRecall(sweep(scores, yRecorded), 0.8)!.cut.threshold;
    const recallRows = rows.filter((r) => r.operatingPoint === 'recall=0.8' && r.attribute === 'all' && r.metric === 'recall');
    expect(recallRows.map((r) => r.cutThreshold)).toEqual([expected, expected]);
    expect(recallRows[0].value).toBeGreaterThanOrEqual(0.8);
    const flags = flagsAt(scores, { threshold: expected, tieRowLimit: Infinity });
    expect(recallRows[1].value).toBe(rate('recall', confusionFromFlags(flags, yTrue)));
  });

  it('an unreachable target gives NaN rates (AUC still given), not a made-up point', () => {
    const unreachable = rows.filter((r) => r.operatingPoint === 'precision=0.999' && r.attribute === 'all');
    expect(unreachable.every((r) => Number.isNaN(r.cutThreshold))).toBe(true);
    expect(unreachable.filter((r) => r.metric === 'precision').every((r) => Number.isNaN(r.value))).toBe(true);
    expect(unreachable.filter((r) => r.metric === 'auc').every((r) => r.value > 0.5)).toBe(true);
  });

  it('every row carries the confusion counts and the cut that made it, equal to a direct recount of that group', () => {
    const cut = topK(sweep(scores, yRecorded), 101).cut;
    const flags = flagsAt(scores, cut);
    for (const r of rows.filter((x) => x.operatingPoint === 'topK=101')) {
      const keep =
        r.attribute === 'all'
          ? () => true
          : r.attribute === 'sex'
            ? (i: number) => sex.levels[sex.codes[i]] === r.group
            : r.attribute === 'area'
              ? (i: number) => area.levels[area.codes[i]] === r.group
              : (i: number) => `${sex.levels[sex.codes[i]]} × ${area.levels[area.codes[i]]}` === r.group;
      const c = confusionFromFlags(pick(flags, keep), pick(r.label === 'yTrue' ? yTrue : yRecorded, keep));
      expect([r.tp, r.fp, r.fn, r.tn], `${r.label} ${r.attribute} ${r.group}`).toEqual([c.tp, c.fp, c.fn, c.tn]);
      expect(r.tp + r.fp).toBe(r.flagged);
      expect(r.tp + r.fn).toBe(r.positives);
      expect([r.cutThreshold, r.cutTieRowLimit]).toEqual([cut.threshold, cut.tieRowLimit]);
    }
    const unreachable = rows.find((x) => x.operatingPoint === 'precision=0.999')!;
    expect([unreachable.tp, unreachable.fp, unreachable.fn, unreachable.tn, unreachable.cutTieRowLimit].every(Number.isNaN)).toBe(true);
  });

  it('refuses an operating-point rule it does not know, naming the known ones', () => {
    expect(() => evaluate(scores, { yRecorded, yTrue }, { operatingPoints: [{ rule: 'best' as never, value: 1 }] })).toThrow(
      metricsMessages.unknownRule('operatingPoints[].rule', 'best', ['threshold', 'topK', 'topShare', 'recall', 'precision']),
    );
  });

  it('defaults: threshold 0.5, every metric, no groups', () => {
    const plain = evaluate(scores, { yRecorded, yTrue });
    expect(new Set(plain.map((r) => r.operatingPoint))).toEqual(new Set(['threshold=0.5']));
    expect(plain.length).toBe(2 * 17);
  });

  it('names an unknown attribute in an intersection', () => {
    expect(() => evaluate(scores, { yRecorded, yTrue }, { groups: [sex], intersections: [['sex', 'region']] })).toThrow(
      metricsMessages.unknownAttribute('intersections', 'region', ['sex']),
    );
  });
});
