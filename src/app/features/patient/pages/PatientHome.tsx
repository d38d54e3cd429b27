import { Navigate, useLocation, useOutletContext } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { FlowDiagram } from '../../../components/FlowDiagram';
import { gpConnectQuery, gpPatientQuery } from '../api/patientQueries';
import type { PatientOutletContext } from './PatientPage';
import { useSession } from '../../../lib/session';
import { OVERVIEW_AREAS, STRUCTURED_AREA_SECTION } from '../../../../shared/structuredRecord';

/**
 * Which view (R31): where the practice offers the structured record, the patient opens on its
 * overview (allergies, current medications, active problems); otherwise on their Summary, where
 * the user's role allows it (issue 15: first clinical content at once).
 */
export function PatientHome() {
  const permissions = useSession().data?.permissions ?? [];
  const location = useLocation();
  const { patient } = useOutletContext<PatientOutletContext>();
  const gpConnect = useQuery(gpConnectQuery(patient.nhsNumber));
  const offers = gpConnect.data?.offers;
  if (gpConnect.isPending) return <p className="nhsuk-body-s">Finding which records the practice offers…</p>;
  const overview = OVERVIEW_AREAS.some((area) => permissions.includes(`record:${STRUCTURED_AREA_SECTION[area]}`));
  if (offers?.structured && overview) return <Navigate to={{ pathname: 'structured', search: location.search }} replace />;
  if (offers?.html && permissions.includes('record:SUM')) return <Navigate to={{ pathname: 'record/SUM', search: location.search }} replace />;
  return <ChooseSection canOpenSections={permissions.some((p) => p.startsWith('record:'))} />;
}

function ChooseSection({ canOpenSections }: { canOpenSections: boolean }) {
  const { patient } = useOutletContext<PatientOutletContext>();
  const gpConnect = useQuery(gpConnectQuery(patient.nhsNumber));
  const deceased = patient.gates.some((g) => g.code === 'DECEASED');
  // Shares the PracticeCheck's query: no second call.
  const atPractice = useQuery({ ...gpPatientQuery(patient.nhsNumber), enabled: !deceased });
  return (
    <div data-testid="patient-home">
      {canOpenSections ? (
        <>
          <h2>Choose a record section</h2>
          <p>
            Each section is fetched live from the GP system of practice {patient.practice?.odsCode} when you open it. Start with the Summary for an overview.
          </p>
        </>
      ) : (
        <p>The patient's details above are from PDS and their practice. Your role does not allow opening their GP record.</p>
      )}
      {gpConnect.isSuccess && (
        <FlowDiagram
          steps={[
            { label: 'Trace the patient', trace: patient.trace },
            { label: 'Find the GP system', trace: gpConnect.data.trace },
            ...(atPractice.data ? [{ label: 'Check the patient with the practice', trace: atPractice.data.trace }] : []),
          ]}
        />
      )}
    </div>
  );
}
