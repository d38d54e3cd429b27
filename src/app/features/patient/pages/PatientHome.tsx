import { useOutletContext } from 'react-router';
import type { PatientOutletContext } from './PatientPage';

export function PatientHome() {
  const { patient } = useOutletContext<PatientOutletContext>();
  return (
    <div data-testid="patient-home">
      <h2>Choose a record section</h2>
      <p>
        Each section is fetched live from the GP system of practice {patient.practice?.odsCode} when you open it. Start with the Summary for an overview.
      </p>
    </div>
  );
}
