import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueMarkdown, patientCatalogue } from '../../mocks/catalogue';
import { world } from '../../mocks/world';
import { isValidNhsNumber } from '../../src/shared/nhsNumber';

describe('test-patient catalogue', () => {
  it('docs/test-patients.md is up to date (run npm run catalogue)', () => {
    expect(readFileSync(new URL('../../docs/test-patients.md', import.meta.url), 'utf8')).toBe(catalogueMarkdown(world));
  });

  it('every number is valid and unique, every patient has a scenario and a description', () => {
    const numbers = world.patients.map((p) => p.nhsNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const p of patientCatalogue(world)) {
      expect(isValidNhsNumber(p.nhsNumber)).toBe(true);
      expect(p.description.length).toBeGreaterThan(10);
    }
  });

  it('every record a patient names exists, and every PDS practice is in the world', () => {
    for (const p of world.patients) {
      if (p.gp?.record) expect(Object.keys(world.record(p.gp.record)).length, `${p.nhsNumber} → ${p.gp.record}`).toBeGreaterThan(0);
      if (p.pds?.practiceOdsCode) expect(world.practice(p.pds.practiceOdsCode), p.nhsNumber).toBeDefined();
      if (p.pds?.supersededBy) expect(world.patient(p.pds.supersededBy)?.pds, p.nhsNumber).toBeDefined();
    }
  });
});
