/**
 * docs/safety/hazard-log.md stays true: every hazard has its causes, controls and residual risk,
 * and every test it names as proof of a control exists, by file and title.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testTitles } from '../../scripts/requirements';

const root = join(import.meta.dirname, '../..');
const log = readFileSync(join(root, 'docs/safety/hazard-log.md'), 'utf8');
const hazards = log.split(/^## (?=H\d+\. )/m).slice(1);

describe('the hazard log', () => {
  it('lists each hazard in its summary table, with its causes, effect, controls and residual risk', () => {
    expect(hazards.length).toBeGreaterThanOrEqual(8);
    for (const hazard of hazards) {
      const id = hazard.match(/^(H\d+)\./)![1];
      expect(log, `${id} in the table`).toMatch(new RegExp(`\\[${id}\\]\\(#`));
      for (const part of ['**Causes**', '**Effect**', '**Controls**', '**Residual**']) expect(hazard, `${id} ${part}`).toContain(part);
      expect(hazard.match(/^ {2}- `test\//gm)?.length ?? 0, `${id} names a test for its controls`).toBeGreaterThan(0);
    }
  });

  it('every test named as the proof of a control exists', () => {
    const references = [...log.matchAll(/^ {2}- `(test\/[^`]+)`(?: › "((?:\\"|[^"])+)")?/gm)];
    expect(references.length).toBeGreaterThan(30);
    const missing = references.filter(([, file, title]) => {
      const path = join(root, file);
      if (!existsSync(path)) return true;
      return title !== undefined && !testTitles(readFileSync(path, 'utf8')).includes(title.replaceAll('\\"', '"'));
    });
    expect(missing.map(([line]) => line.trim())).toEqual([]);
  });
});
