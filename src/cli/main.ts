import { Command, CommanderError, Option } from 'commander';
import { RisklabError } from '../messages.js';
import { listPresets } from '../io/scenario-files.js';
import { runGenerate } from './generate.js';
import { runStart } from './start.js';
import { runAndWrite } from './run.js';
import { listExperiments } from './experiments.js';
import { runExplore } from './explore.js';
import { seedFlag, wholeNumberFlag } from './flags.js';

/** Build the `risklab` command line. Actions write to `out` and never call process.exit. */
export function buildProgram(out: (text: string) => void = (t) => process.stdout.write(`${t}\n`)): Command {
  const program = new Command('risklab')
    .description('A seeded simulation lab for testing predictive risk models for children against recorded and true outcomes.')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // Commander's own errors (unknown option, missing argument) as one line, like ours.
      outputError: (s, write) => write(`risklab: ${s.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()}\n`),
    });

  program
    .command('scenarios')
    .description('List the scenario presets in synthetic/, one line each.')
    .action(() => {
      const presets = listPresets();
      const width = Math.max(...presets.map((p) => p.name.length));
      out(presets.map((p) => `${p.name.padEnd(width)}  ${p.description.split('. ')[0].replace(/\.$/, '')}.`).join('\n'));
    });

  program
    .command('generate')
    .description('Draw one cohort of a scenario, print true vs recorded prevalence by group, and optionally write one row per child.')
    .argument('<scenario>', 'a preset name (see `risklab scenarios`) or a path to a scenario .json file')
    .addOption(new Option('--size <n>', 'children in the cohort (overrides population.size)').argParser(wholeNumberFlag('--size')))
    .addOption(new Option('--seed <s>', 'root seed (overrides the scenario seed)').argParser(seedFlag))
    .addOption(new Option('--cohort <k>', 'which yearly cohort to draw (1 = first)').argParser(wholeNumberFlag('--cohort')))
    .option('--out <file>', 'write rows to FILE.csv or FILE.json (columns: id, household, cohort, group attributes, age, true_<c>, rec_<c>, p_true, y_true, y_recorded)')
    .action((ref: string, options) => out(runGenerate(ref, options)));

  program
    .command('experiments')
    .description('List the experiments in experiments/, with the question each answers.')
    .action(async () => out(await listExperiments()));

  program
    .command('run')
    .description('Run an experiment and write results/<name>/ (summary.md, metrics.csv, groups.csv, sweep.csv, equal-risk.csv, charts, config.json, manifest.json).')
    .argument('<experiment>', 'an experiment name (see `risklab experiments`) or a path to a .ts/.json experiment file')
    .addOption(new Option('--replicates <n>', 'replicates (seeds) to run').argParser(wholeNumberFlag('--replicates')))
    .addOption(new Option('--seed <s>', 'root seed (overrides the experiment seed)').argParser(seedFlag))
    .option('--out <dir>', 'parent folder for results/<name>/ (default: results/)')
    .addOption(new Option('--workers <n>', 'worker threads (default: the number of cores)').argParser(wholeNumberFlag('--workers')))
    .option('--quick', 'small populations and few replicates (for tests)')
    .option('--save-scores', "also write scores.csv: every test child's score with both labels")
    .action(async (ref: string, options) => {
      const { result, dir } = await runAndWrite(ref, options);
      out(`${result.name}: ${result.replicates} replicates × ${result.cells.length} cells written to ${dir}`);
    });

  program
    .command('explore')
    .description('Write the explorer: one HTML file that runs the simulation in the browser, offline (default results/explore.html).')
    .option('--out <file>', 'where to write it (a path ending in .html)')
    .action(async (options) => out(await runExplore(options)));

  program
    .command('start')
    .description("Run the lab's main job: generate every preset, print its summary and write results/scenarios.md.")
    .option('--out <dir>', 'results folder', undefined)
    .action(async (options) => out(await runStart(options)));

  return program;
}

/** Run the CLI: one-line message and exit code 2 for bad input, 1 for an internal failure. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      return 2;
    }
    if (e instanceof RisklabError) {
      process.stderr.write(`risklab: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`risklab: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
