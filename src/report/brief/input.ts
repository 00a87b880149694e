import type { HeadlinePart } from '../../experiment/findings/evaluate.js';
import type { OutcomeWords } from '../../messages.js';

/**
 * What the one-page brief shows: a small, documented, plain-data input, so
 * that anything that has these numbers — an experiment (src/report/brief/
 * experiment.ts), or an audit of a council's own scores, which has the
 * records and not the truth — can print the same page with `briefHtml`.
 * Every text is raw (the brief escapes it).
 */
export interface BriefInput {
  /** The title: the question in words. */
  readonly title: string;
  /** What follows the question's first sentence, if anything. */
  readonly lead: string;
  /** True for synthetic children (the banner says so and links to the assumptions); false for an audit of real records. */
  readonly synthetic: boolean;
  /** The banner of a page about real records (shown when `synthetic` is false): what the numbers are judged against, and the data behind them. */
  readonly banner?: { readonly lead: string; readonly body: string };
  /** The answer, piece by piece (an experiment's declared headline), or plain text. */
  readonly answer: readonly HeadlinePart[] | string;
  /** The other main points, in the style of an ONS bulletin: one plain sentence each, numbers first. */
  readonly mainPoints: readonly string[];
  /** Which model, setting and operating point the pictures and numbers show ("Pictures and numbers: the logistic model, …"). */
  readonly focus: string;
  /** "Of 100 children the model flags": how many of them are cases. */
  readonly flagged: BriefPictures;
  /** "Of 100 children at risk": how many of them are flagged. */
  readonly cases: BriefPictures;
  /** The three numbers, each with a one-line plain definition. */
  readonly numbers: readonly BriefNumber[];
  /** What this does not show. */
  readonly doesNotShow: readonly string[];
  /** Questions to ask a supplier. */
  readonly questions: readonly string[];
  /** How the outcome is named. */
  readonly outcome: OutcomeWords;
  /** The colour of the model in every chart (palette: colour = model), for the marked icons. */
  readonly colour: string;
  /** Links: the full report, and where its assumptions are listed. */
  readonly reportHref: string;
  readonly sourcesHref: string;
  /** Where a term's glossary entry is ("report.html#g-precision"). */
  readonly glossaryHref: (id: string) => string;
  /** Small print above the trace: how strength words and small numbers are handled. */
  readonly notes: readonly string[];
  /** Lines that trace the printed page to its run (date, version, commit; experiment, seed, config). */
  readonly trace: readonly string[];
  /** The circulated list, when there is one (issue 17): a few rows as a commissioner sees them, then the same rows with the truth revealed. */
  readonly list?: BriefList;
}

/** A sample of a circulated list, in two small tables. */
export interface BriefList {
  readonly heading: string;
  /** Which list the rows come from, and which places. */
  readonly intro: string;
  /** The rows as circulated and, from a table's `truthFrom` column on, with the truth revealed. */
  readonly tables: readonly BriefTable[];
  /** A line under the tables, if any. */
  readonly note?: string;
}

/** A small table of text cells. */
export interface BriefTable {
  readonly caption: string;
  readonly columns: readonly string[];
  /** Indices of the columns that hold numbers (set right). */
  readonly numeric: readonly number[];
  /** The first column that only the lab knows (shaded); absent when none is. */
  readonly truthFrom?: number;
  readonly rows: readonly (readonly string[])[];
}

/** One picture group: the same 100 children as the records see them and as they truly are (null: not known, e.g. the truth of real records). */
export interface BriefPictures {
  readonly heading: string;
  readonly records: BriefPanel | null;
  readonly truth: BriefPanel | null;
}

/** One 10 × 10 icon array: `marked` of 100 icons are marked. */
export interface BriefPanel {
  /** Marked icons out of 100 (rounded so the two kinds add up to 100). */
  readonly marked: number;
  /** What the marked icons are, in words ("48 recorded as cases"). */
  readonly caption: string;
  /** How many real children the 100 stand for ("stands for 74 children flagged (median)"). */
  readonly standsFor: string;
  /** Why there is no picture (too few children: a suppression reason); the other fields are then ignored. */
  readonly withheld?: string;
}

/** One of the three numbers. */
export interface BriefNumber {
  /** The number as printed ("44%", "2.3", or "suppressed"). */
  readonly value: string;
  /** Its name and one-line plain definition ("Precision: of the children flagged, the share …"). */
  readonly definition: string;
  /** The same number as the records would give it ("the records say 48%"), when known. */
  readonly records?: string;
}
