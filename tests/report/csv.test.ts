import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../src/report/csv.js';

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

  it('never alters numbers, negative ones included', () => {
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(1e-7)).toBe('1e-7');
    expect(csvCell(NaN)).toBe('NaN');
    expect(csvCell(Infinity)).toBe('Infinity');
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
