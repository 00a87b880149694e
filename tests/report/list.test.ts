/**
 * list.csv and the report's list section: every column documented and in
 * the documented order, one row per listed child, reasons and truth in
 * their columns; the report and summary show five rows as circulated and
 * the same five with the truth revealed.
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../src/experiment/resolve.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { resultFiles } from '../../src/report/folder.js';
import { LIST_COLUMNS, listColumns } from '../../src/report/list-table.js';
import { listSection, listSectionContent, samplePlaces } from '../../src/report/list-section.js';
import { parseCsv } from '../experiment/helpers.js';
import { LIST_EXPERIMENT } from '../experiment/list-fixture.js';
import { validateDataPackage } from './table-schema.js';
import { SHORT_MARK_WORDS } from '../../src/messages-list.js';

const input = { ...LIST_EXPERIMENT, name: 'list-report', list: { review: [{ label: 'wider information' }, { label: 'records only', accuracy: 0 }] } };

async function files() {
  const resolved = resolveExperiment(input, { loadPreset: loadScenarioInput });
  const { result, tasks } = await runExperiment(resolved, { workers: 1 });
  return { result, files: await resultFiles(resolved, result, tasks, { version: 'test' }) };
}
const run = files();

/** The documented key a concrete column stands under (`reason_2_truth` → `reason_<n>_truth`). */
function documentedKey(name: string, attributes: readonly string[]): string {
  if (attributes.includes(name)) return '<attribute>';
  if (name.startsWith('review_')) return 'review_<label>';
  return name.replace(/^reason_\d+/, 'reason_<n>');
}

describe('list.csv', () => {
  it('has every column documented, in the documented order, and one row per listed child', async () => {
    const { result, files: f } = await run;
    const csv = parseCsv(f['list.csv']);
    const columns = listColumns(result);
    expect(csv.header).toEqual(columns.map((c) => c.name));
    for (const c of columns) expect(c.description.length).toBeGreaterThan(10);
    const attributes = ['ethnicity', 'deprivation', 'sex'].filter((a) => csv.header.includes(a));
    const keys = csv.header.map((h) => documentedKey(h, attributes));
    expect([...new Set(keys)]).toEqual(Object.keys(LIST_COLUMNS));
    expect(csv.header.filter((h) => /^reason_\d+$/.test(h))).toEqual(['reason_1', 'reason_2', 'reason_3']);
    expect(csv.header.filter((h) => h.startsWith('review_'))).toEqual(['review_wider information', 'review_records only']);
    expect(csv.rows.length).toBe(result.lists.reduce((s, l) => s + l.entries.length, 0));
    for (const row of csv.rows) expect(row.length).toBe(csv.header.length);
  });

  it('holds each child\'s reasons, their truth and the outcome beside them', async () => {
    const { result, files: f } = await run;
    const csv = parseCsv(f['list.csv']);
    const col = (name: string) => csv.header.indexOf(name);
    const first = result.lists[0].entries[0];
    const row = csv.rows[0];
    expect(row[col('model')]).toBe(result.lists[0].model);
    expect(row[col('rank')]).toBe('1');
    expect(row[col('made_up_name')]).toBe(first.name);
    expect(row[col('reason_1')]).toBe(first.reasons[0].feature);
    expect(row[col('reason_1_truth')]).toBe(first.reasons[0].mark);
    expect(Number(row[col('y_true')])).toBe(first.yTrue);
    const marks = new Set(csv.rows.map((r) => r[col('reason_1_truth')]));
    for (const m of marks) expect(['true', 'false', 'leaked', 'missed', '']).toContain(m);
    expect(new Set(csv.rows.map((r) => r[col('review_records only')]))).toEqual(new Set(['confirmed']));
    const neural = csv.rows.filter((r) => r[col('model')] === 'neural');
    expect(neural.length).toBeGreaterThan(0);
    for (const r of neural) expect([r[col('reasons_available')], r[col('reason_1')], r[col('reasons_method')].startsWith('no reasons available')]).toEqual(['false', '', true]);
  });
});

describe('the list section', () => {
  it('samples evenly spaced places, first and last included', () => {
    expect(samplePlaces(1000, 5)).toEqual([1, 251, 501, 750, 1000]);
    expect(samplePlaces(3, 5)).toEqual([1, 2, 3]);
    expect(samplePlaces(7, 1)).toEqual([1]);
    expect(samplePlaces(5, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('shows five rows as circulated, then the same five with the truth revealed, in report.html and summary.md', async () => {
    const { result, files: f } = await run;
    const content = listSectionContent(result)!;
    expect(content.model).toBe('points');
    expect(content.ranks).toEqual(samplePlaces(150, 5));
    expect(content.circulated.rows.map((r) => r[0])).toEqual(content.ranks.map(String));
    expect(content.revealed.rows.map((r) => r[1])).toEqual(content.circulated.rows.map((r) => r[1]));
    expect(content.revealed.columns.slice(-2)).toEqual(['review: wider information', 'review: records only']);
    const html = f['report.html'];
    const section = html.slice(html.indexOf('<section class="list"'), html.indexOf('</section>', html.indexOf('<section class="list"')));
    expect(section).toContain(`data-ranks="${content.ranks.join(' ')}"`);
    expect(section.match(/<table class="list-sample/g)?.length).toBe(2);
    for (const table of section.split('<table class="list-sample').slice(1)) expect(table.split('</tbody>')[0].match(/<tr>/g)?.length).toBe(5 + 1);
    expect(section).toContain('list-shares');
    const md = f['summary.md'];
    expect(md).toContain('## The list as it is circulated');
    for (const row of content.circulated.rows) expect(md).toContain(`| ${row[0]} | ${row[1]} |`);
    expect(listSection(result)!.markdown.join('\n')).toContain('**The same children, with the truth revealed**');
  });
});

describe('list.csv in the data dictionary', () => {
  it('is a resource of datapackage.json with every column of list.csv, its key, and valid rows; README.md lists and describes it', async () => {
    const { result, files: f } = await run;
    const pkg = JSON.parse(f['datapackage.json']) as { resources: { path: string; schema?: { fields: { name: string; type: string; description: string }[]; primaryKey?: string[] } }[] };
    const resource = pkg.resources.find((r) => r.path === 'list.csv');
    expect(resource).toBeDefined();
    expect(resource!.schema!.fields.map((x) => x.name)).toEqual(parseCsv(f['list.csv']).header);
    expect(resource!.schema!.fields.map((x) => x.description)).toEqual(listColumns(result).map((c) => c.description));
    expect(resource!.schema!.primaryKey).toEqual(['scenario', 'grid', 'model', 'operating_point', 'rank']);
    // Every CSV of the folder (list.csv and metrics.csv with the list's own metrics and operating points) meets the package's Table Schema.
    expect(validateDataPackage(f['datapackage.json'], f)).toEqual([]);
    const readme = f['README.md'];
    expect(readme).toMatch(/\| `list\.csv` \| the list as a force or council circulates it/);
    expect(readme).toContain('### list.csv');
    for (const c of listColumns(result)) expect(readme).toContain(`| \`${c.name}\` |`);
    expect(readme).toContain('| `top_reason_false_or_leaked_share` |');
  });
});

describe('the list on the brief', () => {
  it('shows the same five rows, as circulated and then (shaded) what each reason is in truth and who was truly at risk', async () => {
    const { result, files: f } = await run;
    const content = listSectionContent(result)!;
    const brief = f['brief.html'];
    const at = brief.indexOf('<section class="list-sample"');
    expect(at).toBeGreaterThan(0);
    const section = brief.slice(at, brief.indexOf('</section>', at));
    const body = section.split('<tbody>')[1].split('</tbody>')[0];
    const rows = body.split('<tr>').slice(1);
    expect(rows.length).toBe(5);
    const list = result.lists.find((l) => l.model === content.model)!;
    rows.forEach((row, i) => {
      const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
      const e = list.entries[content.ranks[i] - 1];
      expect(cells.slice(0, content.circulated.columns.length)).toEqual(content.circulated.rows[i].map((c) => c.replace(/&#39;/g, "'").replace(/'/g, '&#39;')));
      expect(cells[cells.length - 1]).toBe(e.yTrue ? 'yes' : 'no');
      expect(cells[cells.length - 2]).toBe(e.reasons.length ? e.reasons.map((r) => SHORT_MARK_WORDS[r.mark]).join('; ') : '—');
      expect((row.match(/class="[^"]*truth/g) ?? []).length).toBe(2);
    });
  });
});

describe('small numbers in the list section', () => {
  it('withholds the untrue-reason counts and share of a group with fewer children on the list than minCount, and says why', async () => {
    const { result } = await run;
    const content = listSectionContent(result)!;
    const shares = content.shares!;
    const listed = (row: readonly string[]) => Number(row[1].replace(/,/g, ''));
    const small = shares.rows.filter((r) => listed(r) < result.minCount);
    const large = shares.rows.filter((r) => listed(r) >= result.minCount);
    expect(large.length).toBeGreaterThan(0);
    for (const r of large) expect(r[4]).toMatch(/%$/);
    // At a minCount above every group's list, every group is withheld — and everyone too.
    const strict = listSectionContent({ ...result, minCount: 100000 })!;
    for (const r of strict.shares!.rows) expect(r.slice(2)).toEqual(['suppressed¹', 'suppressed¹', 'suppressed¹']);
    expect(strict.sharesWithheld).toMatch(/^¹ Withheld: .*only \d+ children flagged/);
    for (const r of small) expect(r.slice(2)).toEqual(['suppressed¹', 'suppressed¹', 'suppressed¹']);
    if (small.length === 0) expect(content.sharesWithheld).toBeNull();
  });
});
