import type { Coded } from '../../../../../shared/structuredRecord';
import { formatClinicalDate } from '../../../../../shared/dates';

/** A date as a clinician reads it (16-Sep-2026, or Sep-2026 for a partial date), or that none was recorded. */
export function ClinicalDate({ value }: { value: string | undefined }) {
  return value ? <time dateTime={value}>{formatClinicalDate(value)}</time> : <span className="nhsuk-u-secondary-text-color">Not recorded</span>;
}

const SYSTEMS: Record<string, string> = {
  'http://snomed.info/sct': 'SNOMED CT',
  'http://read.info/readv2': 'Read v2',
  'http://read.info/ctv3': 'CTV3',
  'https://fhir.hl7.org.uk/Id/emis-drug-codes': 'EMIS drug',
  'https://fhir.hl7.org.uk/Id/multilex-drug-codes': 'Multilex',
  'https://dmd.nhs.uk': 'dm+d',
};

/**
 * A coded term: the provider's text first (CodeableConcept.text), every coding it sent on demand
 * (GP Connect 1.6.2: accessrecord_structured_development_medication_guidance), and a
 * transfer-degraded code (GP2GP could not code the original) said beside it (R28).
 */
export function Term({ coded }: { coded: Coded }) {
  const codes = coded.codings.filter((c) => c.code);
  return (
    <>
      {coded.text}
      {coded.degraded && (
        <>
          {' '}
          <strong className="nhsuk-tag nhsuk-tag--grey" data-testid="degraded">
            Degraded code
          </strong>
        </>
      )}
      {codes.length > 0 && (
        <details className="term-codes" data-testid="term-codes">
          <summary>
            Codes<span className="nhsuk-u-visually-hidden"> for {coded.text}</span>
          </summary>
          <ul className="nhsuk-list nhsuk-body-s">
            {codes.map((c, i) => (
              <li key={i}>
                {(c.system && SYSTEMS[c.system]) ?? c.system ?? 'Code'} {c.code}
                {c.display && c.display !== coded.text ? `: ${c.display}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** When it began; where the practice recorded no onset, the date it was recorded, said as such. */
export function Onset({ onset, recorded }: { onset?: string; recorded?: string }) {
  if (onset || !recorded) return <ClinicalDate value={onset} />;
  return (
    <>
      <span className="nhsuk-u-secondary-text-color">Recorded </span>
      <ClinicalDate value={recorded} />
    </>
  );
}

/** Free-text notes, one per line. */
export function Notes({ notes }: { notes: string[] }) {
  return notes.length ? (
    <>
      {notes.map((n, i) => (
        <p key={i} className="nhsuk-body-s clinical-table__note">
          {n}
        </p>
      ))}
    </>
  ) : null;
}

export const termText = (coded: Coded) => `${coded.text}${coded.degraded ? ' degraded' : ''}`;
