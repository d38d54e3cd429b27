import { NavLink } from 'react-router';
import { SECTION_CODES, SECTIONS } from '../../../../shared/sections';

/** The ten Access Record HTML sections in spec order (R19; spec/gpconnect.md §4.2). */
export function SectionNav({ nhsNumber }: { nhsNumber: string }) {
  return (
    <nav className="section-nav" aria-label="Record sections">
      <h2 className="nhsuk-heading-s">Record sections</h2>
      <ul className="nhsuk-list section-nav__list">
        {SECTION_CODES.map((code) => (
          <li key={code}>
            <NavLink to={`/patients/${nhsNumber}/record/${code}`} className={({ isActive }) => `section-nav__link${isActive ? ' section-nav__link--active' : ''}`}>
              {SECTIONS[code].title}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
