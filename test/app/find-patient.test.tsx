/**
 * R32 and R36 in the page: finding a patient by their details, and a worklist from a batch-traced
 * file, each against the simulated Spine through the real BFF.
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderAt } from './render';
import { fillDate } from './dates';
import { callsTo } from './calls';
import { setWorklist } from '../../src/app/features/worklist/worklistStore';
import { checkRows, fileDate, readCsv, recogniseColumns } from '../../src/app/features/worklist/worklist';

describe('R32: find a patient by their details', () => {
  it('the search page links to it; a family name and date of birth find the patient, who opens by NHS number', async () => {
    const searches = callsTo('/api/patients/search');
    renderAt('/');
    await userEvent.click(await screen.findByRole('link', { name: 'Find the patient by their details' }));
    await userEvent.type(await screen.findByLabelText('Family name', { exact: false }), 'Meakin');
    await fillDate(screen.getByRole('group', { name: /Date of birth/ }), '1970-05-12');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const row = await screen.findByTestId('match-9658218873');
    expect(row).toHaveTextContent('MEAKIN, Mike (Mr)');
    expect(row).toHaveTextContent('12-May-1970');
    expect(row).toHaveTextContent('965 821 8873');
    expect(row).toHaveTextContent('LS6 2QB');
    expect(row).toHaveTextContent('Exact');
    // The criteria travel in the body, never in the URL.
    expect(searches).toHaveLength(1);
    expect(searches[0]).not.toMatch(/Meakin|1970/);
    await userEvent.click(within(row).getByRole('link'));
    expect(await screen.findByTestId('banner-nhs-number')).toHaveTextContent('965 821 8873');
  });

  it('a missing date of birth is refused in the form, with the error summary, before any call', async () => {
    const searches = callsTo('/api/patients/search');
    renderAt('/find-by-details');
    await userEvent.type(await screen.findByLabelText('Family name', { exact: false }), 'Meakin');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(within(summary).getByRole('link', { name: /date of birth/i })).toHaveAttribute('href', '#details-birthDate');
    expect(searches).toEqual([]);
  });

  it('too many matches says what to add; no match says it does not mean the patient does not exist', async () => {
    renderAt('/find-by-details');
    await userEvent.type(await screen.findByLabelText('Family name', { exact: false }), 'Smith');
    await fillDate(screen.getByRole('group', { name: /Date of birth/ }), '1980-01-01');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const many = await screen.findByTestId('search-too-many');
    expect(many).toHaveTextContent('More than 10 people match');
    expect(many).toHaveTextContent('the given name');
    const family = screen.getByLabelText('Family name', { exact: false });
    await userEvent.clear(family);
    await userEvent.type(family, 'Nobody');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const none = await screen.findByTestId('search-none');
    expect(none).toHaveTextContent('This does not mean the patient does not exist');
    expect(none).toHaveTextContent('including similar-sounding names');
  });

  it('a restricted patient is listed with no address or practice (R4)', async () => {
    renderAt('/find-by-details');
    await userEvent.type(await screen.findByLabelText('Family name', { exact: false }), 'Kewn');
    await fillDate(screen.getByRole('group', { name: /Date of birth/ }), '1989-07-14');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const row = await screen.findByTestId('match-9658220142');
    expect(row).toHaveTextContent('Restricted record');
    expect(row.textContent).not.toMatch(/LS|A20047/);
  });
});

const FILE = [
  'Local ID,NHS Number,Surname,Forename,DOB',
  'R1,965 821 8873,Meakin,Mike,12/05/1970',
  'R2,9658218874,Bad,Check,01/01/1970',
  'R3,9690124609,Sutcliff,Joanne,14/08/1971',
  'R4,9658220142,Kewn,Emilie,30/02/1989',
  'R5,9658218873,Meakin,Mike,12/05/1970',
  'R6,,No,Number,01/01/1970',
].join('\n');

describe('R36: reading a worklist file', () => {
  it('recognises columns by common names, checks every row and names each refusal by line', () => {
    const read = readCsv(FILE, FILE.length);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const mapping = recogniseColumns(read.file.headers);
    expect(mapping).toEqual({ nhsNumber: 'NHS Number', family: 'Surname', given: 'Forename', birthDate: 'DOB', reference: 'Local ID' });
    const { rows, errors } = checkRows(read.file, mapping);
    expect(rows.map((r) => [r.line, r.nhsNumber, r.birthDate])).toEqual([
      [2, '9658218873', '1970-05-12'],
      [4, '9690124609', '1971-08-14'],
    ]);
    expect(errors.map((e) => e.line)).toEqual([3, 5, 6, 7]);
    expect(errors[0].reason).toMatch(/check digit/);
    expect(errors[1].reason).toMatch(/not a real date/);
    expect(errors[2].reason).toMatch(/already on line 2/);
    expect(errors[3].reason).toBe('no NHS number');
  });

  it("keeps each row's own line through blank lines and quoted values over two lines; a row of the wrong shape or an unclosed quote is named, never swallowed", () => {
    const text = [
      'NHS Number,Surname,Note',
      '9658218873,Meakin,"two',
      'lines"',
      '',
      '9690124609,Sutcliffe,ok',
      '9690123408,Whit,lam,extra',
      '9690123475,Hartley,"never closed',
      '9690123548,Armitage,x',
    ].join('\n');
    const read = readCsv(text, text.length);
    if (!read.ok) throw new Error(read.reason);
    const { rows, errors } = checkRows(read.file, recogniseColumns(read.file.headers));
    expect(rows.map((r) => [r.line, r.nhsNumber])).toEqual([
      [2, '9658218873'],
      [5, '9690124609'],
    ]);
    expect(errors.map((e) => [e.line, e.reason.slice(0, 20)])).toEqual([
      [6, 'it has 4 fields wher'],
      [7, 'quoted field untermi'],
    ]);
  });

  it('refuses files too big, binary, empty or over the row limit, each with its reason', () => {
    expect(readCsv('a', 2 * 1024 * 1024)).toEqual({ ok: false, reason: expect.stringContaining('at most 1 MB') });
    expect(readCsv('NHS Number\n96582\u000018873', 20)).toEqual({ ok: false, reason: expect.stringContaining('binary') });
    expect(readCsv('NHS Number\n', 11)).toEqual({ ok: false, reason: expect.stringContaining('no rows') });
    const big = ['NHS Number', ...Array.from({ length: 2001 }, () => '9658218873')].join('\n');
    expect(readCsv(big, big.length)).toEqual({ ok: false, reason: expect.stringContaining('at most 2000') });
    expect([fileDate('2024-02-29'), fileDate('20240229'), fileDate('29/2/2024'), fileDate('2023-02-29'), fileDate('1970')]).toEqual([
      '2024-02-29',
      '2024-02-29',
      '2024-02-29',
      undefined,
      undefined,
    ]);
  });
});

describe('R36: the worklist page', () => {
  it('previews the columns, loads (audited), lists refused rows, and traces a patient on PDS afresh, showing where the file differs', async () => {
    setWorklist(null);
    const audits = callsTo('/api/worklists');
    const traces = callsTo('/api/patients/9690124609');
    renderAt('/worklist');
    const input = await screen.findByLabelText('CSV file');
    await userEvent.upload(input, new File([FILE], 'clinic.csv', { type: 'text/csv' }));
    const preview = await screen.findByTestId('worklist-preview');
    expect(within(preview).getByLabelText('NHS number')).toHaveValue('NHS Number');
    await userEvent.click(within(preview).getByRole('button', { name: 'Load the worklist' }));
    const list = await screen.findByTestId('worklist');
    expect(list).toHaveTextContent('clinic.csv: 2 patients');
    expect(screen.getByTestId('worklist-refused')).toHaveTextContent('4 rows were not loaded');
    expect(screen.getByTestId('worklist-refused')).toHaveTextContent('Line 3: the NHS number');
    expect(audits).toHaveLength(1);
    // Nothing is traced until a row is opened; then PDS afresh.
    expect(traces).toEqual([]);
    const row = screen.getByTestId('worklist-row-4');
    await userEvent.click(within(row).getByRole('button', { name: 'Trace on PDS' }));
    const differences = await within(row).findByTestId('worklist-differences');
    expect(differences).toHaveTextContent('family name: file "Sutcliff", PDS "Sutcliffe"');
    expect(traces.map((url) => new URL(url).search)).toEqual(['?retrace=true']);
    const same = screen.getByTestId('worklist-row-2');
    await userEvent.click(within(same).getByRole('button', { name: 'Trace on PDS' }));
    expect(await within(same).findByTestId('worklist-same')).toHaveTextContent('PDS matches the file');
  });

  it('a second file replaces the first: no row keeps the trace of the row that stood on its line before', async () => {
    setWorklist(null);
    renderAt('/worklist');
    const input = await screen.findByLabelText('CSV file');
    await userEvent.upload(input, new File(['NHS Number\n9658218873'], 'first.csv', { type: 'text/csv' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Load the worklist' }));
    const first = await screen.findByTestId('worklist-row-2');
    await userEvent.click(within(first).getByRole('button', { name: 'Trace on PDS' }));
    await within(first).findByTestId('worklist-traced');
    await userEvent.upload(input, new File(['NHS Number\n9690124609'], 'second.csv', { type: 'text/csv' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Load the worklist' }));
    await waitFor(() => expect(screen.getByTestId('worklist')).toHaveTextContent('second.csv: 1 patient'));
    const second = screen.getByTestId('worklist-row-2');
    expect(second).toHaveTextContent('969 012 4609');
    expect(within(second).queryByTestId('worklist-traced')).not.toBeInTheDocument();
    expect(within(second).getByRole('button', { name: 'Trace on PDS' })).toBeInTheDocument();
  });

  it('a file with no NHS number column must have one chosen before it loads; a wrong file type is refused', async () => {
    setWorklist(null);
    const audits = callsTo('/api/worklists');
    renderAt('/worklist');
    const input = await screen.findByLabelText('CSV file');
    await userEvent.upload(input, new File(['Patient,Born\nA,2000-01-01'], 'list.csv', { type: 'text/csv' }));
    const preview = await screen.findByTestId('worklist-preview');
    expect(within(preview).getByRole('button', { name: 'Load the worklist' })).toBeDisabled();
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose the column that holds the NHS number');
    await userEvent.upload(input, new File(['x'], 'scan.pdf', { type: 'text/csv' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('"scan.pdf" is not a CSV file'));
    expect(audits).toEqual([]);
  });
});
