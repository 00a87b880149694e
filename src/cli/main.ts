import { Command, CommanderError, Option } from 'commander';
import { RisklabError, cliMessages } from '../messages.js';
import { terminalText } from '../report/escape.js';
import { listPresets } from '../io/scenario-files.js';
import { pathFlag, seedFlag, wholeNumberFlag } from './flags.js';
import { installSignalHandlers } from './signals.js';
import { registerCheckClaim } from './check-claim-command.js';
import { registerAudit } from './audit-command.js';
import { addQueueRunOptions, registerQueueCommands } from './queue-commands.js';

/** Print to stdout: text that may hold names from user files, with terminal control characters removed. */
const printOut = (text: string) => process.stdout.write(`${terminalText(text, { multiline: true })}\n`);
/** Print one line to stderr (`risklab: …`): control characters removed, line breaks folded, so it stays one line. */
const printError = (line: string) => process.stderr.write(`risklab: ${terminalText(line).trim()}\n`);

/**
 * Build the `risklab` command line. Actions write to `out` and never call
 * process.exit. Each command's module is imported when the command runs, so
 * `risklab scenarios` does not load the models, charts and zod.
 */
export function buildProgram(out: (text: string) => void = printOut): Command {
  const program = new Command('risklab')
    .description('A seeded simulation lab for testing predictive risk models for children against recorded and true outcomes.')
    .option('--debug', 'on an internal error, print its stack trace (any position on the command line)')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(terminalText(s, { multiline: true })),
      // Commander's own errors (unknown option, missing argument) as one line, like ours.
      outputError: (s) => printError(s.replace(/^error: /, '')),
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
    .summary('Draw one cohort of a scenario, print true vs recorded prevalence by group, and optionally write one row per child.')
    .description(
      'Draw one cohort of a scenario, print true vs recorded prevalence by group and the oracle AUC (expected, which outcome.oracleAuc calibrates, and realised on this draw, with its sampling error), and optionally write one row per child.',
    )
    .argument('<scenario>', 'a preset name (see `risklab scenarios`) or a path to a scenario .json file')
    .addOption(new Option('--size <n>', 'children in the cohort (overrides population.size)').argParser(wholeNumberFlag('--size')))
    .addOption(new Option('--seed <s>', 'root seed (overrides the scenario seed)').argParser(seedFlag))
    .addOption(new Option('--cohort <k>', 'which yearly cohort to draw (1 = first)').argParser(wholeNumberFlag('--cohort')))
    .addOption(new Option('--out <file>', 'write rows to FILE.csv or FILE.json (columns: id, household, cohort, group attributes, age, true_<c>, rec_<c>, p_true, y_true, y_recorded)').argParser(pathFlag('--out')))
    .action(async (ref: string, options) => out((await import('./generate.js')).runGenerate(ref, options)));

  program
    .command('experiments')
    .description('List the experiments in experiments/, with the question each answers.')
    .action(async () => out(await (await import('./experiments.js')).listExperiments()));

  const run = program
    .command('run')
    .summary('Run one experiment and write its results folder (results-quick/ with --quick).')
    .description('Run an experiment and write results/<name>/ (results-quick/<name>/ with --quick): summary.md, report.html, metrics.csv, groups.csv, sweep.csv, equal-risk.csv, charts/, config.json, manifest.json.')
    .argument('<experiment>', 'an experiment name (see `risklab experiments`) or a path to a .ts/.json experiment file')
    .addOption(new Option('--replicates <n>', 'replicates (seeds) to run').argParser(wholeNumberFlag('--replicates')))
    .addOption(new Option('--seed <s>', 'root seed (overrides the experiment seed)').argParser(seedFlag))
    .addOption(new Option('--out <dir>', 'parent folder of <name>/ (default: results/, the committed full results; with --quick, results-quick/, so a quick run never replaces them)').argParser(pathFlag('--out')))
    .addOption(new Option('--workers <n>', 'worker threads (default: the number of cores)').argParser(wholeNumberFlag('--workers')))
    .option('--quick', 'small populations and few replicates, for a first look or a test (written to results-quick/<name>/ unless --out says otherwise)')
    .option('--save-scores', "also write scores.csv: every test child's score with both labels");
  addQueueRunOptions(run).action(async (ref: string, options) => {
    const { result, dir } = await (await import('./run.js')).runAndWrite(ref, options);
    out(`${result.name}: ${result.replicates} replicates × ${result.cells.length} cells written to ${dir}`);
  });

  program
    .command('explore')
    .description('Write the explorer: one HTML file that runs the simulation in the browser, offline (default results/explore.html).')
    .addOption(new Option('--out <file>', 'where to write it (a path ending in .html)').argParser(pathFlag('--out')))
    .action(async (options) => out(await (await import('./explore.js')).runExplore(options)));

  program
    .command('start')
    .summary("What `npm start` runs: every experiment in full, then the results index (README.md, index.html, scenarios.md).")
    .description(
      "Run the lab's main job (what `npm start` runs): every experiment in experiments/ in full, each written to <dir>/<name>/, then <dir>/scenarios.md (every preset's truth versus records), <dir>/README.md (each experiment's answer) and <dir>/index.html (links to every report).",
    )
    .addOption(new Option('--out <dir>', 'results folder (default: results/, the committed reference outputs)').argParser(pathFlag('--out')))
    .action(async (options) => out(await (await import('./start.js')).runStart(options)));

  registerCheckClaim(program, out);
  registerAudit(program, out);
  registerQueueCommands(program, out);

  return program;
}

/** `--debug` anywhere before a `--`: taken out of argv so every command accepts it. */
function takeDebugFlag(argv: string[]): { argv: string[]; debug: boolean } {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  const rest = end < 0 ? [] : argv.slice(end);
  const kept = head.filter((a) => a !== '--debug');
  return { argv: [...kept, ...rest], debug: kept.length < head.length || process.env.RISKLAB_DEBUG === '1' };
}

/**
 * Run the CLI: one-line message and exit code 2 for bad input; for anything
 * else (a bug) one line saying so and how to see the details, exit code 1.
 * No input prints a stack trace unless `--debug` asks for it.
 */
export async function main(argv: string[], program: Command = buildProgram()): Promise<number> {
  const { argv: args, debug } = takeDebugFlag(argv);
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      return 2;
    }
    if (e instanceof RisklabError) {
      printError(e.message);
      return 2;
    }
    const error = e instanceof Error ? e : new Error(String(e));
    printError(cliMessages.internalError(`${error.name}: ${error.message.split('\n')[0]}`, debug));
    if (debug) process.stderr.write(`${terminalText(error.stack ?? error.message, { multiline: true })}\n`);
    return 1;
  }
}

/**
 * The command line as a program (bin/risklab.js, `tsx src/cli/main.ts`):
 * stops cleanly on signals (src/cli/signals.ts) and sets the exit code.
 */
export async function runCli(argv: string[]): Promise<void> {
  installSignalHandlers();
  process.exitCode = await main(argv);
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (invokedDirectly) void runCli(process.argv.slice(2));
