import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadTf, useTfBackend } from '../../src/models/tf-backend.js';

async function tfjsNodeInstalled(): Promise<boolean> {
  try {
    const specifier = '@tensorflow/tfjs-node';
    await import(specifier);
    return true;
  } catch {
    return false;
  }
}

describe('tf-backend', () => {
  afterEach(() => vi.restoreAllMocks());

  it('initialises silently, once, on wasm when tfjs-node is absent', async () => {
    const log = vi.spyOn(console, 'log');
    const warn = vi.spyOn(console, 'warn');
    const info = vi.spyOn(console, 'info');
    const stdout = vi.spyOn(process.stdout, 'write');
    const first = loadTf();
    expect(loadTf()).toBe(first); // memoised promise
    const runtime = await first;
    const tf = runtime.tf;
    // Exercise a kernel too: tfjs prints its "install tfjs-node" notice on first use of a backend.
    tf.tidy(() => tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).dataSync());
    expect([log, warn, info, stdout].map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0]);
    if (await tfjsNodeInstalled()) {
      expect(runtime.backend).toBe('tensorflow');
    } else {
      expect(runtime.backend).toBe('wasm');
      expect(runtime.notes.join('\n')).toMatch(/tfjs-node unavailable/);
    }
    expect(tf.getBackend()).toBe(runtime.backend);
  });

  it('can switch to the pure-JS cpu backend and back without printing', async () => {
    const warn = vi.spyOn(console, 'warn');
    const { tf, backend } = await loadTf();
    const cpu = await useTfBackend('cpu');
    expect(cpu.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.tidy(() => Array.from(tf.add(tf.ones([2]), tf.ones([2])).dataSync()))).toEqual([2, 2]);
    if (backend === 'wasm') await useTfBackend('wasm');
    expect(tf.getBackend()).toBe(backend);
    expect(warn).not.toHaveBeenCalled();
  });
});
