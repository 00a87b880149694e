import { join } from 'node:path';
import { importModule } from '../runtime.js';
import { checkWritable, writeFileAtomic } from '../io/atomic.js';
import { RESULTS_DIR } from '../io/paths.js';
import { RisklabError, exploreMessages, messages } from '../messages.js';

/** Where `risklab explore` and `npm start` write the explorer by default. */
export const EXPLORER_FILE = join(RESULTS_DIR, 'explore.html');

/**
 * `risklab explore [--out FILE]`: build the explorer from the current
 * sources (explorer/build.ts) and write it as one HTML file (default
 * results/explore.html). The path is checked before the build, so bad input
 * costs nothing and leaves nothing behind; the file is written atomically.
 */
export async function runExplore(options: { out?: string; /** The page when the caller built it already (`buildExplorer`). */ html?: string } = {}): Promise<string> {
  const out = options.out ?? EXPLORER_FILE;
  if (!/\.html?$/i.test(out)) throw new RisklabError(messages.invalid('--out', exploreMessages.outExpected, out), '--out');
  checkWritable(out, '--out');
  const html = options.html ?? (await buildExplorer());
  writeFileAtomic(out, [html], '--out');
  return exploreMessages.wrote(out, Buffer.byteLength(html));
}

/** The explorer's one HTML file, built with Vite (explorer/build.ts), not written anywhere. */
export async function buildExplorer(): Promise<string> {
  // explorer/ sits beside src/ and dist/ alike and is TypeScript: loaded through the same path as a .ts experiment.
  const { buildExplorerHtml } = (await importModule(new URL('../../explorer/build.ts', import.meta.url).href)) as { buildExplorerHtml: () => Promise<string> };
  return buildExplorerHtml();
}
