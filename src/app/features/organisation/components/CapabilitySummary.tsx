import type { UseQueryResult } from '@tanstack/react-query';
import type { Capability } from '../../../../shared/api';
import { ProblemView } from '../../../components/ProblemView';
import { problemOf } from '../../../lib/api';
import { formatClinicalDate } from '../../../../shared/dates';

function retrieved(capability: Capability): string {
  const at = new Date(capability.retrievedAt);
  const time = at.toLocaleTimeString('en-GB');
  // The one date format of the viewer (dd-Mmm-yyyy, as GP Connect writes them).
  const date = formatClinicalDate(capability.retrievedAt.slice(0, 10));
  const cached = capability.trace.some((t) => t.interaction === 'read metadata' && t.cache === 'hit');
  return `${time} on ${date}${cached ? ', kept by this viewer since then' : ''}`;
}

/**
 * R18: what the practice's GP system says it supports, from its CapabilityStatement. A failure
 * here is shown in this section only: the organisation's details stay on the page.
 */
export function CapabilitySummary({ odsCode, capability }: { odsCode: string; capability: UseQueryResult<Capability> }) {
  return (
    <section aria-labelledby="capability-heading" data-testid="capability">
      <h2 id="capability-heading">GP Connect capability</h2>
      {capability.isPending && (
        <p className="nhsuk-body" role="status">
          Reading the capability statement of the GP system for {odsCode}…
        </p>
      )}
      {capability.isError && <ProblemView problem={problemOf(capability.error)} headingLevel={3} />}
      {capability.isSuccess && <CapabilityDetails capability={capability.data} />}
    </section>
  );
}

function CapabilityDetails({ capability }: { capability: Capability }) {
  const rows: [string, string][] = [
    ['GP Connect version', capability.gpConnectVersion],
    ['FHIR version', capability.fhirVersion ?? 'Not stated'],
    ['Supplier', capability.supplier ?? 'Not stated'],
    ['Software', capability.software ?? 'Not stated'],
    ['Operations', capability.operations.length > 0 ? capability.operations.join(', ') : 'None'],
    ['Retrieved at', retrieved(capability)],
  ];
  return (
    <>
      <dl className="nhsuk-summary-list">
        {rows.map(([key, value]) => (
          <div className="nhsuk-summary-list__row" key={key}>
            <dt className="nhsuk-summary-list__key">{key}</dt>
            <dd className="nhsuk-summary-list__value" data-testid={`capability-${key.toLowerCase().replace(/\s+/g, '-')}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <table className="nhsuk-table" data-testid="capability-resources">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">Resources the GP system supports</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Resource
            </th>
            <th scope="col" className="nhsuk-table__header">
              Interactions
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {capability.resources.length === 0 && (
            <tr className="nhsuk-table__row">
              <td className="nhsuk-table__cell" colSpan={2}>
                None listed
              </td>
            </tr>
          )}
          {capability.resources.map((r) => (
            <tr className="nhsuk-table__row" key={r.type}>
              <td className="nhsuk-table__cell">{r.type}</td>
              <td className="nhsuk-table__cell">{r.interactions.length > 0 ? r.interactions.join(', ') : 'None'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
