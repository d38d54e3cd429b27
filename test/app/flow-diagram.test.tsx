import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
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
  it('shows the PDS trace and the SDS lookup before any section is opened', async () => {
    renderAt('/patients/9658218873');
    const table = await screen.findByTestId('flow-table');
    expect(table).toHaveTextContent('PDS FHIR read patient');
    expect(table).toHaveTextContent('SDS Endpoint search');
    expect(table).not.toHaveTextContent('getcarerecord');
  });
});
