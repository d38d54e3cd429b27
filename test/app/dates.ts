import { within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/** Types a YYYY-MM-DD date into an NHS.UK date input (its Day, Month and Year fields), as a person would. */
export async function fillDate(group: HTMLElement, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  for (const [label, value] of [
    ['Day', day],
    ['Month', month],
    ['Year', year],
  ] as const) {
    const input = within(group).getByLabelText(label);
    await userEvent.clear(input);
    await userEvent.type(input, value);
  }
}

/** What an NHS.UK date input holds, as YYYY-MM-DD. */
export function dateIn(group: HTMLElement): string {
  const value = (label: string) => (within(group).getByLabelText(label) as HTMLInputElement).value;
  return `${value('Year')}-${value('Month')}-${value('Day')}`;
}
