/** The simulated provider's HTML follows GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section, accessrecord_development_html_implementation_guide. */
import { describe, expect, it } from 'vitest';
import { buildSectionHtml } from '../../mocks/handlers/provider-dstu2/html';
import { world } from '../../mocks/world';
import { SECTION_CODES, SECTIONS } from '../../src/shared/sections';

const rich = world.record('9658218873');

const TABLE_IDS: Record<string, string[]> = {
  SUM: ['enc-tab', 'prb-tab-act', 'prb-tab-majinact', 'all-tab-curr', 'med-tab-acu-med', 'med-tab-curr-rep'],
  PRB: ['prb-tab-act', 'prb-tab-majinact', 'prb-tab-othinact'],
  ALL: ['all-tab-curr', 'all-tab-hist'],
  MED: ['med-tab-acu-med', 'med-tab-curr-rep', 'med-tab-dis-rep', 'med-tab-all-sum', 'med-tab-all-iss'],
  ENC: ['enc-tab'],
  CLI: ['cli-tab'],
  REF: ['ref-tab'],
  OBS: ['obs-tab'],
  IMM: ['imm-tab'],
  ADM: ['adm-tab'],
};

describe('Access Record HTML', () => {
  it.each(SECTION_CODES)('%s: the title as h1 first, and the spec table ids', (code) => {
    const html = buildSectionHtml(code, rich);
    expect(html.startsWith(`<div><h1>${SECTIONS[code].title}</h1>`)).toBe(true);
    for (const id of TABLE_IDS[code]) expect(html).toContain(`<table id="${id}">`);
  });

  it('no date banner on sections that never filter; "All relevant items" without a range', () => {
    for (const code of ['SUM', 'ALL', 'IMM'] as const) expect(buildSectionHtml(code, rich)).not.toContain('date-banner');
    expect(buildSectionHtml('ENC', rich)).toContain('<div class="date-banner"><p>All relevant items</p></div>');
  });

  it('date banners for a range, a start only, an end only, and subsections that ignore it', () => {
    expect(buildSectionHtml('REF', rich, { period: { start: '2015-05-01' } })).toContain('Data items from 01-May-2015');
    expect(buildSectionHtml('REF', rich, { period: { end: '2016-07-01' } })).toContain('Data items until 01-Jul-2016');
    const prb = buildSectionHtml('PRB', rich, { period: { start: '2015-05-01', end: '2016-07-01' } });
    expect(prb).toMatch(/Active Problems and Issues<\/h2><div class="date-banner"><p>Date filter not applied/);
    expect(prb).toMatch(/Major Inactive Problems and Issues<\/h2><div class="date-banner"><p>For the period/);
  });

  it('filters whole days inclusively and sorts newest first', () => {
    const html = buildSectionHtml('ENC', rich, { period: { start: '2015-05-01', end: '2016-07-01' } });
    const dates = [...html.matchAll(/<td class="date-column">(\d{2}-\w{3}-\d{4})<\/td>/g)].map((m) => new Date(m[1]).getTime());
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) {
      expect(d).toBeGreaterThanOrEqual(new Date('01-May-2015').getTime());
      expect(d).toBeLessThanOrEqual(new Date('01-Jul-2016').getTime());
    }
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it('banners: GP transfer, exclusion, content; controlled drugs in bold; medication grouping rows', () => {
    const html = buildSectionHtml('CLI', rich, { transferIncompleteSince: '2026-11-14' });
    expect(html).toContain('information recorded before 14-Nov-2026 may be missing');
    expect(html).toContain('class="exclusion-banner"');
    expect(html).toContain('class="content-banner"');
    const med = buildSectionHtml('MED', rich);
    expect(med).toContain('<b>CONTROLLED DRUG</b>');
    expect(med).toMatch(/<td colspan="9" class="med-item-column">/);
  });

  it('empty sections say nothing is recorded', () => {
    expect(buildSectionHtml('IMM', {})).toContain("<p>No 'Immunisations' data is recorded for this patient.</p>");
  });

  it('escapes text from the world', () => {
    const html = buildSectionHtml('ADM', { administrative: [{ date: '2020-01-01', entry: '<script>x</script>', details: 'a & b' }] });
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('a &amp; b');
  });
});
