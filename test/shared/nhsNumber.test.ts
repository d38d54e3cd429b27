import { describe, expect, it } from 'vitest';
import { checkNhsNumber, formatNhsNumber, modulus11CheckDigit, normaliseNhsNumber } from '../../src/shared/nhsNumber';

describe('NHS number (R1)', () => {
  it.each(['9434765919', '9658218873', '9999999999', '9000000009', '943 476 5919', ' 943  476 5919 '])('accepts %s', (n) => {
    expect(checkNhsNumber(n)).toEqual({ valid: true, value: normaliseNhsNumber(n) });
  });

  it.each([
    ['', 'Enter an NHS number'],
    ['943476591', '10 digits'],
    ['94347659190', '10 digits'],
    ['943476591X', 'only digits'],
    ['9434765918', 'check digit'],
    ['9000000000', 'check digit'],
    ['1234567890', 'check digit'],
  ])('refuses %j and says why', (n, why) => {
    const result = checkNhsNumber(n);
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.reason).toContain(why);
  });

  it('computes the spec example check digit (PDS FHIR API)', () => {
    expect(modulus11CheckDigit('900000000')).toBe(9);
  });

  it('treats a check value of 10 as never issued', () => {
    // weights 10 and 2: sum 12, remainder 1, so 11 - 1 = 10
    const firstNine = '100000001';
    expect(modulus11CheckDigit(firstNine)).toBeNull();
  });

  it('formats as 3 3 4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('not a number')).toBe('not a number');
  });
});
