import { basename, extname, join } from 'node:path';
import { RisklabError } from '../messages.js';
import { auditMessages as m } from '../claim-messages.js';
import type { OperatingPointSpec } from '../metrics/index.js';
import { auditEvaluation, type DetectionAssumption } from '../audit/evaluate.js';
import { auditFiles } from '../audit/files.js';
import { readKeyFile } from '../io/claim-file.js';
import { readScoresFile } from '../io/scores-file.js';
import { gitOfStamp, manifest, writeFolderAtomic } from '../io/results.js';
import { runStamp } from '../io/stamp.js';
import { checkChromium, printBrief } from '../io/pdf.js';


/** Flags of `risklab audit`. */
export interface AuditFlags {
  score?: string;
  label?: string;
  group?: string[];
  cohort?: string;
  where?: string[];
  config?: string;
  at?: string[];
  minCell?: string | number;
  bootstrap?: number;
  seed?: number | string;
  detection?: string[];
  contactShare?: string;
  intersections?: boolean;
  out?: string;
}

/** Defaults, written into config.json with every audit. */
export const AUDIT_DEFAULTS = {
  score: 'score',
  label: 'y_recorded',
  at: ['threshold=0.5'],
  minCell: 10,
  bootstrap: 1000,
  seed: 1,
  detection: ['1', '0.75', '0.5', '0.25'],
  contactShare: '0,0.1,0.25',
} as const;

const CONFIG_KEYS = ['score', 'label', 'group', 'cohort', 'where', 'at', 'minCell', 'bootstrap', 'seed', 'detection', 'contactShare', 'intersections', 'out'];

/** `topK=1000` → { rule: 'topK', value: 1000 }. */
export function parseOperatingPoint(raw: string): OperatingPointSpec {
  const match = raw.trim().match(/^(threshold|topK|topShare|recall|precision)\s*=\s*([0-9.eE+-]+)$/);
  const value = match ? Number(match[2]) : NaN;
  if (!match || !Number.isFinite(value) || value < 0 || (match[1] !== 'topK' && value > 1) || (match[1] === 'topK' && !Number.isInteger(value))) {
    throw new RisklabError(m.badOperatingPoint(raw), '--at');
  }
  return { rule: match[1] as OperatingPointSpec['rule'], value };
}

/** `0.5` or `deprivation:high=0.8,low=0.4` (levels not named keep the last plain number given, else 1). */
export function parseDetection(raw: string, otherwise = 1): DetectionAssumption {
  const rate = (s: string) => {
    const v = Number(s.trim());
    if (s.trim() === '' || !(v > 0 && v <= 1)) throw new RisklabError(m.badDetection(raw), '--detection');
    return v;
  };
  const colon = raw.indexOf(':');
  if (colon < 0) return { all: rate(raw) };
  const attribute = raw.slice(0, colon).trim();
  const levels: Record<string, number> = {};
  for (const part of raw.slice(colon + 1).split(',')) {
    const eq = part.lastIndexOf('=');
    if (eq <= 0 || !attribute) throw new RisklabError(m.badDetection(raw), '--detection');
    levels[part.slice(0, eq).trim()] = rate(part.slice(eq + 1));
  }
  return { attribute, levels, otherwise };
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** Flags merged over a config file (flags win), every value checked. */
export function resolveAuditOptions(file: string, flags: AuditFlags) {
  const fromFile = flags.config ? readKeyFile(flags.config, '--config') : {};
  for (const key of Object.keys(fromFile)) if (!CONFIG_KEYS.includes(key)) throw new RisklabError(m.unknownConfigKey(key, CONFIG_KEYS), '--config');
  const pick = <T>(key: keyof AuditFlags, fallback: T): T => (flags[key] !== undefined ? (flags[key] as T) : fromFile[key] !== undefined ? (fromFile[key] as T) : fallback);
  const minCellRaw = pick<unknown>('minCell', AUDIT_DEFAULTS.minCell);
  const minCell = Number(minCellRaw);
  if (!/^\s*\d+\s*$/.test(String(minCellRaw)) || !Number.isSafeInteger(minCell) || minCell < 1) throw new RisklabError(m.badMinCell(minCellRaw), '--min-cell');
  const whereList = list(pick('where', []));
  const where: Record<string, string> = {};
  for (const wv of whereList) {
    const eq = wv.indexOf('=');
    if (eq <= 0) throw new RisklabError(m.badWhere(wv), '--where');
    where[wv.slice(0, eq)] = wv.slice(eq + 1);
  }
  const shares = String(pick('contactShare', AUDIT_DEFAULTS.contactShare)).split(',').map((s) => Number(s.trim()));
  if (shares.some((v) => !(v >= 0 && v < 1))) throw new RisklabError(m.badContactShare(pick('contactShare', '')), '--contact-share');
  const detectionRaw = list(pick('detection', AUDIT_DEFAULTS.detection));
  const bootstrap = Number(pick('bootstrap', AUDIT_DEFAULTS.bootstrap));
  if (!Number.isSafeInteger(bootstrap) || bootstrap < 1) throw new RisklabError(`--bootstrap must be a whole number ≥ 1; got ${String(bootstrap)}`, '--bootstrap');
  const stem = basename(file, extname(file));
  return {
    score: String(pick('score', AUDIT_DEFAULTS.score)),
    label: String(pick('label', AUDIT_DEFAULTS.label)),
    groups: list(pick('group', [])),
    cohort: pick<string | undefined>('cohort', undefined),
    where,
    at: list(pick('at', AUDIT_DEFAULTS.at)),
    operatingPoints: list(pick('at', AUDIT_DEFAULTS.at)).map(parseOperatingPoint),
    minCell,
    bootstrap,
    seed: pick<number | string>('seed', AUDIT_DEFAULTS.seed),
    detectionText: detectionRaw,
    detection: detectionRaw.map((d) => parseDetection(d)),
    contactShares: shares,
    intersections: String(pick('intersections', true)) !== 'false',
    out: String(pick('out', join('.', `audit-${stem}`))),
  };
}

/** `risklab audit <file>`: read, evaluate, write the folder atomically. Returns the folder. */
export async function runAudit(file: string, flags: AuditFlags): Promise<{ dir: string; rows: number }> {
  const o = resolveAuditOptions(file, flags);
  // brief.pdf is printed at the end: a missing browser fails now, before the file is read.
  checkChromium();
  const started = Date.now();
  const data = await readScoresFile(file, { score: o.score, label: o.label, groups: o.groups, cohort: o.cohort, where: o.where });
  const groupNames = data.groups.map((g) => g.attribute);
  for (const d of o.detection) {
    if ('all' in d) continue;
    const g = data.groups.find((x) => x.attribute === d.attribute);
    if (!g) throw new RisklabError(m.unknownDetectionAttribute(d.attribute, groupNames), '--detection');
    for (const level of Object.keys(d.levels)) if (!g.levels.includes(level)) throw new RisklabError(m.unknownDetectionLevel(d.attribute, level, g.levels), '--detection');
  }
  const evaluation = auditEvaluation(data.scores, data.labels, data.groups, {
    operatingPoints: o.operatingPoints,
    intersections: o.intersections,
    bootstrap: o.bootstrap,
    seed: o.seed,
    detection: o.detection,
    contactShares: o.contactShares,
  });
  const config = {
    command: 'audit',
    file: { name: basename(file), sha256: data.sha256, rowsRead: data.rowsRead, rowsAudited: data.rows < o.minCell ? `<${o.minCell}` : data.rows },
    columns: { score: o.score, label: o.label, groups: o.groups, cohort: o.cohort ?? null, where: o.where },
    operatingPoints: o.at,
    intersections: o.intersections,
    minCell: o.minCell,
    bootstrap: { replicates: o.bootstrap, seed: o.seed, method: 'Poisson bootstrap of the counts at each cut (cut held fixed)' },
    sensitivity: { detection: o.detectionText, contactShares: o.contactShares },
    seed: o.seed,
  };
  const stamp = runStamp();
  const files = auditFiles(evaluation, { fileName: basename(file), sha256: data.sha256, rows: data.rows, minCell: o.minCell, config, label: o.label, stamp });
  const pdf = await printBrief(files['brief.html'] as string, stamp.date);
  writeFolderAtomic(o.out, { ...files, 'brief.pdf': pdf, 'manifest.json': manifest({ git: gitOfStamp(stamp), kind: 'audit', seconds: (Date.now() - started) / 1000 }) });
  return { dir: o.out, rows: data.rows };
}
