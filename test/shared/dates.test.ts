import { describe, expect, it } from 'vitest';
import { checkDateRange, formatClinicalDate, isIsoDate, todayInUk } from '../../src/shared/dates';

describe('dates', () => {
  it.each(['2024-02-29', '2015-05-01', '1999-12-31'])('accepts real date %s', (d) => expect(isIsoDate(d)).toBe(true));
  it.each(['2023-02-29', '2015-13-01', '2015-5-1', '01-05-2015', '2015-05-01T00:00:00Z', ''])('refuses %j', (d) => expect(isIsoDate(d)).toBe(false));

  it('refuses a reversed range, naming the field', () => {
    expect(checkDateRange('2016-07-01', '2015-05-01')).toMatchObject({ valid: false, field: 'to' });
  });
  it('accepts open-ended and same-day ranges', () => {
    expect(checkDateRange('2015-05-01', undefined)).toEqual({ valid: true, from: '2015-05-01', to: undefined });
    expect(checkDateRange('2015-05-01', '2015-05-01')).toMatchObject({ valid: true });
    expect(checkDateRange('', '')).toEqual({ valid: true, from: undefined, to: undefined });
  });
  it('formats GP Connect display dates', () => {
    expect(formatClinicalDate('2018-01-05')).toBe('05-Jan-2018');
    expect(formatClinicalDate('2018-01')).toBe('Jan-2018');
    expect(formatClinicalDate('2018')).toBe('2018');
  });
});

describe('todayInUk', () => {
  it('is the UK date: after midnight in summer time it is already tomorrow in UTC terms; in winter the UTC date', () => {
    expect(todayInUk(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(todayInUk(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });
});
