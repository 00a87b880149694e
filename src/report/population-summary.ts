import type { PopulationSummary } from '../recording/summary.js';
import { textTable } from './text-table.js';

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

/**
 * The `risklab generate` summary: true versus recorded prevalence of the
 * outcome and mean true versus recorded circumstances per child, for
 * everyone and by group, then the realised oracle AUC.
 */
export function formatPopulationSummary(s: PopulationSummary, title: string): string {
  const table = textTable(
    ['group', 'level', 'children', 'true prevalence', 'recorded prevalence', 'true circumstances/child', 'recorded circumstances/child'],
    s.rows.map((r) => [
      r.attribute,
      r.level,
      r.n,
      pct(r.truePrevalence),
      pct(r.recordedPrevalence),
      r.meanTrueCircumstances.toFixed(2),
      r.meanRecordedCircumstances.toFixed(2),
    ]),
  );
  return [
    `${title} — cohort ${s.cohort}, ${s.size.toLocaleString('en-GB')} children`,
    '',
    table,
    '',
    `mean pTrue ${s.meanPTrue.toFixed(6)}; oracle AUC (pTrue vs yTrue) ${s.oracleAuc.toFixed(3)}; pTrue judged against yRecorded ${s.oracleAucRecorded.toFixed(3)}`,
  ].join('\n');
}
