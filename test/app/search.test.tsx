import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderAt } from './render';

describe('search page', () => {
  it('refuses an invalid NHS number with a clear message, and keeps what was typed', async () => {
    renderAt('/');
    const input = await screen.findByLabelText('NHS number');
    await userEvent.type(input, '965 821 8874');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the check digit is wrong');
    expect(input).toHaveValue('965 821 8874');
    expect(input).toHaveAttribute('aria-describedby', expect.stringContaining('nhs-number-error'));
  });

  it('says how long an NHS number is', async () => {
    renderAt('/');
    await userEvent.type(await screen.findByLabelText('NHS number'), '12345');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('must be 10 digits long (this has 5)');
  });

  it('a valid number with spaces opens the patient, banner from PDS', async () => {
    renderAt('/');
    await userEvent.type(await screen.findByLabelText('NHS number'), '965 821 8873');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const banner = await screen.findByTestId('patient-banner');
    expect(banner).toHaveTextContent('MEAKIN, Mike (Mr)');
    expect(banner).toHaveTextContent('965 821 8873');
    expect(banner).toHaveTextContent('12-May-1970');
    expect(banner).toHaveTextContent('Male');
    expect(screen.getByTestId('banner-practice')).toHaveTextContent('A20047');
    expect(screen.getByTestId('banner-verification')).toHaveTextContent('Verified (01 Number present and verified)');
  });

  it('marks the simulated Spine', async () => {
    renderAt('/');
    expect(await screen.findByTestId('simulated-spine')).toHaveTextContent('Simulated Spine');
  });
});
