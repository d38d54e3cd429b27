import { useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { checkNhsNumber, formatNhsNumber } from '../../../../shared/nhsNumber';
import type { Patient } from '../../../../shared/api';
import { ProblemView } from '../../../components/ProblemView';
import { StepProgress } from '../../../components/StepProgress';
import { invalidInputProblem, problemOf } from '../../../lib/api';
import { gpConnectQuery, gpPatientQuery, patientKeys, patientQuery, retracePatient } from '../api/patientQueries';
import { PatientBanner } from '../components/PatientBanner';
import { SectionNav } from '../components/SectionNav';
import { PracticeCheck } from '../components/PracticeCheck';
import { WarningCallout } from '../../../components/WarningCallout';

export interface PatientOutletContext {
  patient: Patient;
  setPracticeName: (name: string | undefined) => void;
  /** The identity check the user confirmed for this patient (R7), kept in memory for this page only. */
  identityConfirmation: string | undefined;
  confirmIdentity: (fingerprint: string) => void;
}

/** Patient banner, safety notices and section navigation around every view of one patient. */
export function PatientPage() {
  const { nhsNumber = '' } = useParams();
  const check = checkNhsNumber(nhsNumber);
  if (!check.valid) {
    return (
      <ProblemView problem={invalidInputProblem('INVALID_NHS_NUMBER', 'The NHS number is not valid', check.reason, 'Check the NHS number and search again.')} />
    );
  }
  return <ValidPatientPage nhsNumber={check.value} />;
}

function ValidPatientPage({ nhsNumber }: { nhsNumber: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const [practiceName, setPracticeName] = useState<string | undefined>();
  const [confirmations, setConfirmations] = useState<Record<string, string>>({});
  const queryClient = useQueryClient();
  const patient = useQuery(patientQuery(nhsNumber));
  const retrace = useMutation({
    mutationFn: () => retracePatient(nhsNumber),
    onSuccess: (fresh) => {
      queryClient.setQueryData(patientKeys.detail(nhsNumber), fresh);
      // Everything that depended on the old trace is asked again.
      void queryClient.invalidateQueries({ queryKey: patientKeys.detail(nhsNumber), predicate: (q) => q.queryKey.length > 2 });
    },
  });
  const blocked = patient.data ? patient.data.gates.some((g) => g.blocks) : true;
  const gpConnect = useQuery({ ...gpConnectQuery(nhsNumber), enabled: patient.isSuccess && !blocked });
  // The practice check's answer (the same query, no second call) names the practice before any section is opened.
  const deceased = patient.data?.gates.some((g) => g.code === 'DECEASED') ?? false;
  const atPractice = useQuery({ ...gpPatientQuery(nhsNumber), enabled: patient.isSuccess && !blocked && !deceased });

  const newNumber = patient.data?.supersededNhsNumber ? patient.data.nhsNumber : undefined;
  useEffect(() => {
    // R3: the newer number is used, and the user is told (the notice follows the new URL).
    if (newNumber) {
      const rest = location.pathname.replace(`/patients/${nhsNumber}`, `/patients/${newNumber}`);
      const params = new URLSearchParams(location.search);
      params.set('replaced', nhsNumber);
      navigate(`${rest}?${params}`, { replace: true });
    }
  }, [newNumber, nhsNumber, location.pathname, location.search, navigate]);

  const replaced = searchParams.get('replaced');

  if (patient.isPending) {
    return (
      <StepProgress
        steps={[
          { label: 'Tracing the patient on PDS', state: 'running' },
          { label: "Finding the practice's GP system on SDS", state: 'waiting' },
          { label: 'Fetching the record from the GP system', state: 'waiting' },
        ]}
      />
    );
  }
  if (patient.isError) return <ProblemView problem={problemOf(patient.error)} />;
  const data = patient.data;

  return (
    // R20, R25: a real table only so that the browser repeats its head, the patient banner, on
    // every printed page; on screen it lays out as plain blocks (styles.css, .print-frame).
    <table className="patient-page print-frame" role="presentation">
      <thead>
        <tr>
          <td>
            <PatientBanner patient={data} practiceName={practiceName ?? atPractice.data?.patient?.organisation?.name} />
          </td>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>
            {replaced && checkNhsNumber(replaced).valid && (
              <WarningCallout title="NHS number changed" testId="superseded-notice">
                <p>
                  NHS number {formatNhsNumber(replaced)} has been replaced on PDS by {formatNhsNumber(data.nhsNumber)}. The record shown is for the new number.
                </p>
              </WarningCallout>
            )}
            <p className="nhsuk-body-s trace-line">
              <span>
                Traced on PDS at <time dateTime={data.tracedAt}>{new Date(data.tracedAt).toLocaleTimeString('en-GB')}</time>.
              </span>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small trace-line__button"
                onClick={() => retrace.mutate()}
                disabled={retrace.isPending}
              >
                {retrace.isPending ? 'Tracing…' : 'Trace again'}
              </button>
            </p>
            {retrace.isError && <ProblemView problem={problemOf(retrace.error)} />}
            {data.restricted && (
              <WarningCallout title="Restricted record" testId="restricted-notice">
                <p>This patient's record is restricted on PDS. Their details and GP record are not shown here.</p>
                <p>Follow your organisation's process for patients with restricted (sensitive) records.</p>
              </WarningCallout>
            )}
            {!data.restricted &&
              data.gates.map((gate) => (
                <WarningCallout
                  key={gate.code}
                  title={gate.blocks ? 'GP record not available' : 'Please note'}
                  className={gate.blocks ? 'gate gate--blocks' : 'gate'}
                  testId={`gate-${gate.code}`}
                >
                  <p>{gate.message}</p>
                </WarningCallout>
              ))}
            {!blocked && gpConnect.isError && <ProblemView problem={problemOf(gpConnect.error)} />}
            {!blocked && !gpConnect.isError && <PracticeCheck patient={data} />}
            {!blocked && !gpConnect.isError && (
              <div className="patient-page__body">
                <SectionNav nhsNumber={data.nhsNumber} deceased={deceased} />
                <div className="patient-page__content">
                  <Outlet
                    context={
                      {
                        patient: data,
                        setPracticeName,
                        identityConfirmation: confirmations[data.nhsNumber],
                        confirmIdentity: (fingerprint) => setConfirmations((c) => ({ ...c, [data.nhsNumber]: fingerprint })),
                      } satisfies PatientOutletContext
                    }
                  />
                </div>
              </div>
            )}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
