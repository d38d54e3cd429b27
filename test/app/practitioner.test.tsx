import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderAt } from './render';
import { callsTo } from './calls';

async function flowPanel() {
  const panel = await screen.findByTestId('flow-panel');
  expect(panel.tagName).toBe('DETAILS');
  return panel;
}

describe('practitioner search (R14)', () => {
  it('single: G22345655 at A20047 opens the practitioner page with both role profile ids, from one search call', async () => {
    const bffCalls = callsTo('/api/practitioners');
    renderAt('/practitioners');
    await userEvent.type(await screen.findByLabelText('SDS user ID'), 'g22345655');
    await userEvent.type(screen.getByLabelText('Practice ODS code'), 'A20047');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Mr Kibo Slater' })).toBeInTheDocument();
    expect(screen.getByTestId('practitioner-sds-user-ids')).toHaveTextContent('G22345655');
    const roles = within(screen.getByTestId('practitioner-role-profiles')).getAllByRole('listitem');
    expect(roles.map((r) => r.textContent)).toEqual(['PT1122', 'PT1234']);
    expect(screen.getByTestId('practitioner-details')).toHaveTextContent('Male');
    expect(within(screen.getByTestId('practitioner-practice')).getByRole('link', { name: 'ODS code A20047' })).toHaveAttribute('href', '/organisations/A20047');
    const panel = await flowPanel();
    expect(within(panel).getByTestId('flow-table')).toHaveTextContent('search practitioner');
    expect(bffCalls).toHaveLength(1);
  });

  it('prefills the practice from the address (the organisation page links here)', async () => {
    renderAt('/practitioners?odsCode=A20047');
    expect(await screen.findByLabelText('Practice ODS code')).toHaveValue('A20047');
    expect(screen.getByLabelText('SDS user ID')).toHaveValue('');
  });

  it('multiple: G22222226 at B82617 lists both records with their role profile ids', async () => {
    renderAt('/practitioners/search?sdsUserId=G22222226&odsCode=B82617');
    const multiple = await screen.findByTestId('practitioner-multiple');
    expect(multiple).toHaveTextContent('more than one practitioner record with SDS user ID G22222226');
    const results = within(multiple).getAllByTestId('practitioner-result');
    expect(results).toHaveLength(2);
    expect(within(results[0]).getByRole('link')).toHaveAttribute('href', '/practitioners/B82617/31');
    expect(results[0]).toHaveTextContent('PT3333');
    expect(within(results[1]).getByRole('link')).toHaveAttribute('href', '/practitioners/B82617/32');
    expect(results[1]).toHaveTextContent('PT2222, PT4444');
    expect(screen.getByTestId('retrieved-line')).toHaveTextContent(/Retrieved from the GP system at \d{2}:\d{2}:\d{2}/);
    await flowPanel();
  });

  it('none: says who was asked, never that the practitioner does not exist', async () => {
    renderAt('/practitioners/search?sdsUserId=G99999999&odsCode=A20047');
    const none = await screen.findByTestId('practitioner-none');
    expect(none).toHaveTextContent('No practitioner with SDS user ID G99999999 at practice A20047');
    expect(none).toHaveTextContent('may work at another practice');
    expect(none).not.toHaveTextContent(/does not exist/i);
    await flowPanel();
  });

  it('invalid: both fields refused in the error summary before any call, what was typed kept', async () => {
    const bffCalls = callsTo('/api/practitioners');
    renderAt('/practitioners');
    const sds = await screen.findByLabelText('SDS user ID');
    const ods = screen.getByLabelText('Practice ODS code');
    await userEvent.type(sds, 'UNK');
    await userEvent.type(ods, 'G1!');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const alert = await screen.findByRole('alert');
    const items = within(alert).getAllByRole('link');
    expect(items.map((a) => a.getAttribute('href'))).toEqual(['#sds-user-id', '#practice-ods-code']);
    expect(alert).toHaveTextContent('UNK means "no smartcard"');
    expect(alert).toHaveTextContent('An ODS code contains only letters and digits');
    expect(sds).toHaveValue('UNK');
    expect(ods).toHaveAttribute('aria-describedby', expect.stringContaining('practice-ods-code-error'));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Find a practitioner');
    expect(bffCalls).toHaveLength(0);
  });

  it('invalid SDS user ID in the address: an error view with the reason, no call', async () => {
    const bffCalls = callsTo('/api/practitioners');
    renderAt('/practitioners/search?sdsUserId=G1!&odsCode=A20047');
    const problem = await screen.findByTestId('problem');
    expect(problem).toHaveTextContent('The SDS user ID is not valid');
    expect(problem).toHaveTextContent('An SDS user ID contains only letters and digits');
    expect(bffCalls).toHaveLength(0);
  });
});

describe('practitioner page (R16)', () => {
  it('a name given as text only is shown as given', async () => {
    renderAt('/practitioners/B82617/34');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dr P Raman (locum)' })).toBeInTheDocument();
    expect(screen.getByTestId('practitioner-sds-user-ids')).toHaveTextContent('G44444441');
    expect(screen.getByTestId('practitioner-role-profiles')).toHaveTextContent('PT5150');
    await flowPanel();
  });

  it('no role profile ids: "None recorded"', async () => {
    renderAt('/practitioners/A20047/1');
    expect(await screen.findByTestId('practitioner-role-profiles')).toHaveTextContent('None recorded');
  });

  it("an unknown id: the GP system's 404 as a problem, with the flow", async () => {
    renderAt('/practitioners/A20047/999');
    expect(await screen.findByTestId('problem')).toHaveTextContent('The GP system has no practitioner with this id');
    expect(screen.getByTestId('problem-step')).toHaveTextContent('GP system');
    const panel = await flowPanel();
    expect(within(panel).getByTestId('flow-table')).toHaveTextContent('HTTP 404');
  });
});
