import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { renderAt } from './render';
import { server } from './setup';
import { callsTo } from './calls';

/** The collapsible Spine flow of the view, and the interactions it lists. */
async function flowPanel() {
  const panel = await screen.findByTestId('flow-panel');
  expect(panel.tagName).toBe('DETAILS');
  return panel;
}

describe('organisation search (R15)', () => {
  it('single: opens the organisation page with details, capability and locations, from one search call', async () => {
    const bffCalls = callsTo('/api/organisations');
    renderAt('/organisations');
    await userEvent.type(await screen.findByLabelText('ODS code'), ' a20047 ');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));

    expect(await screen.findByRole('heading', { level: 1, name: "Dr Legg's Surgery" })).toBeInTheDocument();
    expect(screen.getByTestId('organisation-ods-code')).toHaveTextContent('A20047');
    expect(screen.getByTestId('organisation-address')).toHaveTextContent('1 Legg Street');
    expect(screen.getByTestId('organisation-address')).toHaveTextContent('LS1 4HY');
    expect(screen.getByTestId('organisation-telecom')).toHaveTextContent('0113 496 0001');
    expect(screen.getByTestId('retrieved-line')).toHaveTextContent(/Retrieved from the GP system at \d{2}:\d{2}:\d{2} on \d{2}-[A-Z][a-z]{2}-\d{4}/);

    expect(await screen.findByTestId('capability-gp-connect-version')).toHaveTextContent('1.6.2');
    expect(screen.getByTestId('capability-fhir-version')).toHaveTextContent('3.0.1');
    expect(screen.getByTestId('capability-supplier')).toHaveTextContent('Simulated GP System A');
    expect(screen.getByTestId('capability-operations')).toHaveTextContent('gpc.registerpatient');
    const resources = within(screen.getByTestId('capability-resources')).getAllByRole('row');
    expect(resources.map((r) => r.textContent)).toContain('Locationread');

    expect(screen.getByRole('link', { name: 'Main location (id 10)' })).toHaveAttribute('href', '/organisations/A20047/locations/10');
    expect(screen.getByRole('link', { name: /find a practitioner at this practice/i })).toHaveAttribute('href', '/practitioners?odsCode=A20047');
    expect(screen.getByTestId('locations')).toHaveTextContent('GP Connect cannot list or search');

    const panel = await flowPanel();
    expect(within(panel).getByTestId('flow-table')).toHaveTextContent('search organisation');
    expect(within(panel).getByTestId('flow-table')).toHaveTextContent('read metadata');
    // The search's answer opened the page: no second read of the same organisation.
    expect(bffCalls.filter((u) => u.includes('/by-id/'))).toHaveLength(0);
  });

  it('multiple: C84001 lists both organisations, each linking to its page', async () => {
    renderAt('/organisations/C84001');
    const multiple = await screen.findByTestId('organisation-multiple');
    expect(multiple).toHaveTextContent('The GP system for C84001 holds more than one organisation with this ODS code');
    const results = within(multiple).getAllByTestId('organisation-result');
    expect(results).toHaveLength(2);
    expect(within(results[0]).getByRole('link', { name: 'Meadowbank Medical Practice' })).toHaveAttribute('href', '/organisations/C84001/40');
    expect(within(results[1]).getByRole('link', { name: 'Meadowbank Medical Practice (Hucknall Road site)' })).toHaveAttribute(
      'href',
      '/organisations/C84001/41',
    );
    expect(results[0]).toHaveTextContent('Hucknall Road');
    await flowPanel();

    await userEvent.click(within(results[1]).getByRole('link'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Meadowbank Medical Practice (Hucknall Road site)' })).toBeInTheDocument();
    expect(screen.getByTestId('organisation-telecom')).toHaveTextContent('0115 496 0041');
  });

  it('none at the GP system: G82050 answers, but holds no organisation with its code', async () => {
    renderAt('/organisations/G82050');
    const none = await screen.findByTestId('organisation-none');
    expect(none).toHaveTextContent('The GP system for G82050 holds no organisation with this code');
    expect(screen.queryByTestId('organisation-none-no-gp-connect')).not.toBeInTheDocument();
    await flowPanel();
  });

  it('no GP Connect: Y01234 has no service in SDS, so nobody is asked', async () => {
    const gpCalls = callsTo('gp-system');
    renderAt('/organisations/Y01234');
    const none = await screen.findByTestId('organisation-none-no-gp-connect');
    expect(none).toHaveTextContent('No GP Connect service is registered for ODS code Y01234');
    expect(none).toHaveTextContent('Check the ODS code is right');
    expect(none).toHaveTextContent('may not offer GP Connect');
    expect(gpCalls).toHaveLength(0);
    await flowPanel();
  });

  it('invalid: refused with an alert before any call, no navigation, what was typed kept', async () => {
    const bffCalls = callsTo('/api/organisations');
    renderAt('/organisations');
    const input = await screen.findByLabelText('ODS code');
    await userEvent.type(input, 'A2-0047');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('An ODS code contains only letters and digits');
    expect(input).toHaveValue('A2-0047');
    expect(input).toHaveAttribute('aria-describedby', expect.stringContaining('ods-code-error'));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Find an organisation');
    expect(bffCalls).toHaveLength(0);
  });

  it('invalid code in the address: an error view with the reason, no call', async () => {
    const bffCalls = callsTo('/api/organisations');
    renderAt('/organisations/A200470000');
    const problem = await screen.findByTestId('problem');
    expect(problem).toHaveTextContent('The ODS code is not valid');
    expect(problem).toHaveTextContent('at most 9 characters (this has 10)');
    expect(bffCalls).toHaveLength(0);
  });

  it('prefills the form from the address', async () => {
    renderAt('/organisations?odsCode=B82617');
    expect(await screen.findByLabelText('ODS code')).toHaveValue('B82617');
  });

  it('the Spine proxy refuses (D82015): the problem names the step, the flow shows the failed call', async () => {
    renderAt('/organisations/D82015');
    expect(await screen.findByTestId('problem')).toHaveTextContent('The Spine proxy did not allow this request');
    expect(screen.getByTestId('problem-step')).toHaveTextContent('Spine proxy');
    const panel = await flowPanel();
    expect(within(panel).getByTestId('flow-table')).toHaveTextContent('HTTP 403');
  });
});

describe('organisation page (R16, R18)', () => {
  it("an unknown id: the GP system's 404 as a problem", async () => {
    renderAt('/organisations/A20047/99');
    expect(await screen.findByTestId('problem')).toHaveTextContent('The GP system has no organisation with this id');
    expect(screen.getByTestId('problem-step')).toHaveTextContent('GP system');
    expect(screen.queryByTestId('capability')).not.toBeInTheDocument();
    await flowPanel();
  });

  it('a capability failure is shown in its own section; the organisation stays on the page', async () => {
    server.use(
      http.get('*/api/organisations/A20047/capability', () =>
        HttpResponse.json(
          { title: "The practice's GP system had an error", status: 502, code: 'GP_SYSTEM_ERROR', step: 'provider', traceId: 't-1', action: 'Try again.' },
          { status: 502, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    renderAt('/organisations/A20047/1');
    expect(await screen.findByRole('heading', { level: 1, name: "Dr Legg's Surgery" })).toBeInTheDocument();
    const capability = screen.getByTestId('capability');
    expect(await within(capability).findByTestId('problem')).toHaveTextContent("The practice's GP system had an error");
    expect(screen.getAllByTestId('problem')).toHaveLength(1);
    expect(screen.getByTestId('organisation-address')).toHaveTextContent('1 Legg Street');
    expect(screen.getByTestId('locations')).toBeInTheDocument();
  });

  it('opens a location by its id, checked first', async () => {
    renderAt('/organisations/A20047/1');
    const input = await screen.findByLabelText('Location id');
    await userEvent.type(input, '1 1');
    await userEvent.click(screen.getByRole('button', { name: 'Open location' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('An id has 1 to 64 letters, digits');
    await userEvent.clear(input);
    await userEvent.type(input, '11');
    await userEvent.click(screen.getByRole('button', { name: 'Open location' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Roundhay Branch Surgery' })).toBeInTheDocument();
  });
});

describe('location page (R16)', () => {
  it('a branch surgery: name, address, telephone and its managing organisation', async () => {
    renderAt('/organisations/A20047/locations/11');
    expect(await screen.findByRole('heading', { level: 1, name: 'Roundhay Branch Surgery' })).toBeInTheDocument();
    expect(screen.getByTestId('location-address')).toHaveTextContent('14 Street Lane');
    expect(screen.getByTestId('location-address')).toHaveTextContent('LS8 2ET');
    expect(screen.getByTestId('location-telecom')).toHaveTextContent('0113 496 0011');
    expect(screen.getByTestId('retrieved-line')).toHaveTextContent(/Retrieved from the GP system at \d{2}:\d{2}:\d{2}/);
    expect(within(screen.getByTestId('location-managing-organisation')).getByRole('link')).toHaveAttribute('href', '/organisations/A20047/1');
    const panel = await flowPanel();
    expect(within(panel).getByTestId('flow-table')).toHaveTextContent('read location');
  });

  it('an unknown id: the 404 as a problem, with the flow', async () => {
    renderAt('/organisations/A20047/locations/99');
    expect(await screen.findByTestId('problem')).toHaveTextContent('The GP system has no location with this id');
    const panel = await flowPanel();
    expect(within(panel).getByTestId('flow-table')).toHaveTextContent('HTTP 404');
  });
});
