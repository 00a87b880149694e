import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One temporary folder for the whole test run (tests/setup/temp-root.ts). */
    tempRoot: string;
  }
}

/**
 * vitest globalSetup: one temporary root for every test of a run. Each test
 * worker points TMPDIR at it (tests/setup/temp-env.ts), so every
 * `mkdtempSync(join(tmpdir(), …))` of a test, every child process it starts
 * and every browser profile lands inside it; the root is removed when the run
 * ends, whatever a test forgot to clean. `npm test` leaves nothing in the
 * system temporary folder.
 */
export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(join(tmpdir(), 'risklab-test-'));
  project.provide('tempRoot', root);
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
