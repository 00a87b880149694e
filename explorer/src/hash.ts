import { PRESETS, type ExplorerOperatingPoint, type PresetName } from './presets.js';
import type { ExplorerSettings } from './settings.js';

/**
 * The explorer's state in the page address after `#`, so a trainer can
 * bookmark a setting and open it again offline:
 * `#preset=two-groups&seed=7&baseRate=0.05&visibilityB=2&detection=0.7&contact=0.3&leakage=0&op=topK:300`.
 * Anything missing or unreadable falls back to the preset's own value.
 */
export interface HashState {
  readonly preset?: PresetName;
  readonly patch: Partial<ExplorerSettings>;
  readonly op?: ExplorerOperatingPoint;
}

const num = (v: string | null): number | undefined => {
  if (v === null || v.trim() === '') return undefined;
  const x = Number(v);
  return Number.isFinite(x) ? x : undefined;
};

export function readHash(hash: string): HashState {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const name = q.get('preset');
  const preset = PRESETS.some((p) => p.name === name) ? (name as PresetName) : undefined;
  const patch: { -readonly [K in keyof ExplorerSettings]?: ExplorerSettings[K] } = {};
  const seed = q.get('seed');
  if (seed !== null && seed.trim() !== '') patch.seed = /^-?\d+$/.test(seed) && Number.isSafeInteger(Number(seed)) ? Number(seed) : seed;
  const set = (key: 'baseRate' | 'visibilityB' | 'detection' | 'detectionContactBoost', v: number | undefined, min: number, max: number) => {
    if (v !== undefined && v >= min && v <= max) patch[key] = v;
  };
  set('baseRate', num(q.get('baseRate')), 0.0001, 0.5);
  set('visibilityB', num(q.get('visibilityB')), 1, 4);
  set('detection', num(q.get('detection')), 0.01, 1);
  set('detectionContactBoost', num(q.get('contact')), 0, 1);
  const leak = q.get('leakage');
  if (leak === '0' || leak === '1') patch.leakage = leak === '1';
  let op: ExplorerOperatingPoint | undefined;
  const m = /^(threshold|topK):([0-9.]+)$/.exec(q.get('op') ?? '');
  if (m) {
    const v = Number(m[2]);
    if (m[1] === 'threshold' && v >= 0 && v <= 1) op = { rule: 'threshold', value: v };
    if (m[1] === 'topK' && Number.isInteger(v) && v >= 0) op = { rule: 'topK', value: v };
  }
  return { preset, patch, op };
}

export function writeHash(s: ExplorerSettings, op: ExplorerOperatingPoint): string {
  const q = new URLSearchParams({
    preset: s.preset,
    seed: String(s.seed),
    baseRate: String(s.baseRate),
    visibilityB: String(s.visibilityB),
    detection: String(s.detection),
    contact: String(s.detectionContactBoost),
    leakage: s.leakage ? '1' : '0',
    op: `${op.rule}:${op.value}`,
  });
  return `#${q.toString()}`;
}
