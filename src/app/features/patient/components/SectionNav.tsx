import { Link, NavLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { SECTION_CODES, SECTIONS } from '../../../../shared/sections';
import { OVERVIEW_AREAS, STRUCTURED_AREA_CODES, STRUCTURED_AREA_SECTION, STRUCTURED_AREA_TITLES } from '../../../../shared/structuredRecord';
import { useCan, useSession } from '../../../lib/session';
import { gpConnectQuery } from '../api/patientQueries';

function NavList({ items, allowed }: { items: { key: string; to: string; title: string }[]; allowed: (key: string) => boolean }) {
  return (
    <ul className="nhsuk-list section-nav__list">
      {items.map((item) => (
        <li key={item.key}>
          {allowed(item.key) ? (
            <NavLink end to={item.to} className={({ isActive }) => `section-nav__link${isActive ? ' section-nav__link--active' : ''}`}>
              {item.title}
            </NavLink>
          ) : (
            <span className="section-nav__unavailable">
              {item.title}
              <span className="nhsuk-u-visually-hidden"> (not available to your role)</span>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The record's ways in (R31): the structured record's areas where the practice offers it, and the
 * ten Access Record HTML sections in spec order where it offers those (R19; GP Connect 0.7.4:
 * accessrecord_use_case_retrieve_a_care_record_section). What the user's role may not open (R27)
 * is listed, not linked: the BFF would refuse it anyway.
 */
export function SectionNav({ nhsNumber, deceased }: { nhsNumber: string; deceased: boolean }) {
  const permissions = useSession().data?.permissions ?? [];
  const canRegister = useCan('patient:register');
  const offers = useQuery(gpConnectQuery(nhsNumber)).data?.offers;
  const allowed = SECTION_CODES.filter((code) => permissions.includes(`record:${code}`));
  return (
    // One grid column: the sections, then what else can be done for the patient.
    <div className="section-nav">
      {allowed.length === 0 && (
        <p className="nhsuk-body-s" data-testid="no-record-access">
          Your role does not allow opening GP record sections.
        </p>
      )}
      {offers?.structured && (
        <nav aria-label="Structured record" data-testid="structured-nav">
          <h2 className="nhsuk-heading-s">Structured record</h2>
          <NavList
            items={[
              { key: 'overview', to: `/patients/${nhsNumber}/structured`, title: 'Overview' },
              ...STRUCTURED_AREA_CODES.map((area) => ({ key: area, to: `/patients/${nhsNumber}/structured/${area}`, title: STRUCTURED_AREA_TITLES[area] })),
            ]}
            allowed={(key) =>
              (key === 'overview' ? OVERVIEW_AREAS : STRUCTURED_AREA_CODES.filter((a) => a === key)).some((area) =>
                permissions.includes(`record:${STRUCTURED_AREA_SECTION[area]}`),
              )
            }
          />
        </nav>
      )}
      {offers?.html !== false && (
        <nav aria-label="Record sections">
          <h2 className="nhsuk-heading-s">{offers?.structured ? "The practice's pages (HTML)" : 'Record sections'}</h2>
          <NavList
            items={SECTION_CODES.map((code) => ({ key: code, to: `/patients/${nhsNumber}/record/${code}`, title: SECTIONS[code].title }))}
            allowed={(code) => allowed.includes(code as (typeof SECTION_CODES)[number])}
          />
        </nav>
      )}
      {!deceased && canRegister && (
        <p className="nhsuk-body-s">
          <Link to={`/patients/${nhsNumber}/register`}>Register this patient temporarily at another practice</Link>
        </p>
      )}
    </div>
  );
}
