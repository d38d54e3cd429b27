import { Link, NavLink } from 'react-router';
import { SECTION_CODES, SECTIONS } from '../../../../shared/sections';
import { useCan, useSession } from '../../../lib/session';

/**
 * The ten Access Record HTML sections in spec order (R19; GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section). A section the
 * user's role may not open (R27) is listed, not linked: the BFF would refuse it anyway.
 */
export function SectionNav({ nhsNumber, deceased }: { nhsNumber: string; deceased: boolean }) {
  const permissions = useSession().data?.permissions ?? [];
  const canRegister = useCan('patient:register');
  const allowed = SECTION_CODES.filter((code) => permissions.includes(`record:${code}`));
  return (
    // One grid column: the sections, then what else can be done for the patient.
    <div className="section-nav">
      <nav aria-label="Record sections">
        <h2 className="nhsuk-heading-s">Record sections</h2>
        {allowed.length === 0 && (
          <p className="nhsuk-body-s" data-testid="no-record-access">
            Your role does not allow opening GP record sections.
          </p>
        )}
        <ul className="nhsuk-list section-nav__list">
          {SECTION_CODES.map((code) => (
            <li key={code}>
              {allowed.includes(code) ? (
                <NavLink
                  to={`/patients/${nhsNumber}/record/${code}`}
                  className={({ isActive }) => `section-nav__link${isActive ? ' section-nav__link--active' : ''}`}
                >
                  {SECTIONS[code].title}
                </NavLink>
              ) : (
                <span className="section-nav__unavailable">
                  {SECTIONS[code].title}
                  <span className="nhsuk-u-visually-hidden"> (not available to your role)</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {!deceased && canRegister && (
        <p className="nhsuk-body-s">
          <Link to={`/patients/${nhsNumber}/register`}>Register this patient temporarily at another practice</Link>
        </p>
      )}
    </div>
  );
}
