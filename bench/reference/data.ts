/**
 * The data both sides of the reference comparison read: one CSV written by
 * `risklab generate` (100,000 children of what-works-1, seed 3), its 32
 * recorded `rec_*` columns as features and `y_recorded` as the label; the
 * first 80 % of rows train, the last 20 % test.
 */
import { readFileSync } from 'node:fs';
import type { FeatureMatrix, TrainingSet } from '../../src/models/types.js';

export interface ReferenceData {
  readonly train: TrainingSet;
  readonly test: FeatureMatrix;
  readonly testYRecorded: Uint8Array;
}

/** Read the generated CSV: `rec_*` columns (names without the prefix) and `y_recorded`. */
export function readReferenceCsv(path: string, trainShare = 0.8): ReferenceData {
  const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line.length > 0);
  const header = lines[0].split(',');
  const features = header.flatMap((name, j) => (name.startsWith('rec_') ? [j] : []));
  const label = header.indexOf('y_recorded');
  const n = lines.length - 1;
  const columns = features.map(() => new Float64Array(n));
  const yRecorded = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const cells = lines[i + 1].split(',');
    features.forEach((j, k) => (columns[k][i] = Number(cells[j])));
    yRecorded[i] = Number(cells[label]);
  }
  const names = features.map((j) => header[j].slice('rec_'.length));
  const nTrain = Math.round(trainShare * n);
  const part = (from: number, to: number): FeatureMatrix => ({
    nRows: to - from,
    names,
    columns: columns.map((c) => c.slice(from, to)),
    rowIds: Int32Array.from({ length: to - from }, (_, i) => from + i),
    source: 'records',
  });
  return {
    train: { x: part(0, nTrain), yRecorded: yRecorded.slice(0, nTrain) },
    test: part(nTrain, n),
    testYRecorded: yRecorded.slice(nTrain),
  };
}
