import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvNumber } from '../../src/report/csv.js';

// OWASP "CSV Injection": a cell that begins with = + - @ (or tab / carriage
// return) is run as a formula by Excel, LibreOffice and Google Sheets.
describe('csvCell: formula injection', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1:A2)', "'+SUM(A1:A2)"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
  ])('prefixes %j with an apostrophe', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('quotes a formula that holds quotes or commas after prefixing it', () => {
    expect(csvCell('=HYPERLINK("https://example.org","click")')).toBe(`"'=HYPERLINK(""https://example.org"",""click"")"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves other text alone, quoting only what RFC 4180 needs', () => {
    expect(csvCell('female')).toBe('female');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('sex × ethnicity')).toBe('sex × ethnicity');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('writes numbers in Table Schema form (negative ones never guarded): NaN, INF, -INF, a capital E', () => {
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(1e-7)).toBe('1E-7');
    expect(csvCell(1.5e21)).toBe('1.5E+21');
    expect(csvCell(NaN)).toBe('NaN');
    expect(csvCell(Infinity)).toBe('INF');
    expect(csvCell(-Infinity)).toBe('-INF');
  });

  it('csvNumber reads back every number csvCell writes', () => {
    for (const x of [0, -0.5, 1e-7, 1.5e21, 0.1 + 0.2, Infinity, -Infinity, 12345]) expect(csvNumber(csvCell(x))).toBe(x);
    expect(csvNumber(csvCell(NaN))).toBeNaN();
    expect(csvNumber('inf')).toBe(Infinity);
  });

  it('writes booleans, null and undefined plainly', () => {
    expect(csvCell(true)).toBe('true');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('csvLine', () => {
  it('joins escaped cells and ends the line', () => {
    expect(csvLine(['=cmd|" /C calc"!A0', -1, '@x', 'ok', null])).toBe(`"'=cmd|"" /C calc""!A0",-1,'@x,ok,\n`);
  });

  it('a label that looks like a phone number (+44…) stays text in a spreadsheet', () => {
    const line = csvLine(['+44 1234', 'group']);
    const [first] = line.trimEnd().split(',');
    expect(first).toBe("'+44 1234");
    expect(first.startsWith("'")).toBe(true);
  });
});

describe('metrics.csv', () => {
  it('writes every row as csvLine would, hostile names included (the fast path changes no byte)', async () => {
    const { hostileResult, tinyResult } = await import('./fixture.js');
    const { metricsCsv, RESULT_COLUMNS, GROUP_METRICS } = await import('../../src/report/tables.js');
    const { anySuppression: suppression, isListMetric } = await import('../../src/experiment/list/metrics.js');
    for (const result of [tinyResult(), hostileResult()]) {
      const lines = [...metricsCsv(result)].join('').split('\n');
      const written = result.rows.filter((r) => r.attribute === 'all' || GROUP_METRICS.includes(r.metric) || isListMetric(r.metric));
      const label = (l: string) => (l === 'yRecorded' ? 'y_recorded' : 'y_true');
      const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      expect(lines[0]).toBe(Object.keys(RESULT_COLUMNS.metrics).join(','));
      written.forEach((r, i) => {
        const c = result.cells[r.cell];
        const s = suppression(r.metric as never, r, 10);
        const expected = csvLine([result.name, result.configHash, c.scenario, result.gridLabel, c.grid, c.gridValue, r.replicate, r.model, r.baseline, label(r.label), r.attribute, r.group, r.operatingPoint, r.cutThreshold, r.cutTieRowLimit, r.n, r.positives, r.flagged, r.tp, r.fp, r.fn, r.tn, snake(r.metric), r.value, s.suppressed, s.reason ?? '']);
        expect(`${lines[i + 1]}\n`).toBe(expected);
      });
      expect(lines.length).toBe(1 + written.length + result.brier.length + 1);
    }
  });
});
