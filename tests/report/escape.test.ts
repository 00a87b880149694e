import { describe, expect, it } from 'vitest';
import { escapeMarkdownCell, escapeMarkdownText, markdownFence, terminalText } from '../../src/report/escape.js';
import { summaryMarkdown } from '../../src/report/summary-md.js';
import { resultsIndexMarkdown } from '../../src/report/index-md.js';
import { experimentNames, loadExperimentInput } from '../../src/io/experiment-files.js';
import type { ExperimentResult } from '../../src/experiment/aggregate.js';
import { hostileResult, tinyResult } from './fixture.js';

/** Texts that try to add table cells, start blocks, inject markup or drive the terminal. */
const EVIL = {
  group: 'a | b\n| c | <script>alert(1)</script>',
  attribute: 'sex|x\x1b]0;pwned\x07',
  model: 'logistic | *bold* [link](javascript:alert(1)) `code` \\| x',
  scenario: 'council\n\n## injected heading\n<img src=x onerror=alert(2)>',
  question: '<script>alert(3)</script>\n\n# heading\n- item',
  warning: '<!-- comment --> &lt;b&gt; \x1b[2J\x9b31m',
  source: '[x](javascript:alert(4))',
};

/** The tiny result with every name replaced by one of EVIL's. */
const evilResult = (): ExperimentResult => hostileResult({ ...EVIL, warnings: [EVIL.warning, EVIL.group] });

/** Cell separators of a GFM table row: pipes not escaped by an odd number of backslashes. */
const separators = (line: string) => line.match(/(?<!\\)(?:\\\\)*\|/g)?.length ?? 0;

/** Every Markdown table of a document: runs of lines starting with "|". */
function tables(md: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of [...md.split('\n'), '']) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length) {
      out.push(current);
      current = [];
    }
  }
  return out;
}

function expectSafeMarkdown(md: string, reference: string) {
  // No raw HTML tag, comment or control character survives.
  expect(md).not.toMatch(/<[a-z!/]/i);
  expect(md).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  // Every row of every table has exactly the header's cells.
  const all = tables(md);
  expect(all.length).toBe(tables(reference).length);
  for (const t of all) for (const row of t) expect(separators(row), row).toBe(separators(t[0]));
  // No name starts a heading, a list item or a new paragraph of its own.
  const heads = (s: string) => s.split('\n').filter((l) => /^(#|- |\d+\. )/.test(l)).length;
  expect(heads(md)).toBe(heads(reference));
  expect(md.split('\n').length).toBe(reference.split('\n').length);
}

describe('terminalText', () => {
  it('removes escape sequences, C0/C1 controls, DEL and bidi controls; keeps ordinary text', () => {
    expect(terminalText('name\x1b]0;pwned\x07 and\x1b[2J\x1b[31m red\x1b[0m')).toBe('name and red');
    expect(terminalText('a\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\b')).toBe('alinkb'); // OSC 8 hyperlink ended by ST
    expect(terminalText('8-bit \x9b2J CSI, \x9d0;t\x07 OSC, \x07bell \x7fdel')).toBe('8-bit  CSI,  OSC, bell del');
    expect(terminalText('safe\rEVIL')).toBe('safe EVIL'); // a carriage return cannot overwrite the start of the line
    expect(terminalText('abc\u202edcba\u2066x\u2069')).toBe('abcdcbax');
    expect(terminalText('ethnicité 日本 — 3 × 2\tok')).toBe('ethnicité 日本 — 3 × 2\tok');
  });

  it('folds line breaks into spaces unless multi-line output is asked for', () => {
    expect(terminalText('one\ntwo\r\nthree')).toBe('one two three');
    expect(terminalText('one\ntwo\r\nthree\x1b[2J', { multiline: true })).toBe('one\ntwo\nthree');
  });
});

describe('Markdown escaping', () => {
  it('neutralises HTML and Markdown constructs, one line', () => {
    expect(escapeMarkdownText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeMarkdownText('a*b* [x](y) `c` ~~d~~')).toBe('a\\*b\\* \\[x\\](y) \\`c\\` \\~\\~d\\~\\~');
    expect(escapeMarkdownText('_x_ __init__ missing_episodes')).toBe('\\_x\\_ \\_\\_init\\_\\_ missing_episodes');
    expect(escapeMarkdownText('# title')).toBe('\\# title');
    expect(escapeMarkdownText('- item')).toBe('\\- item');
    expect(escapeMarkdownText('12. item')).toBe('12\\. item');
    expect(escapeMarkdownText('## t')).toBe('\\## t');
    expect(escapeMarkdownText('---')).toBe('\\---');
    // only real block starts: numbers, hyphenated words and hashtags stay as they are
    for (const plain of ['0.945', '-0.5', '2.5x', '+1', '#hashtag', 'a-b', 'council 1', '(quasi-)separated']) expect(escapeMarkdownText(plain)).toBe(plain);
    expect(escapeMarkdownText('&amp; &#60; & fine')).toBe('&amp;amp; &amp;#60; & fine');
    expect(escapeMarkdownText('a\n\n# b\x1b[2J')).toBe('a  # b');
    expect(escapeMarkdownCell(' a | b \\| c\nd ')).toBe('a \\| b \\\\\\| c d');
  });

  it('leaves the texts of the committed experiments unchanged (so their summaries do not change)', async () => {
    for (const name of experimentNames()) {
      const e = (await loadExperimentInput(name)) as { question: string; scenarios: { label: string }[]; models: { name: string; label?: string }[] };
      for (const text of [e.question, ...e.scenarios.map((s) => s.label), ...e.models.map((m) => m.label ?? m.name)]) {
        expect(escapeMarkdownText(text)).toBe(text);
      }
    }
  });

  it('a fence is longer than any run of backticks inside', () => {
    expect(markdownFence('plain', 'text')).toBe('```text\nplain\n```');
    expect(markdownFence('a ``` b\n`````', 'text')).toBe('``````text\na ``` b\n`````\n``````');
  });
});

describe('Markdown written from hostile names', () => {
  it('summary.md: a | in a group name adds no cell, <script> stays text, no name starts a block', () => {
    const reference = summaryMarkdown({ ...tinyResult(), warnings: ['one', 'two'] }, { version: 't', groupSummary: true });
    const md = summaryMarkdown(evilResult(), { version: 't', groupSummary: true });
    expectSafeMarkdown(md, reference);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('a \\| b \\| c \\|');
  });

  it('results/README.md (the index): the same', () => {
    const reference = resultsIndexMarkdown([{ ...tinyResult(), warnings: ['one', 'two'] }]);
    const md = resultsIndexMarkdown([evilResult()]);
    expectSafeMarkdown(md, reference);
    expect(md).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
  });
});
