/**
 * The structured record's pages in the DOM (issue 14 part 3; R28–R31), against the BFF on the
 * simulated Spine: the overview as the first page where the practice offers Structured, the area
 * pages' sorting and filtering, what the practice said of an area, and trends.
 */
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderAt } from './render';
import { AreaStatusPanel } from '../../src/app/features/patient/components/structured/AreaStatusPanel';
import { passes, type ClinicalColumn } from '../../src/app/features/patient/components/structured/ClinicalTable';
import { trendsOf } from '../../src/app/features/patient/components/structured/trends';
import type { Medication, Result } from '../../src/shared/structuredRecord';
import { MedicationsView } from '../../src/app/features/patient/components/structured/MedicationsView';
import { MemoryRouter } from 'react-router';

describe('R31: which view', () => {
  it('a practice offering Structured opens the patient on its overview: active allergies, current medications, active problems', async () => {
    renderAt('/patients/9658218873');
    const overview = await screen.findByTestId('structured-overview');
    await waitFor(() => expect(within(overview).getAllByTestId('allergy')).toHaveLength(3));
    expect(within(overview).getByTestId('medications-current')).toBeInTheDocument();
    expect(within(overview).getByTestId('problems-active')).toHaveTextContent('Type 2 diabetes mellitus');
    expect(within(overview).queryByTestId('medications-past')).not.toBeInTheDocument();
    // Both ways in are in the menu.
    expect(screen.getByRole('navigation', { name: 'Structured record' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Record sections' })).toBeInTheDocument();
  });

  it('a practice offering only Structured has no HTML sections in the menu', async () => {
    renderAt('/patients/9690125184');
    await screen.findByTestId('structured-overview');
    expect(screen.queryByRole('navigation', { name: 'Record sections' })).not.toBeInTheDocument();
  });
});

describe('R28: an area page', () => {
  it('sorts by a column and filters by words, saying how many rows the filter hides', async () => {
    renderAt('/patients/9658218873/structured/immunisations');
    const given = await screen.findByTestId('immunisations-given');
    const rows = () => within(given).getAllByTestId('immunisation');
    const total = rows().length;
    expect(total).toBeGreaterThan(2);
    const dateHeader = within(given).getByRole('columnheader', { name: /Date/ });
    expect(dateHeader).toHaveAttribute('aria-sort', 'descending');
    await userEvent.click(within(dateHeader).getByRole('button'));
    // The first click on a sorted column turns it round.
    await waitFor(() => expect(dateHeader).toHaveAttribute('aria-sort', 'ascending'));
    const dates = rows().map((r) => r.querySelector('time')!.getAttribute('datetime')!);
    expect(dates).toEqual([...dates].sort());
    await userEvent.type(screen.getByLabelText('Filter by words'), 'influenza{Enter}');
    await waitFor(() => expect(rows().length).toBeLessThan(total));
    expect(given).toHaveTextContent(`of ${total} shown: the filter hides ${total - rows().length}`);
    for (const row of rows()) expect(row).toHaveTextContent(/influenza/i);
  });

  it('an area the practice disabled says so, never as empty, and offers the HTML section', async () => {
    renderAt('/patients/9690123408/structured/referrals');
    const disabled = await screen.findByTestId('area-disabled');
    expect(disabled).toHaveTextContent('The practice has switched this area off');
    expect(disabled).toHaveTextContent('includeReferrals has been disabled');
    expect(within(disabled).getByRole('link', { name: /Referrals as the practice wrote it/ })).toHaveAttribute('href', '/patients/9690123408/record/REF');
    expect(screen.queryByTestId('referrals')).not.toBeInTheDocument();
  });
});

describe('R28: what the practice said of an area', () => {
  it('an empty List gives its reason and is never worded as a negative finding', () => {
    render(
      <AreaStatusPanel status={{ state: 'answered', warnings: [], notes: ['Information not available'], emptyReason: 'No content recorded' }} unmapped={0} />,
    );
    expect(screen.getByTestId('empty-reason')).toHaveTextContent('“No content recorded”. This is not a negative finding.');
    expect(document.body.textContent).not.toMatch(/no (allergies|medications|problems)/i);
  });

  it('each warning in words, a code it does not know as sent, and items not placed counted', () => {
    render(
      <AreaStatusPanel
        status={{ state: 'answered', warnings: [{ code: 'confidential-items' }, { code: 'data-awaiting-filing' }, { code: 'new-code' }], notes: ['Note one'] }}
        unmapped={2}
      />,
    );
    expect(screen.getByTestId('list-warning-confidential-items')).toHaveTextContent('confidential');
    expect(screen.getByTestId('list-warning-data-awaiting-filing')).toHaveTextContent('not yet filed');
    expect(screen.getByTestId('list-warning-new-code')).toHaveTextContent('new-code');
    expect(screen.getByTestId('list-warnings')).toHaveTextContent("The GP system's note: Note one");
    expect(screen.getByTestId('unmapped')).toHaveTextContent('2 items could not be shown here');
  });
});

describe('R29: current and past medications', () => {
  const medication = (id: string, status: string, ended?: string): Medication => ({
    id,
    name: { text: `Drug ${id}`, codings: [], degraded: false },
    type: 'acute',
    status,
    dosage: 'One a day',
    dosageChanged: false,
    ...(ended ? { ended } : {}),
    notes: [],
    issues: [],
  });
  it('an acute marked completed whose course has not ended is current: "ran its course" is not "not current"', () => {
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    render(
      <MemoryRouter>
        <MedicationsView
          items={[
            medication('a', 'active'),
            medication('b', 'completed', future),
            medication('c', 'completed', '2020-01-01'),
            medication('d', 'stopped', '2020-01-01'),
          ]}
          filter={{ text: '' }}
        />
      </MemoryRouter>,
    );
    expect(
      within(screen.getByTestId('medications-current'))
        .getAllByTestId('medication')
        .map((r) => r.textContent),
    ).toEqual([expect.stringContaining('Drug a'), expect.stringContaining('Drug b')]);
    const past = within(screen.getByTestId('medications-past')).getAllByTestId('medication');
    expect(past.map((r) => r.textContent)).toEqual([expect.stringMatching(/Drug c.*Course completed/), expect.stringMatching(/Drug d.*Stopped/)]);
  });
});

describe('filtering and trends', () => {
  type Row = { name: string; date?: string };
  const columns: ClinicalColumn<Row>[] = [{ id: 'name', header: 'Name', cell: (r) => r.name, text: (r) => r.name }];
  it('a date range never hides a row without a date; every word must match', () => {
    const filter = { text: '', from: '2020-01-01', to: '2020-12-31' };
    expect(passes<Row>({ name: 'a' }, filter, columns, (r) => r.date)).toBe(true);
    expect(passes({ name: 'a', date: '2019-05-01' }, filter, columns, (r) => r.date)).toBe(false);
    expect(passes({ name: 'a', date: '2020-05-01' }, filter, columns, (r) => r.date)).toBe(true);
    expect(passes<Row>({ name: 'Metformin 500mg' }, { text: 'metformin 500' }, columns)).toBe(true);
    expect(passes<Row>({ name: 'Metformin 500mg' }, { text: 'metformin 850' }, columns)).toBe(false);
  });

  it('trends: repeated numeric results by term, oldest first; a value with a comparator is not plotted; blood pressure as two series', () => {
    const result = (term: string, date: string, numeric?: Result['numeric'], components: Result['components'] = []): Result => ({
      id: `${term}-${date}`,
      term: { text: term, codings: [], degraded: false },
      date,
      numeric,
      components,
      notes: [],
      value: numeric ? `${numeric.comparator ?? ''}${numeric.value}` : undefined,
    });
    const trends = trendsOf([
      result('HbA1c', '2026-03-18', { value: 54, unit: 'mmol/mol' }),
      result('HbA1c', '2015-09-09', { value: 58, unit: 'mmol/mol' }),
      result('eGFR', '2026-03-18', { value: 90, comparator: '>' }),
      result('eGFR', '2025-03-18', { value: 85 }),
      result('Blood pressure', '2016-01-20', undefined, [
        { term: 'Systolic arterial pressure', numeric: 148, unit: 'mm[Hg]', value: '148 mm[Hg]' },
        { term: 'Diastolic arterial pressure', numeric: 92, unit: 'mm[Hg]', value: '92 mm[Hg]' },
      ]),
      result('Blood pressure', '2026-03-18', undefined, [
        { term: 'Systolic arterial pressure', numeric: 138, unit: 'mm[Hg]', value: '138 mm[Hg]' },
        { term: 'Diastolic arterial pressure', numeric: 84, unit: 'mm[Hg]', value: '84 mm[Hg]' },
      ]),
    ]);
    expect(trends.map((t) => t.term).sort()).toEqual(['Blood pressure', 'HbA1c']);
    const hba1c = trends.find((t) => t.term === 'HbA1c')!;
    expect(hba1c.points.map((p) => [p.date, p.values])).toEqual([
      ['2015-09-09', [58]],
      ['2026-03-18', [54]],
    ]);
    expect(trends.find((t) => t.term === 'Blood pressure')!).toMatchObject({ series: ['Systolic', 'Diastolic'], unit: 'mm[Hg]' });
    // One of eGFR's two values has a comparator: not plotted, counted, and with one point left there is no trend.
  });

  it("trends: another unit is another trend; a panel's parts matched by name whatever their order; a partial date not plotted but counted", () => {
    const result = (term: string, date: string, numeric?: Result['numeric'], components: Result['components'] = []): Result => ({
      id: `${term}-${date}-${numeric?.unit ?? ''}`,
      term: { text: term, codings: [], degraded: false },
      date,
      numeric,
      components,
      notes: [],
      value: numeric ? String(numeric.value) : undefined,
    });
    const part = (term: string, value: number) => ({ term, numeric: value, unit: 'mm[Hg]', value: `${value} mm[Hg]` });
    const trends = trendsOf([
      result('HbA1c', '2020-01-01', { value: 7.5, unit: '%' }),
      result('HbA1c', '2021-01-01', { value: 7.1, unit: '%' }),
      result('HbA1c', '2022-01-01', { value: 54, unit: 'mmol/mol' }),
      result('HbA1c', '2023-01-01', { value: 51, unit: 'mmol/mol' }),
      result('HbA1c', '2019', { value: 60, unit: 'mmol/mol' }),
      result('Blood pressure', '2024-01-01', undefined, [part('Systolic arterial pressure', 140), part('Diastolic arterial pressure', 90)]),
      result('Blood pressure', '2025-01-01', undefined, [part('Diastolic arterial pressure', 80), part('Systolic arterial pressure', 130)]),
    ]);
    expect(trends.filter((t) => t.term === 'HbA1c').map((t) => [t.unit, t.points.length, t.omitted])).toEqual(
      expect.arrayContaining([
        ['%', 2, 0],
        ['mmol/mol', 2, 1],
      ]),
    );
    const bp = trends.find((t) => t.term === 'Blood pressure')!;
    expect(bp.points.map((p) => p.values)).toEqual([
      [140, 90],
      [130, 80],
    ]);
  });

  it('investigations offer a trend for a repeated result, with its values table', async () => {
    renderAt('/patients/9658218873/structured/investigations');
    const trends = await screen.findByTestId('trends');
    await userEvent.click(within(trends).getByRole('button', { name: /Haemoglobin A1c/ }));
    const values = await within(trends).findByTestId('trend-values');
    expect(within(values).getAllByRole('row').length).toBeGreaterThan(2);
  });
});
