/**
 * The simulated Spine keeps its own copy of the rules it shares with the viewer (mocks/README.md).
 * Both copies are checked here against the same cases, so neither can drift without a failing test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as simulator from '../../mocks/handlers/rules';
import { formatClinicalDate } from '../../src/shared/dates';
import { isValidNhsNumber } from '../../src/shared/nhsNumber';
import { SECTION_CODES, SECTIONS } from '../../src/shared/sections';

describe("the simulator's own copy of the shared rules agrees with the viewer's", () => {
  it('NHS numbers: the published test numbers, and 2,000 generated ten-digit strings', () => {
    // PDS sandbox and GP Connect test patients (docs/test-patients.md): valid; one digit off: not.
    for (const valid of ['9000000009', '9658218873', '9690937286', '9434765919']) expect([valid, simulator.isValidNhsNumber(valid)]).toEqual([valid, true]);
    for (const invalid of ['9000000008', '9658218874', '123456789', '96582188AB', ''])
      expect([invalid, simulator.isValidNhsNumber(invalid)]).toEqual([invalid, false]);
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), (n) => simulator.isValidNhsNumber(n) === isValidNhsNumber(n)),
      { numRuns: 2000, seed: 20261201 },
    );
  });

  it('record sections, their titles and which take a date range (R19)', () => {
    expect(Object.keys(simulator.SECTIONS)).toEqual([...SECTION_CODES]);
    for (const code of SECTION_CODES)
      expect(simulator.SECTIONS[code]).toEqual({ title: SECTIONS[code].title, acceptsDateRange: SECTIONS[code].acceptsDateRange });
    expect(SECTION_CODES.filter((c) => !simulator.SECTIONS[c].acceptsDateRange)).toEqual(['SUM', 'ALL', 'IMM']);
  });

  it('dates as the provider writes them', () => {
    for (const date of ['2018-01-05', '2018-01', '2018', '2016-12-31T10:00:00+00:00', 'not a date'])
      expect(simulator.providerDate(date)).toBe(formatClinicalDate(date));
    expect(simulator.providerDate('2018-01-05')).toBe('05-Jan-2018');
  });
});
