import { useQuery } from '@tanstack/react-query';
import { formatNhsNumber } from '../../../../shared/nhsNumber';
import { ProblemView } from '../../../components/ProblemView';
import { problemOf } from '../../../lib/api';
import { supportRequestsQuery } from '../api/supportQueries';

/**
 * Support view: this session's last requests (time, action, outcome, Ssp-TraceID, cache hits,
 * total time), so a support call can quote a trace id. Kept by the BFF in memory, per session.
 */
export function SupportPage() {
  const log = useQuery(supportRequestsQuery());
  return (
    <>
      <h1>Your recent requests</h1>
      <p>
        The last {log.data?.limit ?? 50} requests this browser session made to the viewer's server, newest first. If you contact support, quote the trace ID of
        the request that went wrong. Nothing here is kept after the server restarts.
      </p>
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void log.refetch()} disabled={log.isFetching}>
        {log.isFetching ? 'Refreshing…' : 'Refresh'}
      </button>
      {log.isPending && (
        <p role="status" className="nhsuk-body">
          Loading your recent requests…
        </p>
      )}
      {log.isError && <ProblemView problem={problemOf(log.error)} />}
      {log.isSuccess && log.data.requests.length === 0 && <p data-testid="support-empty">No requests yet in this session.</p>}
      {log.isSuccess && log.data.requests.length > 0 && (
        <div className="support-table">
          <table className="nhsuk-table" data-testid="support-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Recent requests, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Action</th>
                <th scope="col">NHS number</th>
                <th scope="col">Outcome</th>
                <th scope="col">Trace IDs</th>
                <th scope="col">Spine calls</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {log.data.requests.map((r) => (
                <tr key={r.traceId}>
                  <td>
                    <time dateTime={r.time}>{new Date(r.time).toLocaleTimeString('en-GB')}</time>
                  </td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.nhsNumber ? formatNhsNumber(r.nhsNumber) : '—'}</td>
                  <td>
                    {r.status}
                    {r.code ? ` ${r.code}` : ''}
                  </td>
                  <td className="support-table__ids">
                    <span>Viewer: {r.traceId}</span>
                    {r.sspTraceIds.map((id) => (
                      <span key={id}>Ssp-TraceID: {id}</span>
                    ))}
                  </td>
                  <td>
                    {r.spineCalls}
                    {r.cacheHits > 0 ? ` (+${r.cacheHits} from cache)` : ''}
                  </td>
                  <td>{r.totalMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
