import type { Patient } from '../../../../shared/api';
import { formatNhsNumber } from '../../../../shared/nhsNumber';
import { formatClinicalDate } from '../../../../shared/dates';
import { GENDER_LABELS } from '../../../components/GenderSelect';

/**
 * The patient banner from the PDS trace; it stands above every piece of provider HTML (R20).
 * A restricted patient shows only the NHS number (R4).
 */
export function PatientBanner({ patient, practiceName }: { patient: Patient; practiceName?: string }) {
  const name = patient.name
    ? `${patient.name.family.toUpperCase()}, ${patient.name.given.join(' ')}${patient.name.prefix ? ` (${patient.name.prefix})` : ''}`
    : undefined;
  return (
    <section className="patient-banner" aria-label="Patient details" data-testid="patient-banner">
      <h1 className="patient-banner__name">{patient.restricted ? 'Restricted record' : name}</h1>
      <dl className="patient-banner__facts">
        <div>
          <dt>NHS number</dt>
          <dd data-testid="banner-nhs-number">{formatNhsNumber(patient.nhsNumber)}</dd>
        </div>
        {!patient.restricted && (
          <>
            <div>
              <dt>Born</dt>
              <dd>{patient.birthDate ? formatClinicalDate(patient.birthDate) : 'Not given'}</dd>
            </div>
            <div>
              <dt>Gender</dt>
              <dd>{patient.gender ? GENDER_LABELS[patient.gender] : 'Not given'}</dd>
            </div>
            <div>
              <dt>NHS number status</dt>
              <dd data-testid="banner-verification">
                {patient.verification
                  ? `${patient.verification.verified ? 'Verified' : 'Not verified'} (${patient.verification.code} ${patient.verification.display})`
                  : 'Not given by PDS'}
              </dd>
            </div>
            {patient.deceasedDate && (
              <div className="patient-banner__deceased">
                <dt>Died</dt>
                <dd data-testid="banner-deceased">{formatClinicalDate(patient.deceasedDate)}</dd>
              </div>
            )}
            {/* Last, on a line of its own: the practice's name arrives after the trace and must not move the other facts. */}
            <div className="patient-banner__practice">
              <dt>GP practice</dt>
              <dd data-testid="banner-practice">
                {patient.practice ? `${practiceName ? `${practiceName} ` : ''}(${patient.practice.odsCode})` : 'None on PDS'}
                {patient.practice?.registrationEnded && (
                  <strong className="patient-banner__ended" data-testid="banner-registration-ended">
                    {' '}
                    registration ended {formatClinicalDate(patient.practice.registrationEnded)}
                  </strong>
                )}
              </dd>
            </div>
          </>
        )}
      </dl>
    </section>
  );
}
