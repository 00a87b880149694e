import { ICON_CATEGORIES, type IconCategory } from '../metrics/index.js';

/**
 * Colours, shapes and dash patterns for charts and icon arrays.
 *
 * Colours are the Okabe–Ito palette, distinguishable by people with the
 * common colour-vision deficiencies (Okabe & Ito 2008, "Color Universal
 * Design"; Wong 2011, Nature Methods 8:441). Colour never carries meaning
 * alone: every colour channel in a chart is doubled by a shape or a dash
 * pattern, and every icon category has its own glyph.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Colours for categories (models, groups) in order; yellow last (weak on white). */
export const CATEGORY_COLOURS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

/** Vega symbol shapes paired with `CATEGORY_COLOURS`. */
export const CATEGORY_SHAPES: readonly string[] = [
  'circle',
  'square',
  'triangle-up',
  'diamond',
  'cross',
  'triangle-down',
  'triangle-right',
  'triangle-left',
];

/** Dash patterns paired with `CATEGORY_COLOURS` (solid first). */
export const CATEGORY_DASHES: readonly (readonly number[])[] = [
  [1, 0],
  [6, 3],
  [2, 2],
  [8, 3, 2, 3],
  [12, 4],
  [4, 4],
  [1, 3],
  [10, 2, 2, 2, 2, 2],
];

/** The i-th category's colour, shape and dash (cycling after eight). */
export function categoryStyle(i: number): { colour: string; shape: string; dash: readonly number[] } {
  const k = i % CATEGORY_COLOURS.length;
  return { colour: CATEGORY_COLOURS[k], shape: CATEGORY_SHAPES[k], dash: CATEGORY_DASHES[k] };
}

/**
 * THE encoding of the two labels, for every chart, slide, icon array and the
 * explorer (issue 10 §7, issue 11 §3): colour always means the model (or the
 * group), never the label; the label is carried by fill and line:
 * - against the truth (`yTrue`): a filled marker and a solid line;
 * - against the records (`yRecorded`): a hollow marker (white fill, coloured
 *   outline) and a dashed line.
 * Legends say it in words ("filled: against the truth · hollow: against the
 * records"), from `reportMessages`.
 */
export const LABEL_ENCODING = {
  yTrue: { filled: true, dash: [1, 0] as readonly number[], word: 'truth' },
  yRecorded: { filled: false, dash: [6, 3] as readonly number[], word: 'records' },
} as const;

/** The colour, shape and dash of the i-th model of an experiment (its order in the experiment file), the same in every chart. */
export const modelStyle = (i: number) => categoryStyle(i);

/** How each label was drawn before `LABEL_ENCODING` (the truth solid and blue, the records dashed and orange): no chart uses it; the explorer still does until issue 11 moves it to `LABEL_ENCODING`. */
export const LABEL_STYLE = {
  yTrue: { colour: OKABE_ITO.blue, shape: 'circle', dash: [1, 0] as readonly number[] },
  yRecorded: { colour: OKABE_ITO.orange, shape: 'square', dash: [6, 3] as readonly number[] },
} as const;

/** How each icon-array category is drawn: a colour and a glyph that differ. */
export interface IconStyle {
  readonly colour: string;
  /** One of the glyphs `iconGlyphSvg` draws. */
  readonly glyph: 'disc' | 'triangle' | 'cross' | 'dot';
}

/**
 * Icon styles: flagged and at risk (blue disc), flagged and not at risk
 * (orange triangle), missed (vermillion cross), not flagged and not at risk
 * (grey small dot).
 */
export const ICON_STYLE: Readonly<Record<IconCategory, IconStyle>> = {
  'flagged, at risk': { colour: OKABE_ITO.blue, glyph: 'disc' },
  'flagged, not at risk': { colour: OKABE_ITO.orange, glyph: 'triangle' },
  missed: { colour: OKABE_ITO.vermillion, glyph: 'cross' },
  'not flagged, not at risk': { colour: '#8C8C8C', glyph: 'dot' },
};

/** `ICON_STYLE` in `ICON_CATEGORIES` order. */
export const ICON_STYLES: readonly IconStyle[] = ICON_CATEGORIES.map((c) => ICON_STYLE[c]);
