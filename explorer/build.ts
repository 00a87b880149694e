import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Build the explorer into one self-contained HTML string, from the current
 * sources (explorer/ and the lab's core in src/), with Vite's build API.
 *
 * Why at run time rather than a prebuilt file: the page runs the lab's own
 * simulation code, so building it from the same checkout that `risklab run`
 * uses means the explorer can never drift from the CLI's numbers; a fresh
 * `npm ci` installs Vite, Svelte and the plugins (they are dependencies), so
 * `npm start` and `risklab explore` work on a new machine with no build step.
 * Nothing is written to disk (`write: false`); the caller writes the string.
 *
 * The page gets a Content-Security-Policy as strict as it can be: nothing may
 * load from anywhere (`default-src 'none'`); the one inline script and the
 * one inline style are allowed by their SHA-256 hashes only; the simulation's
 * worker may start from a `blob:` URL (the inlined worker); images only as
 * `data:`. No network, no eval, no other inline code.
 */
export async function buildExplorerHtml(): Promise<string> {
  const configFile = fileURLToPath(new URL('./vite.config.ts', import.meta.url));
  const result = await build({ configFile, build: { write: false }, logLevel: 'warn' });
  const outputs = Array.isArray(result) ? result : [result];
  for (const out of outputs) {
    if (!('output' in out)) continue;
    const page = out.output.find((o) => o.fileName === 'index.html');
    if (page && page.type === 'asset') return withContentSecurityPolicy(String(page.source));
  }
  throw new Error('the explorer build produced no index.html');
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Hashes of every inline <script> and <style> body in the page. */
function inlineHashes(html: string, tag: 'script' | 'style'): string[] {
  const re = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g');
  return [...html.matchAll(re)].map((m) => sha256(m[1]));
}

/** The policy for a built page (exported for tests). */
export function contentSecurityPolicy(html: string): string {
  return [
    "default-src 'none'",
    `script-src ${inlineHashes(html, 'script').join(' ')}`,
    `style-src ${inlineHashes(html, 'style').join(' ')}`,
    'worker-src blob:',
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Put the policy first in <head>, before anything it governs. */
export function withContentSecurityPolicy(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(html)}">`;
  if (!/<head>/.test(html)) throw new Error('the explorer page has no <head>');
  return html.replace('<head>', `<head>\n    ${meta}`);
}
