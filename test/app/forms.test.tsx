/** The shared form pieces: the NHS.UK date input (day, month, year) and its checks, and the text field's error wiring. */
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { checkDateParts, DateInput, datePartsOf } from '../../src/app/components/DateInput';
import { TextField } from '../../src/app/components/TextField';

describe('date input', () => {
  it('says which part is missing, or that the date is not real, and takes a real date as YYYY-MM-DD', () => {
    expect(checkDateParts({ day: '', month: '', year: '' }, 'date of birth', { required: true })).toEqual({ valid: false, reason: 'Enter the date of birth' });
    expect(checkDateParts({ day: '', month: '', year: '' }, 'the "from" date')).toEqual({ valid: true });
    expect(checkDateParts({ day: '3', month: '', year: '' }, 'date of birth')).toEqual({
      valid: false,
      reason: 'Date of birth must include a month and a year',
    });
    expect(checkDateParts({ day: '30', month: '2', year: '1984' }, 'date of birth', { example: '12 5 1970' })).toEqual({
      valid: false,
      reason: 'Enter the date of birth as a real date, for example 12 5 1970',
    });
    expect(checkDateParts({ day: '1', month: 'May', year: '2015' }, 'the "from" date')).toMatchObject({ valid: false });
    expect(checkDateParts({ day: '29', month: '2', year: '1984' }, 'date of birth')).toEqual({ valid: true, value: '1984-02-29' });
    expect(checkDateParts({ day: ' 1 ', month: '05', year: '2015' }, 'the "from" date')).toEqual({ valid: true, value: '2015-05-01' });
    expect(datePartsOf('2015-05-01')).toEqual({ day: '01', month: '05', year: '2015' });
    expect(datePartsOf(undefined)).toEqual({ day: '', month: '', year: '' });
  });

  it('is three labelled fields under one legend, the error read out with them, the day field taking the id an error summary links to', () => {
    render(
      <DateInput
        id="dob"
        legend="Date of birth"
        hint="For example 12 5 1970"
        error="Date of birth must include a year"
        value={{ day: '12', month: '5', year: '' }}
        onChange={() => undefined}
      />,
    );
    const group = screen.getByRole('group', { name: 'Date of birth' });
    expect(group).toHaveAttribute('aria-describedby', 'dob-hint dob-error');
    expect(within(group).getByText('Date of birth must include a year')).toHaveAttribute('id', 'dob-error');
    expect(within(group).getByLabelText('Day')).toHaveAttribute('id', 'dob');
    expect(within(group).getByLabelText('Day')).toHaveValue('12');
    expect(within(group).getByLabelText('Month')).toHaveAttribute('inputmode', 'numeric');
    expect(within(group).getByLabelText('Year')).toHaveClass('nhsuk-input--error');
    expect(group.querySelectorAll('input[type="date"]')).toHaveLength(0);
  });
});

describe('text field', () => {
  it('links its hint and its error to the input, and marks both', () => {
    render(<TextField id="ods" label="ODS code" hint="For example A20047" error="Enter an ODS code" value="" onChange={() => undefined} width={10} />);
    const input = screen.getByLabelText('ODS code');
    expect(input).toHaveAttribute('aria-describedby', 'ods-hint ods-error');
    expect(input).toHaveClass('nhsuk-input', 'nhsuk-input--width-10', 'nhsuk-input--error');
    expect(screen.getByText('Enter an ODS code')).toHaveAttribute('id', 'ods-error');
  });
});
