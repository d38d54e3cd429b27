import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderAt } from './render';
import { dateIn } from './dates';
import { callsTo } from './calls';

describe('record page', () => {
  it("R20, R24: shows a section's HTML under the patient banner, with provider, retrieval time and practice name", async () => {
    renderAt('/patients/9658218873/record/SUM');
    const html = await screen.findByTestId('provider-html');
    expect(within(html).getByRole('heading', { level: 1, name: 'Summary' })).toBeInTheDocument();
    expect(html.querySelector('table#prb-tab-act')).not.toBeNull();
    expect(screen.getByTestId('record-meta')).toHaveTextContent(/From Dr Legg's Surgery \(A20047\), retrieved at \d{2}:\d{2}:\d{2}/);
    // The practice's name comes with the record and reaches the banner on the next render.
    await waitFor(() => expect(screen.getByTestId('banner-practice')).toHaveTextContent("Dr Legg's Surgery (A20047)"));
    // R20: the banner stands above the provider HTML.
    const banner = screen.getByTestId('patient-banner');
    expect(banner.compareDocumentPosition(html) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows the steps while the calls run', async () => {
    renderAt('/patients/9658218873/record/MED');
    const progress = await screen.findByTestId('step-progress');
    expect(progress).toHaveTextContent('PDS');
    expect(progress).toHaveTextContent('SDS');
    expect(progress).toHaveTextContent('GP system');
    await screen.findByTestId('provider-html');
  });

  it('offers a date range only on sections that accept one', async () => {
    renderAt('/patients/9658218873/record/ENC');
    expect(await screen.findByRole('group', { name: 'Date range (optional)' })).toBeInTheDocument();
    await screen.findByTestId('provider-html');
    await userEvent.click(screen.getByRole('link', { name: 'Allergies and Adverse Reactions' }));
    await screen.findByRole('heading', { level: 1, name: 'Allergies and Adverse Reactions' });
    expect(screen.queryByRole('group', { name: 'Date range (optional)' })).not.toBeInTheDocument();
  });

  it('a reversed date range is refused before any call', async () => {
    renderAt('/patients/9658218873/record/ENC?from=2016-07-01&to=2015-05-01');
    expect(await screen.findByRole('alert')).toHaveTextContent('The "to" date must be the same as or after the "from" date');
    expect(screen.queryByTestId('provider-html')).not.toBeInTheDocument();
  });

  it('applies a date range from the URL (deep link)', async () => {
    renderAt('/patients/9658218873/record/ENC?from=2015-05-01&to=2016-07-01');
    const html = await screen.findByTestId('provider-html');
    expect(html).toHaveTextContent("For the period '01-May-2015' to '01-Jul-2016'");
    expect(dateIn(screen.getByRole('group', { name: 'From' }))).toBe('2015-05-01');
  });

  it("dissent: the patient's choice is explained, naming the GP system step", async () => {
    renderAt('/patients/9658220169/record/SUM');
    const problem = await screen.findByTestId('problem');
    expect(problem).toHaveTextContent('The patient has asked that their GP record is not shared');
    expect(screen.getByTestId('problem-step')).toHaveTextContent('GP system');
  });

  it('restricted: only the NHS number and a notice, no sections', async () => {
    renderAt('/patients/9658220142');
    expect(await screen.findByTestId('restricted-notice')).toBeInTheDocument();
    const banner = screen.getByTestId('patient-banner');
    expect(banner).toHaveTextContent('965 822 0142');
    expect(banner).not.toHaveTextContent('Kewn');
    expect(screen.queryByRole('navigation', { name: 'Record sections' })).not.toBeInTheDocument();
  });

  it('practice without GP Connect: a distinct message from SDS', async () => {
    renderAt('/patients/9658218903');
    expect(await screen.findByTestId('problem')).toHaveTextContent('This practice does not offer GP Connect');
    expect(screen.getByTestId('problem-step')).toHaveTextContent('SDS');
  });

  it('superseded: moves to the new number and says so', async () => {
    renderAt('/patients/9658220223/record/SUM');
    expect(await screen.findByTestId('superseded-notice')).toHaveTextContent('965 822 0223 has been replaced on PDS by 965 821 8997');
    expect(screen.getByTestId('banner-nhs-number')).toHaveTextContent('965 821 8997');
  });

  it('deceased within 28 days: the date of death in the banner and a notice', async () => {
    renderAt('/patients/9658220290/record/SUM');
    expect(await screen.findByTestId('banner-deceased')).toHaveTextContent(/\d{2}-[A-Z][a-z]{2}-\d{4}/);
    expect(screen.getByTestId('gate-DECEASED')).toHaveTextContent('available until 28 days after death');
    // The practice is not asked about a deceased patient (R5), so the identity is confirmed by the user (R7).
    const confirm = await screen.findByTestId('identity-confirm');
    expect(confirm).toHaveTextContent('could not be compared');
    expect(confirm).toHaveTextContent('The practice is not asked for the details of a patient who has died');
    await userEvent.click(within(confirm).getByRole('button', { name: /this is the right patient/ }));
    await screen.findByTestId('provider-html');
    expect(screen.getByTestId('identity-confirmed')).toHaveTextContent("You confirmed this patient's identity");
  });

  it('R37: a registration PDS shows as ended is flagged in the banner and above the record, which is still read', async () => {
    renderAt('/patients/9690125036/record/SUM');
    expect(await screen.findByTestId('banner-registration-ended')).toHaveTextContent(/registration ended \d{2}-[A-Z][a-z]{2}-\d{4}/);
    expect(screen.getByTestId('gate-REGISTRATION_ENDED')).toHaveTextContent('may no longer hold');
    expect(await screen.findByTestId('provider-html')).toBeInTheDocument();
  });

  it('R34: a practice where SDS holds two systems that nothing tells apart: a distinct message, no record', async () => {
    renderAt('/patients/9690125028/record/SUM');
    expect(await screen.findByRole('heading', { name: /does not say which GP system to use/ })).toBeInTheDocument();
    expect(screen.queryByTestId('provider-html')).not.toBeInTheDocument();
  });

  it('R7: a patient whose practice record differs from PDS: the differences, then the record only after confirming', async () => {
    const records = callsTo('ssp.simulated-spine.test');
    renderAt('/patients/9690124609/record/SUM');
    const confirm = await screen.findByTestId('identity-confirm');
    expect(
      within(confirm)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(["DetailPDS (national record)Practice's record", 'Family nameSutcliffeSutcliff', 'Date of birth14-Aug-197104-Aug-1971']);
    expect(screen.queryByTestId('provider-html')).not.toBeInTheDocument();
    expect(records.some((u) => u.includes('getcarerecord'))).toBe(false);
    await userEvent.click(within(confirm).getByRole('button', { name: /this is the right patient/ }));
    expect(await screen.findByTestId('provider-html')).toHaveTextContent('Summary');
    expect(screen.getByTestId('identity-confirmed')).toHaveTextContent("although the practice's details differ from PDS");
    // The confirmation holds for this patient's other sections while the page is open.
    await userEvent.click(within(screen.getByRole('navigation', { name: 'Record sections' })).getByRole('link', { name: 'Medications' }));
    await waitFor(() => expect(within(screen.getByTestId('provider-html')).getByRole('heading', { level: 1 })).toHaveTextContent('Medications'));
    expect(screen.queryByTestId('identity-confirm')).not.toBeInTheDocument();
  });

  it('an unknown section gets a clear message', async () => {
    renderAt('/patients/9658218873/record/XYZ');
    expect(await screen.findByTestId('problem')).toHaveTextContent('That record section does not exist');
  });
});

describe('speed and freshness', () => {
  it('"Trace again" goes back to PDS, bypassing the BFF\'s trace cache', async () => {
    const pdsCalls = callsTo('pds.simulated-spine.test');
    renderAt('/patients/9658218873/record/SUM');
    await screen.findByTestId('provider-html');
    expect(pdsCalls).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Trace again' }));
    await waitFor(() => expect(pdsCalls).toHaveLength(2));
    await screen.findByTestId('provider-html');
  });

  it('the record call does not wait for the SDS check: both share one SDS lookup', async () => {
    // The getcarerecord lookups only: the practice check beside the record asks SDS for its own interactions.
    const sdsCalls = callsTo('gpc.getcarerecord');
    renderAt('/patients/9658218873/record/ALL');
    await screen.findByTestId('provider-html');
    expect(sdsCalls.filter((url) => url.includes('sds.simulated-spine.test'))).toHaveLength(2); // one Endpoint and one Device search, shared
  });
});
