import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatNhsNumber } from '../../../../shared/nhsNumber';
import { healthQuery } from '../../../components/Layout';
import { catalogueQuery, controlQuery, saveControl, simulatedSpineKeys, type Control, type Fault } from '../api/simulatedSpineQueries';

const SERVICE_LABEL: Record<string, string> = { pds: 'PDS', sds: 'SDS', ssp: 'Spine proxy (SSP)', gp: 'Every GP system' };

const FAULT_LABEL: Record<Fault, string> = {
  none: 'Working',
  timeout: 'Never answers (timeout)',
  'error-5xx': 'Server error (5xx)',
  malformed: 'Malformed body',
  reset: 'Connection reset',
  slow: 'Very slow',
};

/** Mock mode only: which test patient shows what, and the simulated Spine's latency and faults. */
export function SimulatedSpinePage() {
  const health = useQuery(healthQuery);
  if (health.data && health.data.mode !== 'mock') {
    return (
      <>
        <h1>Simulated Spine</h1>
        <p>This viewer is connected to the live Spine. Test patients and fault injection exist only on the simulated Spine.</p>
      </>
    );
  }
  return (
    <>
      <h1>Simulated Spine</h1>
      <p>Nothing here is real patient data. Every NHS number below belongs to a fictional patient of the simulated Spine.</p>
      <TestPatients />
      <SpineControls />
    </>
  );
}

function TestPatients() {
  const catalogue = useQuery(catalogueQuery);
  return (
    <section aria-labelledby="test-patients">
      <h2 id="test-patients">Test patients</h2>
      {catalogue.isPending && <p>Loading…</p>}
      {catalogue.isError && <p className="nhsuk-error-message">Could not load the test patients: {catalogue.error.message}</p>}
      {catalogue.data && (
        <table className="nhsuk-table" data-testid="test-patients">
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">NHS number</th>
              <th scope="col">Patient</th>
              <th scope="col">Practice</th>
              <th scope="col">What you see</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {catalogue.data.map((p) => (
              <tr key={p.nhsNumber}>
                <td className="nowrap">
                  <Link to={`/patients/${p.nhsNumber}`}>{formatNhsNumber(p.nhsNumber)}</Link>
                </td>
                <td>{p.name ?? 'Not on PDS'}</td>
                <td>{p.practice ? `${p.practice.name} (${p.practice.odsCode})` : '—'}</td>
                <td>{p.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SpineControls() {
  const control = useQuery(controlQuery);
  return (
    <section aria-labelledby="spine-controls">
      <h2 id="spine-controls">Latency and faults</h2>
      {control.isError && <p className="nhsuk-error-message">Could not load the simulated Spine's settings: {control.error.message}</p>}
      {control.data && <ControlsForm control={control.data} />}
    </section>
  );
}

function ControlsForm({ control }: { control: Control }) {
  const queryClient = useQueryClient();
  const [latency, setLatency] = useState<Record<string, string>>(() =>
    Object.fromEntries(control.services.map((s) => [s, String(control.latencyMs[s] ?? '')])),
  );
  const [faults, setFaults] = useState<Record<string, Fault>>(() => Object.fromEntries(control.services.map((s) => [s, control.faults[s] ?? 'none'])));
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: saveControl,
    onSuccess: (data) => queryClient.setQueryData(simulatedSpineKeys.control, data),
  });

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const latencyMs: Record<string, number> = {};
    for (const [service, value] of Object.entries(latency)) {
      if (value.trim() === '') continue;
      const ms = Number(value);
      if (!Number.isInteger(ms) || ms < 0 || ms > 120_000) {
        setError(`Latency for ${service} must be a whole number of milliseconds between 0 and 120000`);
        return;
      }
      latencyMs[service] = ms;
    }
    setError(null);
    const chosen = Object.fromEntries(Object.entries(faults).filter(([, f]) => f !== 'none'));
    save.mutate({ latencyMs, faults: chosen, sspGatewayTimeoutMs: control.sspGatewayTimeoutMs });
  }

  return (
    <form onSubmit={onSubmit} noValidate data-testid="spine-controls">
      {(error || save.isError) && (
        <div className="nhsuk-error-summary" role="alert">
          <h3 className="nhsuk-error-summary__title">There is a problem</h3>
          <div className="nhsuk-error-summary__body">
            <p>{error ?? save.error?.message}</p>
          </div>
        </div>
      )}
      <table className="nhsuk-table">
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Latency (ms)</th>
            <th scope="col">Behaviour</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {control.services.map((service) => {
            const label = SERVICE_LABEL[service] ?? `GP system of ${service.slice(3)}`;
            return (
              <tr key={service}>
                <th scope="row">{label}</th>
                <td>
                  <input
                    className="nhsuk-input nhsuk-input--width-5"
                    aria-label={`Latency of ${label} in milliseconds`}
                    inputMode="numeric"
                    value={latency[service]}
                    placeholder={service.startsWith('gp:') ? 'as GP' : '0'}
                    onChange={(e) => setLatency({ ...latency, [service]: e.target.value })}
                  />
                </td>
                <td>
                  <select
                    className="nhsuk-select"
                    aria-label={`Behaviour of ${label}`}
                    value={faults[service]}
                    onChange={(e) => setFaults({ ...faults, [service]: e.target.value as Fault })}
                  >
                    {control.faultKinds.map((f) => (
                      <option key={f} value={f}>
                        {FAULT_LABEL[f]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button className="nhsuk-button" type="submit" disabled={save.isPending}>
        Apply to the simulated Spine
      </button>
      {save.isSuccess && (
        <p className="nhsuk-body-s" role="status">
          Applied. New requests use these settings.
        </p>
      )}
    </form>
  );
}
