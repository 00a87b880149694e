import type { OutcomeWords } from '../../messages.js';

/**
 * Words of the slide deck (a sibling of src/messages.ts, so tests compare
 * against them). Every title is one message with the run's own numbers in
 * it; every slide has speaker notes saying what to point at and how to
 * read it.
 */
export const slideMessages = {
  deckTitle: (question: string) => question,
  madeUp: 'Synthetic children: every child, name and place here is made up.',
  answerNotes: (headline: string, focus: string) =>
    `The answer this experiment declares, with this run's numbers: ${headline} ${focus} The next slides show it in pictures; every number is judged twice, against the records (what a council would see) and against the truth (what really happened to the children).`,

  /** The records-versus-truth chart: "Looks 9 in 10 on the records; really finds 6 in 10". */
  gapTitle: (recorded: string, truth: string) => `Looks ${recorded} in 10 on the records; really finds ${truth} in 10`,
  gapTitleNone: 'Against the records and against the truth, for every model',
  gapNotes: (model: string, op: string, recorded: string, truth: string, o: OutcomeWords) =>
    `Recall: of the children with the outcome, the share the tool flags. Against the records, ${model} at ${op} seems to flag ${recorded} in 10 recorded cases; against the truth it flags ${truth} in 10 ${o.cases}. ` +
    'Each row is a model (its colour and marker shape are the same on every slide). The hollow marker is the number against the records, the filled marker the same flags against the truth; the grey bar between them is the gap. Left: precision (of those flagged, the share who are cases). Right: recall.',

  /** The icon arrays: 1,000 children as the records see them and as they truly are. */
  iconsTitle: (flagged: string, recorded: string, truth: string) =>
    `Of 1,000 children, ${flagged} flagged: ${recorded} recorded as ${recorded === '1' ? 'a case' : 'cases'}, ${truth} truly ${truth === '1' ? 'is' : 'are'}`,
  iconsNotes: (model: string, opWords: string, where: string, baseRecords: string, baseTruth: string, o: OutcomeWords, zero: string) =>
    `The same 1,000 test children twice, at the real base rate: left as the records see them, right as they truly are. ${model} flags the same children in both (${opWords}; ${where}). ` +
    `The records count ${baseRecords} of the 1,000 as cases; in truth ${baseTruth} are ${o.cases}. ` +
    'Blue discs: flagged and a case. Orange triangles: flagged, not a case (a false alarm). Red crosses: a case the tool missed. Grey dots: neither. ' +
    `Counts are medians across replicates, scaled to 1,000.${zero}`,
  iconsRoundedToZero: ' Some kinds have real children that round to no icon in 1,000; the counts beside the arrays say so.',
  iconsHeading: { records: 'What the records say', truth: 'What was true' },
  iconKinds: {
    records: ['flagged, recorded as a case', 'flagged, no case recorded', 'recorded case, not flagged', 'not flagged, no case recorded'],
    truth: (o: OutcomeWords) => [`flagged, ${o.case}`, 'flagged, not a case (false alarm)', `${o.case}, missed`, 'not flagged, not a case'],
  },
  iconsFewer: 'fewer than 1',

  /** The findings. */
  findingsTitleTargets: (reached: number, of: number) => `The simulation reaches ${reached} of the ${of} published target${of === 1 ? '' : 's'} it was built to reproduce`,
  findingsTitle: (claim: string, value: string) => `${claim[0].toUpperCase()}${claim.slice(1)}: ${value}`,
  findingsTitleNone: 'This experiment declares no findings',
  findingsNotes: (shown: number, of: number) =>
    `The experiment's declared findings, ${shown === of ? 'all of them' : `the first ${shown} of ${of} (report.html lists every one)`}: the median across replicates and the 2.5–97.5% range, and where a published target exists, whether the simulation reaches it. A number resting on too few children is suppressed.`,
  findingsColumns: ['finding', 'median', '2.5–97.5%', 'target', 'reached'] as readonly string[],

  /** Detail: precision and recall at every threshold (one cell) or a measure across the grid. */
  thresholdTitle: (op: string, recorded: string, truth: string) => `At ${op}, precision is ${recorded} on the records and ${truth} in truth`,
  thresholdNotes: (model: string) =>
    `How the picture changes as the score threshold moves, one row per model (${model} among them): precision on the left, recall on the right. Dashed lines and hollow markers are against the records; solid lines and filled markers against the truth. The vertical rule marks the headline operating point.`,
  gridTitle: (metric: string, lowest: string, highest: string, gridLabel: string) => `Against the truth, ${metric} runs from ${lowest} to ${highest} across ${gridLabel || 'the settings'}`,
  gridNotes: (metric: string, gridLabel: string) =>
    `The same measure (${metric}) in every setting of ${gridLabel || 'the experiment'}: solid lines and filled markers against the truth, dashed lines and hollow markers against the records; bars are the 2.5–97.5% range across replicates. The numbers beside the filled markers are the medians against the truth.`,

  /** Groups. */
  groupsTitle: (attribute: string, high: string, highValue: string, low: string, lowValue: string) =>
    `False alarms by ${attribute}: ${highValue} in 100 children not at risk flagged in ${high}, ${lowValue} in ${low}`,
  groupsTitleNone: 'False-positive rate and miss rate by group, against the truth',
  groupsNotes: (model: string, cell: string) =>
    `For ${model} in ${cell}: the false-positive rate (of children not at risk, the share flagged) and the miss rate (of children at risk, the share missed) of each group, against the truth. Children of two groups with the same true risk should have the same rates; a gap is a difference the truth does not explain. Bars are the 2.5–97.5% range across replicates.`,

  /** The "same child, different record" card. */
  cardTitle: (a: string, aRank: string, b: string, bRank: string) => `Same true circumstances, different records: ${a} ranked ${aRank}, ${b} ranked ${bRank}`,
  cardTitleNone: 'No "same child, different record" pair in this run',
  cardNotes: (cell: string, model: string, listSize: string, of: string) =>
    `Two test children in ${cell} with the same true circumstances and nearly the same true risk, but different records. ${model} ranks them by their records; the list holds ${listSize} of ${of} test children. Point at what each agency recorded: the truth is the same, the records are not. Names, ages and places are made up.`,
  cardNotesNone: (why: string) => `${why} The report's example section says the same.`,
  cardTruth: 'True circumstances (both)',
  cardRecords: 'On record',
  cardNothing: 'nothing',
  cardNone: 'none',
  cardScore: (score: string, rank: string, of: string) => `score ${score} · ranked ${rank} of ${of}`,
  cardList: (on: boolean) => (on ? 'ON the list' : 'NOT on the list'),
  cardTrueRisk: (value: string) => `true risk ${value}`,
  cardNoExample: 'This experiment asks for no example pair.',

  /** Questions. */
  questionsTitle: (model: string, direction: 'flatter' | 'understate' | 'match', points: number) =>
    direction === 'match'
      ? `Ask a supplier: judged against the records, or the truth? Here they agree for ${model}`
      : `Ask a supplier: judged against the records, or the truth? Here the records make ${model} look ${direction === 'flatter' ? 'better' : 'worse'} by ${points} in 100`,
  questionsTitlePlain: 'Ask a supplier: judged against the records, or against the truth?',
  questionsNotes: (doesNotShow: readonly string[]) => `What this does not show: ${doesNotShow.join(' ')}`,

  trace: (stamp: string, footer: string) => `${stamp} · ${footer}`,
  imageAlt: (title: string, description: string) => `${title}. ${description}`,
};
