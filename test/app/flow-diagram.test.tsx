import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FlowDiagram } from '../../src/app/components/FlowDiagram';
import type { TraceEntry } from '../../src/shared/api';
import { renderAt } from './render';

const pds: TraceEntry = { service: 'pds', interaction: 'PDS FHIR read patient', status: 200, ms: 52.4, cache: 'miss' };
const sdsE: TraceEntry = { service: 'sds', interaction: 'SDS Endpoint search', status: 200, ms: 31, cache: 'miss' };
const sdsD: TraceEntry = { service: 'sds', interaction: 'SDS Device search', status: 200, ms: 33, cache: 'miss' };
const ssp: TraceEntry = { service: 'ssp', interaction: 'getcarerecord SUM', status: 200, ms: 154.6 };

const kinds = (container: HTMLElement) => [...container.querySelectorAll('[data-kind]')].map((g) => g.getAttribute('data-kind'));

describe('flow diagram', () => {
  it('success: a request and a response arrow per call, the SSP call through to the GP system', () => {
    const { container } = render(<FlowDiagram steps={[{ label: 'Fetch Summary', trace: [pds, sdsE, sdsD, ssp] }]} />);
    expect(kinds(container)).toEqual(['request', 'response', 'request', 'response', 'request', 'response', 'request', 'request', 'response', 'response']);
    const svg = screen.getByTestId('flow-diagram');
    expect(svg).toHaveAttribute('aria-hidden', 'true');
    expect(svg).toHaveTextContent('200 · 155 ms');
    const rows = within(screen.getByTestId('flow-table')).getAllByRole('row');
    expect(rows).toHaveLength(5);
    expect(rows[4]).toHaveTextContent('SSPgetcarerecord SUMHTTP 200155 ms');
    expect(screen.getByText('How this was fetched: 4 Spine calls')).toBeInTheDocument();
  });

  it('cache hit: drawn on the consumer lifeline, dashed, no call to the service', () => {
    const { container } = render(<FlowDiagram steps={[{ label: 'Fetch Medications', trace: [{ ...pds, cache: 'hit', status: null, ms: 0 }, ssp] }]} />);
    expect(kinds(container)[0]).toBe('cache');
    expect(container.querySelector('[data-kind="cache"] path')).toHaveAttribute('stroke-dasharray', '4 3');
    expect(screen.getByTestId('flow-table')).toHaveTextContent('Cache hit (no call)');
    expect(screen.getByText(/How this was fetched: 1 Spine call, 1 answer from cache/)).toBeInTheDocument();
  });

  it('failure: the failing arrow is red, stops at the SSP, and the table row says so', () => {
    const refused: TraceEntry = { service: 'ssp', interaction: 'getcarerecord SUM', status: 403, ms: 12 };
    const timedOut: TraceEntry = { service: 'pds', interaction: 'PDS FHIR read patient', status: null, ms: 10000, error: 'timeout' };
    const { container } = render(<FlowDiagram steps={[{ label: 'Fetch Summary', trace: [timedOut, refused] }]} />);
    expect(kinds(container)).toEqual(['request', 'failed', 'request', 'failed']);
    expect(container.querySelector('[data-kind="failed"] text')).toHaveTextContent('timeout · 10000 ms');
    expect(screen.getByTestId('flow-table')).toHaveTextContent('Failed: timeout');
    expect(container.querySelectorAll('.flow-table__row--failed')).toHaveLength(2);
  });

  it('on the record page, after the record: every service the view used', async () => {
    renderAt('/patients/9658218873/record/SUM');
    await screen.findByTestId('provider-html');
    const table = await screen.findByTestId('flow-table');
    for (const service of ['PDS', 'SDS', 'SSP']) expect(table).toHaveTextContent(service);
  });
});

describe('flow panel on the patient page', () => {
  it('opening a patient whose practice has no Structured record opens their Summary: the flow shows the PDS trace, the SDS lookup and the Summary call', async () => {
    renderAt('/patients/9658218997');
    await screen.findByTestId('provider-html');
    const table = await screen.findByTestId('flow-table');
    expect(table).toHaveTextContent('PDS FHIR read patient');
    expect(table).toHaveTextContent('SDS Endpoint search');
    expect(table).toHaveTextContent('getcarerecord SUM');
  });

  it('detail on demand on the simulated Spine: request line, Ssp-* headers and JWT claims, from the row or the arrow', async () => {
    const detailed: TraceEntry = {
      ...ssp,
      traceId: '6e2b3d2c-9a51-4c8e-9a59-0e0b8b1f1f1f',
      request: {
        method: 'POST',
        url: 'https://ssp.simulated-spine.test/https://gp-system-a.simulated-spine.test/A20047/DSTU2/0/gpconnect/Patient/$gpc.getcarerecord',
        headers: { 'ssp-traceid': '6e2b3d2c-9a51-4c8e-9a59-0e0b8b1f1f1f', 'ssp-from': '200000000359', 'ssp-to': '918999198993' },
        jwtClaims: { reason_for_request: 'directcare', requested_scope: 'patient/*.read' },
      },
    };
    const { container } = render(<FlowDiagram steps={[{ label: 'Fetch Summary', trace: [pds, detailed] }]} />);
    await userEvent.click(screen.getByText(/How this was fetched/));
    await userEvent.click(screen.getByRole('button', { name: 'Details of getcarerecord SUM' }));
    const detail = screen.getByTestId('flow-detail');
    expect(within(detail).getByTestId('flow-detail-request')).toHaveTextContent('POST https://ssp.simulated-spine.test/https://gp-system-a');
    expect(detail).toHaveTextContent('ssp-from200000000359');
    expect(within(detail).getByTestId('flow-detail-claims')).toHaveTextContent('"reason_for_request": "directcare"');
    expect(within(detail).getByTestId('flow-detail-trace-id')).toHaveTextContent('6e2b3d2c-9a51-4c8e-9a59-0e0b8b1f1f1f');
    expect(screen.getByRole('button', { name: 'Details of getcarerecord SUM' })).toHaveAttribute('aria-expanded', 'true');
    // Clicking the PDS request arrow shows that call instead.
    fireEvent.click(container.querySelectorAll('[data-kind="request"]')[0]);
    expect(screen.getByTestId('flow-detail')).toHaveTextContent('Fetch Summary: PDS FHIR read patient');
  });

  it('detail on the real Spine: interaction, status, timing and trace id only', async () => {
    render(<FlowDiagram steps={[{ label: 'Fetch Summary', trace: [{ ...ssp, traceId: 'a1b2' }] }]} />);
    await userEvent.click(screen.getByText(/How this was fetched/));
    await userEvent.click(screen.getByRole('button', { name: 'Details of getcarerecord SUM' }));
    const detail = screen.getByTestId('flow-detail');
    expect(detail).toHaveTextContent('HTTP 200, 155 ms');
    expect(detail).toHaveTextContent('a1b2');
    expect(detail).toHaveTextContent('Request details are shown on the simulated Spine only.');
    expect(screen.queryByTestId('flow-detail-claims')).not.toBeInTheDocument();
  });
});
