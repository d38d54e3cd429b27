/**
 * docs/requirements.md stays true: every requirement is stated once, its test lists are
 * what the tests say they cover (npm run requirements), and each requirement marked built is
 * covered by at least one test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageOf, requirementsMarkdown, testFiles } from '../../scripts/requirements';

const root = join(import.meta.dirname, '../..');
const document = readFileSync(join(root, 'docs/requirements.md'), 'utf8');
const coverage = coverageOf(testFiles(root));

describe('docs/requirements.md', () => {
  it('states every requirement, each once, in order, with its test list', () => {
    const stated = [...document.matchAll(/^### R(\d+)\. /gm)].map((m) => Number(m[1]));
    expect(stated).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    for (const r of stated) expect(document, `R${r}'s test list`).toContain(`<!-- tests R${r} -->`);
  });

  it('lists the tests that cover each requirement (run npm run requirements)', () => {
    expect(document).toBe(requirementsMarkdown(document, coverage));
  });

  it('every requirement built so far is covered by at least one test', () => {
    // Sections headed "not built yet" name the issue that will build them.
    const notBuilt = new Set<number>();
    for (const section of document.split(/^## /m).filter((s) => /not built yet/i.test(s.split('\n')[0]))) {
      for (const m of section.matchAll(/^### R(\d+)\. /gm)) notBuilt.add(Number(m[1]));
    }
    const uncovered = Array.from({ length: 37 }, (_, i) => i + 1).filter((r) => !notBuilt.has(r) && !coverage.get(r)?.length);
    expect(uncovered.map((r) => `R${r}`)).toEqual([]);
    expect([...notBuilt]).toEqual([]);
  });
});
