import { Option, type Command } from 'commander';
import { seedFlag, wholeNumberFlag } from './flags.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `risklab audit <scores.csv>`. */
export function registerAudit(program: Command, out: (text: string) => void): void {
  program
    .command('audit')
    .description('Audit a file of real scores against the recorded outcome, by group, with intervals and the truth bounds the records cannot show; writes a folder like an experiment\'s (report, one-page brief, CSVs, datapackage.json, README).')
    .argument('<file>', 'a CSV file, one row per child (comma-separated, UTF-8; a byte-order mark is accepted)')
    .option('--score <column>', 'the score column, numbers in [0, 1] (default score)')
    .option('--label <column>', 'the recorded outcome column, 0 or 1 (default y_recorded)')
    .option('--group <column>', 'a group column (repeatable); every pair is also crossed', collect)
    .option('--cohort <column>', 'a cohort or date column (e.g. year): each value is reported like a group, at the same cut as everyone, and crossed with each --group')
    .option('--where <column=value>', 'audit only rows where the column has this value (repeatable)', collect)
    .option('--config <file>', 'a JSON or YAML file with any of these options (flags win)')
    .option('--at <point>', 'operating point: threshold=t, topK=k, topShare=s, recall=r, precision=p (repeatable; default threshold=0.5)', collect)
    .option('--min-cell <n>', 'suppress counts below n in every output (default 10; at least 1)')
    .addOption(new Option('--bootstrap <r>', 'bootstrap replicates for intervals (default 1000)').argParser(wholeNumberFlag('--bootstrap')))
    .addOption(new Option('--seed <s>', 'bootstrap seed (default 1)').argParser(seedFlag))
    .option('--detection <d>', 'assumed detection for the sensitivity table: 0.5, or attribute:level=d,level=d (repeatable; default 1, 0.75, 0.5, 0.25)', collect)
    .option('--contact-share <list>', 'assumed shares of recorded cases created by contact with services (default 0,0.1,0.25)')
    .option('--no-intersections', 'do not cross pairs of groups')
    .option('--out <dir>', 'the folder to write (default ./audit-<file name>)')
    .action(async (file: string, options) => {
      const { dir, rows } = await (await import('./audit.js')).runAudit(file, options);
      out(`audit of ${file}: ${rows} rows, written to ${dir}`);
    });
}
