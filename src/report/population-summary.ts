import type { PopulationSummary } from '../recording/summary.js';
import { textTable } from './text-table.js';

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(2)}%`);
const fixed = (x: number, digits = 2) => (Number.isNaN(x) ? 'n/a' : x.toFixed(digits));

/**
 * The `risklab generate` summary: true versus recorded prevalence of the
 * outcome and mean true versus recorded circumstances per child, for
 * everyone and by group, then the oracle AUC twice: the expected AUC of
 * pTrue (what `outcome.oracleAuc`, the target, calibrates) and the AUC
 * realised on this draw of yTrue, with its sampling error.
 */
export function formatPopulationSummary(s: PopulationSummary, title: string, options: { targetAuc?: number } = {}): string {
  const target = options.targetAuc === undefined ? '' : `, target ${options.targetAuc.toFixed(3)}`;
  const table = textTable(
    ['group', 'level', 'children', 'true prevalence', 'recorded prevalence', 'true circumstances/child', 'recorded circumstances/child'],
    s.rows.map((r) => [
      r.attribute,
      r.level,
      r.n,
      pct(r.truePrevalence),
      pct(r.recordedPrevalence),
      fixed(r.meanTrueCircumstances),
      fixed(r.meanRecordedCircumstances),
    ]),
  );
  return [
    `${title} — cohort ${s.cohort}, ${s.size.toLocaleString('en-GB')} children`,
    '',
    table,
    '',
    `mean pTrue ${s.meanPTrue.toFixed(6)}; oracle AUC (pTrue vs yTrue): expected ${fixed(s.expectedOracleAuc, 3)}${target}; realised on this draw ${fixed(s.oracleAuc, 3)} (sampling SE ${fixed(s.oracleAucSe, 3)}, Hanley–McNeil); pTrue judged against yRecorded ${fixed(s.oracleAucRecorded, 3)}`,
  ].join('\n');
}
