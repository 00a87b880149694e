import { Option, type Command } from 'commander';
import { numberListFlag, seedFlag, wholeNumberFlag } from './flags.js';

const FIGURE_FLAGS: readonly [string, string, string][] = [
  ['precision', '--precision <p>', 'share of flagged children with the outcome (0.42, 42%, 0.40-0.45)'],
  ['recall', '--recall <r>', 'share of children with the outcome who are flagged'],
  ['specificity', '--specificity <s>', 'share of children without it who are not flagged'],
  ['fpr', '--fpr <f>', 'false-positive rate: share of children without it who are flagged'],
  ['accuracy', '--accuracy <a>', 'share of children classified correctly'],
  ['f1', '--f1 <f>', 'F1 score'],
  ['mcc', '--mcc <m>', 'Matthews correlation coefficient'],
  ['auc', '--auc <a>', 'area under the ROC curve'],
  ['baseRate', '--base-rate <b>', 'share of children with the outcome (0.1%, 0.004)'],
  ['flaggedShare', '--flagged-share <s>', 'share of children flagged'],
  ['population', '--population <n>', 'children in all (exact, or ~350000 for "about")'],
  ['flagged', '--flagged <k>', 'children flagged or on the list (>1000 for "more than 1,000")'],
  ['trueCases', '--true-cases <n>', 'children with the outcome'],
];

/** `risklab check-claim [file]`. */
export function registerCheckClaim(program: Command, out: (text: string) => void): void {
  const cmd = program
    .command('check-claim')
    .description('Check a published claim: can its figures come from one 2×2 table, what table do they imply, is it plausible, and what would the lab need to reproduce it?')
    .argument('[file]', 'a JSON or YAML file of figures (keys as the flags in camelCase: precision, recall, baseRate, population, flagged, trueCases, outcome…); flags win');
  for (const [, flag, help] of FIGURE_FLAGS) cmd.option(flag, help);
  cmd
    .option('--outcome <o>', 'compare the base rate with the published prevalence of cse or escalation, or with a number such as 0.2%')
    .option('--json', 'print the whole answer as JSON (shape in the README)')
    .option('--no-search', 'skip the search for settings that reproduce the claim')
    .addOption(new Option('--seed <s>', 'seed of the search (default 2020)').argParser(seedFlag))
    .option('--preset <name>', 'scenario the search varies (default think-family)')
    .addOption(new Option('--grid-auc <list>', 'oracle AUCs to search (default 0.7,0.8,0.9)').argParser(numberListFlag('--grid-auc')))
    .addOption(new Option('--grid-detection <list>', 'detection rates to search (default 0.3,0.6,1)').argParser(numberListFlag('--grid-detection')))
    .addOption(new Option('--grid-leakage <list>', 'leakage probabilities to search (default 0,0.5,0.95)').argParser(numberListFlag('--grid-leakage')))
    .addOption(new Option('--children <n>', 'children per search setting (default: about 300 recorded cases, 20,000–100,000)').argParser(wholeNumberFlag('--children', 1000)))
    .addOption(new Option('--workers <n>', 'worker threads for the search (default: the number of cores; 1 runs in one thread)').argParser(wholeNumberFlag('--workers', 1)))
    .addOption(new Option('--tolerance <t>', 'largest gap for a setting to match (default 0.02)').argParser((raw) => numberListFlag('--tolerance')(raw)[0]))
    .action(async (file: string | undefined, options) => out(await (await import('./check-claim.js')).runCheckClaim(file, options)));
}
