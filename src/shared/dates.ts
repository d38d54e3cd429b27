/** Calendar dates as the API takes them: YYYY-MM-DD, a real day of the Gregorian calendar. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today's date in the UK (Europe/London), YYYY-MM-DD: a baby born after midnight in summer time is born today, not tomorrow. */
export function todayInUk(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export type DateRangeCheck = { valid: true; from?: string; to?: string } | { valid: false; field: 'from' | 'to'; reason: string };

/** Checks an optional from/to pair (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section: inclusive whole days, start not after end). */
export function checkDateRange(from?: string, to?: string): DateRangeCheck {
  if (from !== undefined && from !== '' && !isIsoDate(from)) {
    return { valid: false, field: 'from', reason: 'The "from" date must be a real date written as YYYY-MM-DD' };
  }
  if (to !== undefined && to !== '' && !isIsoDate(to)) {
    return { valid: false, field: 'to', reason: 'The "to" date must be a real date written as YYYY-MM-DD' };
  }
  const f = from || undefined;
  const t = to || undefined;
  if (f && t && f > t) return { valid: false, field: 'to', reason: 'The "to" date must be the same as or after the "from" date' };
  return { valid: true, from: f, to: t };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2018-01-05" → "05-Jan-2018", the GP Connect display form (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section). Partial dates keep what they have. */
/**
 * A date as the provider sent it, possibly partial (YYYY or YYYY-MM), as the span of days it
 * covers: "2019" is 2019-01-01 to 2019-12-31. A partial date is a span, never its first day.
 */
export function dateSpan(value: string): { start: string; end: string } | undefined {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d] = m;
  if (d) return { start: `${y}-${mo}-${d}`, end: `${y}-${mo}-${d}` };
  if (mo) return { start: `${y}-${mo}-01`, end: `${y}-${mo}-${String(new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate()).padStart(2, '0')}` };
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

export function formatClinicalDate(value: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m;
  if (!mo) return y;
  const month = MONTHS[Number(mo) - 1] ?? mo;
  return d ? `${d}-${month}-${y}` : `${month}-${y}`;
}
