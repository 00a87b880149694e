import { execFileSync } from 'node:child_process';
import { RisklabError, pageMessages as t } from '../messages.js';
import type { RunStamp } from '../report/stamp.js';
import { REPO_ROOT } from './paths.js';
import { versions } from './results.js';

/**
 * Where a run's pages say it came from: the risklab version, the git commit
 * of the code, and a date. The pages must be byte-identical between two runs
 * of the same config, so the date is never the clock's:
 *
 * 1. `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
 *    convention: https://reproducible-builds.org/specs/source-date-epoch/)
 *    when it is set;
 * 2. otherwise the committer date of the commit the code is at (`git log -1
 *    --format=%cI`), i.e. the date of the code that produced the numbers;
 * 3. otherwise (no git: a copied tree) no date, and the pages say so.
 *
 * The clock time of the run is in manifest.json, the one file allowed to
 * differ. The commit is `git rev-parse HEAD`, marked "with local changes"
 * when tracked files of the code (src, experiments, synthetic, package
 * files) differ from it — results/ is ignored, so writing results does not
 * change what later experiments of the same run say. `RISKLAB_COMMIT` sets
 * the commit by hand (a build without .git).
 */
export function runStamp(env: NodeJS.ProcessEnv = process.env): RunStamp {
  const version = versions().risklab;
  const git = (...args: string[]): string | null => {
    try {
      return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const head = env.RISKLAB_COMMIT?.trim() || git('rev-parse', 'HEAD');
  const changed = env.RISKLAB_COMMIT ? '' : git('status', '--porcelain', '--untracked-files=no', '--', 'src', 'experiments', 'synthetic', 'package.json', 'package-lock.json');
  let date: string | null = null;
  let dateSource: RunStamp['dateSource'] = 'none';
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new RisklabError(t.badSourceDateEpoch(epoch), 'SOURCE_DATE_EPOCH');
    date = new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
    dateSource = 'SOURCE_DATE_EPOCH';
  } else if (head && !env.RISKLAB_COMMIT) {
    const committed = git('log', '-1', '--format=%cI', head);
    if (committed) {
      date = new Date(committed).toISOString().slice(0, 10);
      dateSource = 'commit';
    }
  }
  return { version, commit: head || null, localChanges: Boolean(changed), date, dateSource };
}
