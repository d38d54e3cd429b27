/**
 * The simulated Spine's own copy of the rules it shares with the viewer (mocks/README.md): kept
 * here on purpose, so that a mistake in the BFF's copy (src/shared) cannot agree with itself.
 * test/mocks/rules.test.ts checks both copies against the public examples.
 */

/** NHS number: 10 digits, Modulus 11 check digit; a check of 10 is never issued (NHS Data Dictionary: NHS Number). */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(value[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(value[9]);
}

/** Access Record HTML sections and whether each takes a date range (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section). */
export const SECTIONS = {
  SUM: { title: 'Summary', acceptsDateRange: false },
  PRB: { title: 'Problems and Issues', acceptsDateRange: true },
  MED: { title: 'Medications', acceptsDateRange: true },
  ALL: { title: 'Allergies and Adverse Reactions', acceptsDateRange: false },
  ENC: { title: 'Encounters', acceptsDateRange: true },
  CLI: { title: 'Clinical Items', acceptsDateRange: true },
  REF: { title: 'Referrals', acceptsDateRange: true },
  OBS: { title: 'Observations', acceptsDateRange: true },
  IMM: { title: 'Immunisations', acceptsDateRange: false },
  ADM: { title: 'Administrative Items', acceptsDateRange: true },
} as const;

export type SectionCode = keyof typeof SECTIONS;

export function isSectionCode(value: string): value is SectionCode {
  return Object.hasOwn(SECTIONS, value);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date as providers write it in the HTML, "05-Jan-2018"; partial dates keep what they have (GP Connect 0.7.4: accessrecord_development_html_implementation_guide). */
export function providerDate(value: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m;
  if (!mo) return y;
  const month = MONTHS[Number(mo) - 1] ?? mo;
  return d ? `${d}-${month}-${y}` : `${month}-${y}`;
}
