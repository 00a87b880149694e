/**
 * The one-page brief: `briefHtml` lays out a `BriefInput` (plain data; an
 * audit can build its own), `experimentBrief` builds one from an experiment.
 *
 * @example
 * const html = briefHtml(experimentBrief(result, stamp)); // io prints it to brief.pdf
 */
export { type BriefInput, type BriefPictures, type BriefPanel, type BriefNumber, type BriefList, type BriefTable } from './input.js';
export { briefHtml, BRIEF_CSS } from './html.js';
export { experimentBrief, briefCells } from './experiment.js';
