import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Organisation } from '../../../../shared/api';
import { checkLogicalId, checkOdsCode } from '../../../../shared/identifiers';
import { FlowDiagram, type FlowStep } from '../../../components/FlowDiagram';
import { ProblemView } from '../../../components/ProblemView';
import { invalidInputProblem, problemOf } from '../../../lib/api';
import { capabilityQuery, organisationQuery } from '../api/organisationQueries';
import { CapabilitySummary } from '../components/CapabilitySummary';
import { Addresses, Telecoms, telecomLabel } from '../components/ContactDetails';
import { OpenLocationForm } from '../components/OpenLocationForm';
import { RetrievedAt } from '../../../components/RetrievedAt';

/** R16, R18: one organisation at an ODS code's GP system, with what that GP system supports and its locations. */
export function OrganisationPage() {
  const { odsCode = '', id = '' } = useParams();
  const ods = checkOdsCode(odsCode);
  const logicalId = checkLogicalId(id);
  if (!ods.valid || !logicalId.valid) {
    const problem = !ods.valid
      ? invalidInputProblem('INVALID_ODS_CODE', 'The ODS code is not valid', ods.reason, 'Check the ODS code and search again.')
      : invalidInputProblem(
          'INVALID_ID',
          'The organisation id is not valid',
          logicalId.valid ? '' : logicalId.reason,
          'Open the organisation from the organisation search.',
        );
    return (
      <>
        <h1>Organisation</h1>
        <ProblemView problem={problem} />
        <p>
          <Link to="/organisations">Search for an organisation</Link>
        </p>
      </>
    );
  }
  return <ValidOrganisationPage odsCode={ods.value} id={logicalId.value} />;
}

function ValidOrganisationPage({ odsCode, id }: { odsCode: string; id: string }) {
  const organisation = useQuery(organisationQuery(odsCode, id));
  // Independent of the organisation read: both go out at once.
  const capability = useQuery(capabilityQuery(odsCode));

  const steps: FlowStep[] = [];
  const orgTrace = organisation.data?.trace ?? (organisation.isError ? problemOf(organisation.error).trace : undefined);
  if (orgTrace) steps.push({ label: 'Find the organisation', trace: orgTrace });
  const capabilityTrace = capability.data?.trace ?? (capability.isError ? problemOf(capability.error).trace : undefined);
  if (capabilityTrace && !organisation.isError) steps.push({ label: 'Read the capability statement', trace: capabilityTrace });

  return (
    <>
      <Link className="nhsuk-back-link" to={`/organisations?odsCode=${odsCode}`}>
        Search for another organisation
      </Link>
      {organisation.isPending && (
        <p className="nhsuk-body" role="status" data-testid="loading">
          Reading organisation {id} from the GP system for {odsCode}…
        </p>
      )}
      {organisation.isError && (
        <>
          <h1>Organisation {id}</h1>
          <ProblemView problem={problemOf(organisation.error)} />
          <p>
            <Link to={`/organisations/${odsCode}`}>Search the organisations with ODS code {odsCode}</Link>
          </p>
        </>
      )}
      {organisation.isSuccess && (
        <OrganisationDetails odsCode={odsCode} organisation={organisation.data.organisation} retrievedAt={organisation.data.retrievedAt} />
      )}
      {organisation.isSuccess && <CapabilitySummary odsCode={odsCode} capability={capability} />}
      {organisation.isSuccess && <Locations odsCode={odsCode} organisation={organisation.data.organisation} />}
      {organisation.isSuccess && (
        <section aria-labelledby="practitioners-heading">
          <h2 id="practitioners-heading">Practitioners</h2>
          <p>
            <Link to={`/practitioners?odsCode=${odsCode}`}>Find a practitioner at this practice by SDS user ID</Link>
          </p>
        </section>
      )}
      {!organisation.isPending && steps.length > 0 && <FlowDiagram steps={steps} />}
    </>
  );
}

function OrganisationDetails({ odsCode, organisation, retrievedAt }: { odsCode: string; organisation: Organisation; retrievedAt: string }) {
  return (
    <>
      <span className="nhsuk-caption-l">Organisation</span>
      <h1>{organisation.name ?? `Organisation ${organisation.id}`}</h1>
      <p className="nhsuk-body-s" data-testid="retrieved-line">
        Retrieved from the GP system at <RetrievedAt at={retrievedAt} />.
      </p>
      <dl className="nhsuk-summary-list" data-testid="organisation-details">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Name</dt>
          <dd className="nhsuk-summary-list__value">{organisation.name ?? 'Not recorded'}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">ODS code</dt>
          <dd className="nhsuk-summary-list__value" data-testid="organisation-ods-code">
            {organisation.odsCode ?? odsCode}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Id at the GP system</dt>
          <dd className="nhsuk-summary-list__value">{organisation.id}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Address</dt>
          <dd className="nhsuk-summary-list__value" data-testid="organisation-address">
            <Addresses addresses={organisation.address} />
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{telecomLabel(organisation.telecom)}</dt>
          <dd className="nhsuk-summary-list__value" data-testid="organisation-telecom">
            <Telecoms telecoms={organisation.telecom} />
          </dd>
        </div>
      </dl>
    </>
  );
}

function Locations({ odsCode, organisation }: { odsCode: string; organisation: Organisation }) {
  return (
    <section aria-labelledby="locations-heading" data-testid="locations">
      <h2 id="locations-heading">Locations</h2>
      {organisation.mainLocationId ? (
        <p>
          <Link to={`/organisations/${odsCode}/locations/${encodeURIComponent(organisation.mainLocationId)}`} data-testid="main-location">
            Main location (id {organisation.mainLocationId})
          </Link>
        </p>
      ) : (
        <p>The GP system does not name a main location for this organisation.</p>
      )}
      <p>GP Connect cannot list or search an organisation's locations: other locations, such as branch surgeries, can only be opened by their id.</p>
      <OpenLocationForm odsCode={odsCode} />
    </section>
  );
}
