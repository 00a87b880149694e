import { afterEach, beforeEach, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a CLI test sees: a fresh folder per test, and everything written to stdout and stderr (reset before each test). */
export interface CliCapture {
  dir: string;
  stdout: string;
  stderr: string;
}

/**
 * Register hooks that give each test of the file its own temporary folder
 * (removed afterwards) and capture process.stdout/stderr writes into the
 * returned object; a test may reset `io.stderr = ''` between commands.
 */
export function captureCli(prefix: string): CliCapture {
  const io: CliCapture = { dir: '', stdout: '', stderr: '' };
  beforeEach(() => {
    io.dir = mkdtempSync(join(tmpdir(), prefix));
    io.stdout = '';
    io.stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((io.stdout += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((io.stderr += String(s)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(io.dir, { recursive: true, force: true });
  });
  return io;
}
