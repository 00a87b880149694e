import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { versions } from '../../src/io/results.js';
import { REPO_ROOT } from '../../src/io/paths.js';

describe('manifest versions', () => {
  it('say whether tfjs-node is usable, not only that npm placed it', () => {
    const lib = join(REPO_ROOT, 'node_modules', '@tensorflow/tfjs-node', 'lib');
    const placed = existsSync(join(REPO_ROOT, 'node_modules', '@tensorflow/tfjs-node', 'package.json'));
    const binding = existsSync(lib) && readdirSync(lib).some((d) => existsSync(join(lib, d, 'tfjs_binding.node')));
    const v = versions()['@tensorflow/tfjs-node'];
    if (!placed) expect(v).toBe('not installed');
    else if (binding) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
    else expect(v).toMatch(/^\d+\.\d+\.\d+ \(installed without its native binding: not used\)$/);
  });
});
