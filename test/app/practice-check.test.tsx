import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderAt } from './render';
import { fillDate } from './dates';
import { callsTo } from './calls';

describe('the patient at their practice (R7, R13)', () => {
  it('lists every difference from PDS field by field, above the section list', async () => {
    renderAt('/patients/9690124609');
    const callout = await screen.findByTestId('practice-check-differences');
    expect(callout).toHaveTextContent("The practice's details differ from PDS");
    expect(
      within(screen.getByTestId('difference-family'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Sutcliffe', 'Sutcliff']);
    expect(
      within(screen.getByTestId('difference-birthDate'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['14-Aug-1971', '04-Aug-1971']);
    expect(screen.queryByTestId('difference-gender')).not.toBeInTheDocument();
    const sections = screen.getByRole('navigation', { name: /record sections/i });
    expect(callout.compareDocumentPosition(sections) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows a match, the registration and the preferred branch surgery as a link to its location', async () => {
    renderAt('/patients/9658218873');
    expect(await screen.findByTestId('practice-check-match')).toHaveTextContent('Name, date of birth, gender and practice match');
    const registration = screen.getByTestId('practice-registration');
    expect(registration).toHaveTextContent('Regular (R), since 15-Jun-1998');
    expect(within(registration).getByRole('link', { name: 'Location 11 at A20047' })).toHaveAttribute('href', '/organisations/A20047/locations/11');
  });

  it('"no record found at this practice" for a patient the practice holds as sensitive, never "no such patient"', async () => {
    renderAt('/patients/9690123688');
    const none = await screen.findByTestId('practice-check-none');
    expect(none).toHaveTextContent('No record found at this practice');
    expect(none).toHaveTextContent('This does not mean the patient does not exist');
  });

  it('says the practice could not be confirmed when its organisation cannot be read', async () => {
    renderAt('/patients/9690124811');
    expect(await screen.findByTestId('unchecked-practice')).toHaveTextContent(
      "Not checked: the GP practice. The practice's organisation record could not be read (not found)",
    );
    expect(screen.getByTestId('practice-check-match')).not.toHaveTextContent('and practice');
  });

  it('does not ask the practice about a patient who has died (R5)', async () => {
    renderAt('/patients/9658220290');
    expect(await screen.findByTestId('practice-check-skipped')).toBeInTheDocument();
  });
});

describe('register patient (R17)', () => {
  it('refuses an incomplete form beside each field, sending nothing', async () => {
    const sent = callsTo('/registrations');
    renderAt('/patients/9690124676/register');
    const form = await screen.findByTestId('register-form');
    await userEvent.clear(within(form).getByLabelText('Given name'));
    await fillDate(within(form).getByRole('group', { name: 'Date of birth' }), '1984-02-30');
    await userEvent.type(within(form).getByLabelText('Postcode (optional)'), 'nowhere');
    await userEvent.click(screen.getByRole('button', { name: 'Register temporarily' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Enter the ODS code of the practice');
    expect(alert).toHaveTextContent('Enter the given name');
    expect(alert).toHaveTextContent('Enter the date of birth as a real date');
    expect(alert).toHaveTextContent('Enter a UK postcode');
    expect(within(form).getByLabelText('Given name')).toHaveAttribute('aria-describedby', 'register-given-error');
    expect(sent).toEqual([]);
  });

  it('registers, then shows DUPLICATE_REJECTED as "already registered" when sent again', async () => {
    const sent = callsTo('/registrations');
    renderAt('/patients/9690124676/register');
    const form = await screen.findByTestId('register-form');
    expect(within(form).getByLabelText('Family name')).toHaveValue('Lister');
    await userEvent.type(within(form).getByLabelText('ODS code of the practice to register at'), 'a20047');
    await userEvent.click(screen.getByRole('button', { name: 'Register temporarily' }));
    const success = await screen.findByTestId('registration-success');
    expect(sent).toHaveLength(1);
    expect(success).toHaveTextContent('Temporary registration made');
    expect(success).toHaveTextContent('registered at practice A20047 as Temporary');

    await userEvent.click(screen.getByRole('link', { name: 'Back to the patient' }));
    await userEvent.click(await screen.findByRole('link', { name: 'Register this patient temporarily at another practice' }));
    await userEvent.type(within(await screen.findByTestId('register-form')).getByLabelText('ODS code of the practice to register at'), 'A20047');
    await userEvent.click(screen.getByRole('button', { name: 'Register temporarily' }));
    expect(await screen.findByTestId('problem')).toHaveTextContent('The patient is already registered at this practice');
  });

  it('explains a mismatch with PDS (INVALID_PATIENT_DEMOGRAPHICS) and keeps what was typed', async () => {
    renderAt('/patients/9690124676/register');
    const form = await screen.findByTestId('register-form');
    await userEvent.type(within(form).getByLabelText('ODS code of the practice to register at'), 'B82617');
    await userEvent.clear(within(form).getByLabelText('Family name'));
    await userEvent.type(within(form).getByLabelText('Family name'), 'Smith');
    await fillDate(within(form).getByRole('group', { name: 'Date of birth' }), '1985-03-28');
    await userEvent.click(screen.getByRole('button', { name: 'Register temporarily' }));
    expect(await screen.findByTestId('problem')).toHaveTextContent("The practice could not match the patient's details with PDS");
    expect(within(form).getByLabelText('Family name')).toHaveValue('Smith');
  });
});
