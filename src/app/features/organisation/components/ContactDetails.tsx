import type { Organisation } from '../../../../shared/api';

type Address = Organisation['address'][number];
type Telecom = Organisation['telecom'][number];

const SYSTEM_NAMES: Record<string, string> = { phone: 'Telephone', fax: 'Fax', email: 'Email', url: 'Website', sms: 'SMS', pager: 'Pager' };

/** Each address as its lines, city and postcode, one per line; "Not recorded" when there is none. */
export function Addresses({ addresses }: { addresses: Address[] }) {
  if (addresses.length === 0) return <>Not recorded</>;
  return (
    <>
      {addresses.map((address, i) => (
        <p key={i} className="nhsuk-body nhsuk-u-margin-bottom-2" data-testid="address">
          {[...address.lines, address.city, address.postalCode]
            .filter((part): part is string => Boolean(part))
            .map((part, j) => (
              <span key={j}>
                {j > 0 && <br />}
                {part}
              </span>
            ))}
        </p>
      ))}
    </>
  );
}

/** Telephone numbers and other contact points as the GP system gives them. */
export function Telecoms({ telecoms }: { telecoms: Telecom[] }) {
  if (telecoms.length === 0) return <>Not recorded</>;
  return (
    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
      {telecoms.map((t, i) => (
        <li key={i} data-testid="telecom">
          {t.system === 'phone' ? '' : `${SYSTEM_NAMES[t.system] ?? t.system}: `}
          {t.value}
          {t.use ? ` (${t.use})` : ''}
        </li>
      ))}
    </ul>
  );
}

/** Label for the summary-list row: "Telephone" when every entry is a phone number, else "Contact". */
export function telecomLabel(telecoms: Telecom[]): string {
  return telecoms.every((t) => t.system === 'phone') ? 'Telephone' : 'Contact';
}
