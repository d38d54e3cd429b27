import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { GpPatient, Patient } from '../../../../shared/api';
import { formatClinicalDate } from '../../../../shared/dates';
import { ProblemView } from '../../../components/ProblemView';
import { RetrievedAt } from '../../../components/RetrievedAt';
import { problemOf } from '../../../lib/api';
import { gpPatientQuery } from '../api/patientQueries';
import { DifferencesTable } from './DifferencesTable';
import { WarningCallout } from '../../../components/WarningCallout';

function Registration({ data }: { data: GpPatient }) {
  const registration = data.patient?.registration;
  const branch = registration?.preferredBranchSurgeryId;
  return (
    <dl className="nhsuk-summary-list practice-registration" data-testid="practice-registration">
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Registration</dt>
        <dd className="nhsuk-summary-list__value">
          {registration?.type ? `${registration.type.display ?? registration.type.code} (${registration.type.code})` : 'Type not given by the practice'}
          {registration?.period?.start && `, since ${formatClinicalDate(registration.period.start)}`}
          {registration?.period?.end && `, until ${formatClinicalDate(registration.period.end)}`}
        </dd>
      </div>
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Preferred branch surgery</dt>
        <dd className="nhsuk-summary-list__value">
          {branch ? (
            <Link to={`/organisations/${data.practiceOdsCode}/locations/${branch}`}>
              Location {branch} at {data.practiceOdsCode}
            </Link>
          ) : (
            'None recorded'
          )}
        </dd>
      </div>
    </dl>
  );
}

/**
 * The patient as their practice holds them (R13) and the demographic cross-check against PDS
 * (R7, docs/requirements.md R7): every difference listed field by field, above the record.
 */
export function PracticeCheck({ patient }: { patient: Patient }) {
  // Foundations is never asked about a deceased patient (R5): only the HTML record is shared.
  const deceased = patient.gates.some((g) => g.code === 'DECEASED');
  const query = useQuery({ ...gpPatientQuery(patient.nhsNumber), enabled: !deceased });
  if (deceased) {
    return (
      <p className="nhsuk-body-s" data-testid="practice-check-skipped">
        The practice is not asked for this patient's registration details because the patient has died; the details above are from PDS only.
      </p>
    );
  }
  if (query.isPending) {
    return (
      <section className="practice-check-section">
        <p className="nhsuk-body-s" role="status" data-testid="practice-check-pending">
          Checking the patient's details with their practice…
        </p>
        {/* The space the registration details will take, so the record below does not jump down when they arrive. */}
        <div className="reserved-space" aria-hidden="true">
          <h2 className="nhsuk-heading-s">Registration at the practice</h2>
          <p className="nhsuk-body-s">&nbsp;</p>
          <dl className="nhsuk-summary-list practice-registration">
            {['Registration', 'Preferred branch surgery'].map((key) => (
              <div className="nhsuk-summary-list__row" key={key}>
                <dt className="nhsuk-summary-list__key">{key}</dt>
                <dd className="nhsuk-summary-list__value">&nbsp;</dd>
              </div>
            ))}
          </dl>
        </div>
      </section>
    );
  }
  if (query.isError) {
    return (
      <WarningCallout className="practice-check" title="Details not checked with the practice" testId="practice-check-failed">
        <p>
          The patient's name, date of birth and gender could not be compared with the practice's record. Confirm the patient's identity another way before
          relying on the record.
        </p>
        <ProblemView problem={problemOf(query.error)} headingLevel={3} />
      </WarningCallout>
    );
  }
  const data = query.data;
  if (data.result === 'none') {
    return (
      <WarningCallout className="practice-check" title="No record found at this practice" testId="practice-check-none">
        <p>
          The GP system of practice {data.practiceOdsCode} returned no registration for this NHS number. This does not mean the patient does not exist: the
          practice may hold the record as sensitive or inactive, or the patient may have moved. The details above are from PDS only.
        </p>
        <p className="nhsuk-body-s">
          Asked at <RetrievedAt at={data.retrievedAt} />.
        </p>
      </WarningCallout>
    );
  }
  if (data.result === 'multiple') {
    return (
      <WarningCallout className="practice-check" title="More than one record at this practice" testId="practice-check-multiple">
        <p>
          The GP system of practice {data.practiceOdsCode} holds more than one record for this NHS number, so none is shown. Contact the practice to confirm the
          patient's record.
        </p>
        <p className="nhsuk-body-s">
          Asked at <RetrievedAt at={data.retrievedAt} />.
        </p>
      </WarningCallout>
    );
  }
  const differences = data.crossCheck?.differences ?? [];
  const unchecked = data.crossCheck?.unchecked ?? [];
  return (
    <section aria-labelledby="practice-check-title" className="practice-check-section">
      {differences.length > 0 ? (
        <WarningCallout className="practice-check" title="The practice's details differ from PDS" testId="practice-check-differences">
          <p>Check that this is the right patient before you use the record. Each difference:</p>
          <DifferencesTable differences={differences} />
        </WarningCallout>
      ) : (
        <p className="nhsuk-body-s" data-testid="practice-check-match">
          Name, date of birth, gender{unchecked.length === 0 ? ' and practice' : ''} match the practice's record.
        </p>
      )}
      {unchecked.map((u) => (
        <p className="nhsuk-body-s" key={u.field} data-testid={`unchecked-${u.field}`}>
          Not checked: {u.field === 'practice' ? 'the GP practice' : u.field}. {u.reason}.
        </p>
      ))}
      <h2 className="nhsuk-heading-s" id="practice-check-title">
        Registration at the practice
      </h2>
      <p className="nhsuk-body-s">
        From the practice's GP system, retrieved at <RetrievedAt at={data.retrievedAt} />.
      </p>
      <Registration data={data} />
    </section>
  );
}
