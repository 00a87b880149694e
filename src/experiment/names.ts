import { roundsMessages, trainCutMessages } from '../messages.js';
import { TRAIN_PREFIX } from '../metrics/evaluate.js';

/** The name an operating point has in every table (the metrics module's naming). */
export { operatingPointName } from '../metrics/evaluate.js';

/**
 * The operating point of an experiment with rounds that flags the children
 * listed in any round so far at the headline operating point `headline`.
 */
export function everPointName(headline: string): string {
  return `ever:${headline}`;
}

/** Plain words for an operating point: "at probability 0.5", "the top 1,000", "the top 5%", "the cut that gave 65% precision on the training year"… */
export function operatingPointWords(name: string): string {
  if (name.startsWith('ever:')) return roundsMessages.everWords(operatingPointWords(name.slice('ever:'.length)));
  if (name.startsWith(TRAIN_PREFIX)) {
    const test = name.slice(TRAIN_PREFIX.length);
    const [rule, raw] = test.split('=');
    return trainCutMessages.words(rule, Number(raw), operatingPointWords(test));
  }
  if (name.endsWith('+ever')) return `${operatingPointWords(name.slice(0, -'+ever'.length))}, at least once in the year's lists`;
  const review = name.lastIndexOf('+review:');
  if (review >= 0) return `${operatingPointWords(name.slice(0, review))} after review (${name.slice(review + '+review:'.length)})`;
  const [rule, raw] = name.split('=');
  const v = Number(raw);
  switch (rule) {
    case 'threshold':
      return `flagging every child scored ${v} or more`;
    case 'topK':
      return `a list of the top ${v.toLocaleString('en-GB')} children`;
    case 'topShare':
      return `flagging the top ${Number((v * 100).toPrecision(6))}% of children`;
    case 'recall':
      return `a cut set to catch ${Math.round(v * 100)}% of recorded cases`;
    case 'precision':
      return `a cut set for ${Math.round(v * 100)}% precision on the records`;
    default:
      return name;
  }
}
