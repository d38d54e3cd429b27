/**
 * NHS number rules (NHS Data Dictionary: NHS Number, PDS FHIR API; requirement R1):
 * 10 digits, Modulus 11 check digit, shown to people as 3 3 4.
 */

export type NhsNumberCheck = { valid: true; value: string } | { valid: false; reason: string };

/** Removes the spaces people type (e.g. "943 476 5919"); nothing else is forgiven. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/\s+/g, '');
}

/** Modulus 11 check digit of the first nine digits, or null when the check would be 10 (never issued). */
export function modulus11CheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Validates an NHS number as typed by a person (spaces allowed) and says what is wrong. */
export function checkNhsNumber(input: string): NhsNumberCheck {
  const value = normaliseNhsNumber(input);
  if (value === '') return { valid: false, reason: 'Enter an NHS number' };
  if (!/^\d+$/.test(value)) return { valid: false, reason: 'An NHS number must contain only digits' };
  if (value.length !== 10) {
    return { valid: false, reason: `An NHS number must be 10 digits long (this has ${value.length})` };
  }
  const expected = modulus11CheckDigit(value.slice(0, 9));
  if (expected === null || expected !== Number(value[9])) {
    return { valid: false, reason: 'This is not a valid NHS number: the check digit is wrong. Check it has been typed correctly' };
  }
  return { valid: true, value };
}

export function isValidNhsNumber(input: string): boolean {
  return checkNhsNumber(input).valid;
}

/** Formats 10 digits as "943 476 5919" (NHS Data Dictionary: NHS Number: display as 3-3-4). */
export function formatNhsNumber(nhsNumber: string): string {
  const value = normaliseNhsNumber(nhsNumber);
  if (!/^\d{10}$/.test(value)) return nhsNumber;
  return `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}`;
}
