import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { renderAt } from './render';
import { server } from './setup';

describe('support view', () => {
  it("lists the session's requests with their trace ids and outcomes", async () => {
    server.use(
      http.get('*/api/support/requests', () =>
        HttpResponse.json({
          limit: 50,
          requests: [
            {
              time: '2026-11-22T10:15:02.000Z',
              action: 'GET /api/patients/{nhsNumber}/record/SUM',
              nhsNumber: '9658220169',
              status: 403,
              code: 'GP_NO_PATIENT_CONSENT',
              traceId: 'bff-1',
              sspTraceIds: ['ssp-1'],
              spineCalls: 1,
              cacheHits: 3,
              totalMs: 412,
            },
            {
              time: '2026-11-22T10:14:58.000Z',
              action: 'GET /api/organisations',
              status: 200,
              traceId: 'bff-0',
              sspTraceIds: [],
              spineCalls: 3,
              cacheHits: 0,
              totalMs: 90,
            },
          ],
        }),
      ),
    );
    renderAt('/support');
    const rows = within(await screen.findByTestId('support-table')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('GET /api/patients/{nhsNumber}/record/SUM');
    expect(rows[1]).toHaveTextContent('965 822 0169');
    expect(rows[1]).toHaveTextContent('403 GP_NO_PATIENT_CONSENT');
    expect(rows[1]).toHaveTextContent('Ssp-TraceID: ssp-1');
    expect(rows[1]).toHaveTextContent('1 (+3 from cache)');
    expect(rows[2]).toHaveTextContent('—');
  });

  it('says when there is nothing yet, and is reachable from every page', async () => {
    renderAt('/');
    await screen.findByLabelText('NHS number');
    expect(screen.getByRole('link', { name: /Support: your recent requests/ })).toHaveAttribute('href', '/support');
    renderAt('/support');
    expect(await screen.findByTestId('support-empty')).toHaveTextContent('No requests yet in this session.');
  });
});
