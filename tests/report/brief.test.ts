/**
 * The one-page brief as HTML (pure): its parts, its numbers from the same
 * counts as the report, and an input without the truth (what an audit of
 * real records has) printing the same page.
 */
import { describe, expect, it } from 'vitest';
import { confusionFromCounts, rates, roundToTotal } from '../../src/metrics/index.js';
import { pageMessages as p } from '../../src/messages.js';
import { briefCells, briefHtml, experimentBrief, type BriefInput } from '../../src/report/brief/index.js';
import { pooledConfusion } from '../../src/report/html/headline.js';
import { stampLine, versionOnly } from '../../src/report/stamp.js';
import { tinyResult } from './fixture.js';

const result = tinyResult();
const stamp = { ...versionOnly('0.1.0-test'), commit: '0123456789abcdef0123456789abcdef01234567', date: '2025-06-01', dateSource: 'commit' as const };
const input = experimentBrief(result, stamp);
const html = briefHtml(input);

describe('experimentBrief', () => {
  it('adds up the counts of the settings its brief names, for its model, at the headline operating point', () => {
    expect(result.brief).toEqual({ scenario: '*', cell: '*', model: 'logistic' });
    expect(briefCells(result)).toEqual([0, 1]);
    const op = result.operatingPoints[0];
    const truth = pooledConfusion(result, [0, 1], { model: 'logistic', label: 'yTrue', operatingPoint: op })!;
    const records = pooledConfusion(result, [0, 1], { model: 'logistic', label: 'yRecorded', operatingPoint: op })!;
    // Per replicate the four counts of both cells are summed, then the median of each sum is taken.
    const sum = (label: 'yTrue' | 'yRecorded', r: number) =>
      [0, 1].map((cell) => result.rows.find((x) => x.cell === cell && x.replicate === r && x.model === 'logistic' && x.label === label && x.attribute === 'all' && x.operatingPoint === op && x.metric === 'precision')!).reduce((a, x) => a + x.tp, 0);
    expect(truth.tp).toBe((sum('yTrue', 0) + sum('yTrue', 1)) / 2);
    expect(input.flagged.truth!.marked).toBe(roundToTotal([truth.tp, truth.fp], 100)[0]);
    expect(input.flagged.records!.marked).toBe(roundToTotal([records.tp, records.fp], 100)[0]);
    expect(input.cases.truth!.marked).toBe(roundToTotal([truth.tp, truth.fn], 100)[0]);
    expect(input.cases.records!.marked).toBe(roundToTotal([records.tp, records.fn], 100)[0]);
    expect(input.numbers[0].value).toBe(`${Math.round(rates(truth).precision * 100)}%`);
    expect(input.numbers.map((n) => n.definition)).toEqual([p.brief.numberPrecision(result.outcome), p.brief.numberRecall(result.outcome), p.brief.numberFlagsPerCase]);
    expect(input.questions).toHaveLength(4);
    expect(input.doesNotShow).toEqual(p.brief.doesNotShowItems);
    expect(input.trace[0]).toBe(stampLine(stamp));
  });

  it('one named setting: only its counts', () => {
    const one = experimentBrief({ ...result, brief: { scenario: '*', cell: '2x', model: 'oracle' } }, stamp);
    expect(one.focus).toContain('the oracle');
    expect(one.focus).toContain('2x');
  });

  it('withholds a picture that rests on too few children, and says why', () => {
    const few = experimentBrief({ ...result, minCount: 100_000 }, stamp);
    expect(few.flagged.truth!.withheld).toMatch(/^suppressed: only [\d,]+ children flagged/);
    expect(briefHtml(few)).toContain(p.brief.tooFew(few.flagged.truth!.withheld!));
    expect(few.numbers[0].value).toBe('suppressed');
  });
});

describe('briefHtml', () => {
  it('holds the banner, the question, the answer first among the main points, two pairs of pictures, three numbers, what it does not show and four questions', () => {
    const order = ['<aside class="banner"', '<h1>', '<li class="lead-point" data-headline>', 'data-pictures="flagged"', 'data-pictures="cases"', '<section class="numbers"', 'id="not-shown"', 'id="questions"', '<footer class="trace">'];
    const at = order.map((s) => html.indexOf(s));
    for (let i = 0; i < at.length; i++) expect(at[i], order[i]).toBeGreaterThan(i === 0 ? 0 : at[i - 1]);
    expect(html).toContain(p.brief.flaggedHeading);
    expect(html).toContain(p.brief.casesHeading(result.outcome));
    expect(html.match(/<figure class="panel" data-label="yRecorded"/g)).toHaveLength(2);
    expect(html.match(/<figure class="panel" data-label="yTrue"/g)).toHaveLength(2);
    expect(html.match(/<div class="number">/g)).toHaveLength(3);
    expect(html.match(/<li>/g)!.length).toBeGreaterThanOrEqual(3 + 4);
    expect(html).toContain('href="report.html#sources"');
    expect(html).toContain('href="report.html#g-precision"');
  });

  it('draws the records hollow and the truth filled, in the model’s colour, with exactly `marked` marked icons', () => {
    const panel = (label: string, name: string) => {
      const start = html.indexOf(`<figure class="panel" data-label="${label}"`, html.indexOf(`data-pictures="${name}"`));
      return html.slice(start, html.indexOf('</figure>', start));
    };
    const colour = input.colour;
    const records = panel('yRecorded', 'flagged');
    const truth = panel('yTrue', 'flagged');
    expect(records.match(new RegExp(`fill="#ffffff" stroke="${colour}"`, 'g'))).toHaveLength(input.flagged.records!.marked);
    expect(truth.match(new RegExp(`r="4.6" fill="${colour}"`, 'g'))).toHaveLength(input.flagged.truth!.marked);
    expect(truth.match(/<circle/g)).toHaveLength(100);
  });

  it('is a pure function of its input, and prints an audit’s brief with the records alone', () => {
    expect(briefHtml(input)).toBe(html);
    const audit: BriefInput = {
      ...input,
      synthetic: false,
      answer: 'Your scores, judged against your records: about 4 in 10 flags are recorded cases.',
      flagged: { ...input.flagged, truth: null },
      cases: { ...input.cases, truth: null },
    };
    const page = briefHtml(audit);
    expect(page).not.toContain('<aside class="banner"');
    expect(page.match(new RegExp(p.brief.noTruth, 'g'))).toHaveLength(2);
    expect(page).toContain(audit.answer as string);
  });
});

describe('pooledConfusion', () => {
  it('is null without counts', () => {
    expect(pooledConfusion(result, [], { model: 'logistic', label: 'yTrue', operatingPoint: 'topShare=0.1' })).toBeNull();
    expect(confusionFromCounts(1, 2, 3, 4).n).toBe(10);
  });
});
