import { ICON_CATEGORIES, atThreshold, confusionAtCut, confusionByGroup, fpr, iconArray, precision, recall, selectionRate, sweep, sweepByGroup, topK, type Confusion, type Cut, type GroupSweep, type IconArray, type Sweep } from '../../src/metrics/index.js';
import type { ExplorerOperatingPoint, PresetName } from './presets.js';
import { GROUP_A, GROUP_B, type ExplorerSettings } from './settings.js';
import type { Simulation } from './simulation.js';

/**
 * Every number the page shows, from the test children's scores and labels,
 * with the metrics module's functions (the ones `risklab run` reports with):
 * one sweep per label, sorted once per refit (`prepare`), then every move of
 * the threshold or list size is a binary search (`numbersAt`) — no refit and
 * no rescan of the children.
 *
 * The operating point is resolved on the records (what a council can see),
 * as `evaluate` does, and the same cut then judges the truth and each group.
 */

/** What the worker sends the page after a refit (plain data: structured-clone safe). */
export interface ViewData {
  readonly preset: PresetName;
  readonly settings: ExplorerSettings;
  readonly trainSize: number;
  readonly testSize: number;
  readonly scores: Float64Array;
  readonly yRecorded: Uint8Array;
  readonly yTrue: Uint8Array;
  /** 0 = group A, 1 = group B, 2 = neither (simulation.ts). */
  readonly groupCodes: Uint8Array;
  readonly bMoreVisible: boolean;
  /** FNV-1a of the scores' bytes: equal digests mean bit-identical scores. */
  readonly scoreDigest: string;
  /** Sum of the scores: the parity test compares it with Node's, within the engines' floating-point difference. */
  readonly scoreSum: number;
}

/** FNV-1a (32-bit) over the bytes of a Float64Array, as 8 hex digits. */
export function digest(values: Float64Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function viewData(sim: Simulation): ViewData {
  return {
    preset: sim.settings.preset,
    settings: sim.settings,
    trainSize: sim.trainSize,
    testSize: sim.scores.length,
    scores: sim.scores,
    yRecorded: sim.yRecorded,
    yTrue: sim.yTrue,
    groupCodes: sim.groupCodes,
    bMoreVisible: sim.bMoreVisible,
    scoreDigest: digest(sim.scores),
    scoreSum: sim.scores.reduce((a, b) => a + b, 0),
  };
}

/** The sweeps of one refit. */
export interface Prepared {
  readonly view: ViewData;
  readonly recorded: Sweep;
  readonly truth: Sweep;
  readonly groupsRecorded: GroupSweep;
  readonly groupsTruth: GroupSweep;
}

export function prepare(view: ViewData): Prepared {
  const column = { attribute: 'explorer group', levels: ['A', 'B', 'neither'], codes: view.groupCodes };
  return {
    view,
    recorded: sweep(view.scores, view.yRecorded),
    truth: sweep(view.scores, view.yTrue),
    groupsRecorded: sweepByGroup(view.scores, view.yRecorded, column),
    groupsTruth: sweepByGroup(view.scores, view.yTrue, column),
  };
}

/** The cut an operating point resolves to on the records (ties at a list's cut go by test order, as everywhere in the lab). */
export function resolveCut(p: Prepared, op: ExplorerOperatingPoint): Cut {
  return op.rule === 'threshold' ? atThreshold(p.recorded, op.value).cut : topK(p.recorded, op.value).cut;
}

/** Judged against one label. */
export interface LabelNumbers {
  readonly confusion: Confusion;
  /** Flagged children who are at risk (on this label). */
  readonly precision: number;
  /** Children at risk (on this label) who are flagged. */
  readonly recall: number;
  /** Children not at risk (on this label) who are flagged. */
  readonly falseAlarmRate: number;
}

export interface GroupNumbers {
  readonly n: number;
  readonly flagged: number;
  readonly shareFlagged: number;
  readonly records: LabelNumbers;
  readonly truth: LabelNumbers;
}

export interface Numbers {
  readonly op: ExplorerOperatingPoint;
  readonly cut: Cut;
  readonly flagged: number;
  readonly records: LabelNumbers;
  readonly truth: LabelNumbers;
  readonly groups: { readonly a: GroupNumbers; readonly b: GroupNumbers };
  /** 1,000 children scaled from each confusion table (largest remainders), 50 to a row. */
  readonly icons: { readonly records: IconArray | null; readonly truth: IconArray | null };
}

function label(c: Confusion): LabelNumbers {
  return { confusion: c, precision: precision(c), recall: recall(c), falseAlarmRate: fpr(c) };
}

function group(p: Prepared, code: number, cut: Cut): GroupNumbers {
  const records = confusionByGroup(p.groupsRecorded, cut)[code];
  const truth = confusionByGroup(p.groupsTruth, cut)[code];
  return { n: truth.n, flagged: truth.flagged, shareFlagged: selectionRate(truth), records: label(records), truth: label(truth) };
}

/** Icons per row in the icon arrays. */
export const ICON_COLUMNS = 50;

/** Every number at one operating point. */
export function numbersAt(p: Prepared, op: ExplorerOperatingPoint): Numbers {
  const cut = resolveCut(p, op);
  const records = confusionAtCut(p.recorded, cut);
  const truth = confusionAtCut(p.truth, cut);
  return {
    op,
    cut,
    flagged: records.flagged,
    records: label(records),
    truth: label(truth),
    groups: { a: group(p, GROUP_A, cut), b: group(p, GROUP_B, cut) },
    icons: {
      records: iconArray(records, { size: 1000, columns: ICON_COLUMNS }),
      truth: iconArray(truth, { size: 1000, columns: ICON_COLUMNS }),
    },
  };
}

export { ICON_CATEGORIES };
