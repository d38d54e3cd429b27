import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Organisation } from '../../../../shared/api';
import type { FlowStep } from '../../../components/FlowDiagram';
import { checkPracticeAndId, InvalidAddressPage, QueryPage, traceOf } from '../../../components/QueryPage';
import { SummaryList } from '../../../components/SummaryList';
import { capabilityQuery, organisationQuery } from '../api/organisationQueries';
import { CapabilitySummary } from '../components/CapabilitySummary';
import { Addresses, Telecoms, telecomLabel } from '../components/ContactDetails';
import { OpenLocationForm } from '../components/OpenLocationForm';
import { RetrievedAt } from '../../../components/RetrievedAt';

/** R16, R18: one organisation at an ODS code's GP system, with what that GP system supports and its locations. */
export function OrganisationPage() {
  const { odsCode = '', id = '' } = useParams();
  const address = checkPracticeAndId(odsCode, id, {
    thing: 'organisation',
    odsAction: 'Check the ODS code and search again.',
    idAction: 'Open the organisation from the organisation search.',
  });
  if (!address.valid)
    return <InvalidAddressPage heading="Organisation" problem={address.problem} next={{ to: '/organisations', text: 'Search for an organisation' }} />;
  return <ValidOrganisationPage odsCode={address.odsCode} id={address.id} />;
}

function ValidOrganisationPage({ odsCode, id }: { odsCode: string; id: string }) {
  const organisation = useQuery(organisationQuery(odsCode, id));
  // Independent of the organisation read: both go out at once.
  const capability = useQuery(capabilityQuery(odsCode));

  const steps: FlowStep[] = [];
  const orgTrace = traceOf(organisation);
  if (orgTrace) steps.push({ label: 'Find the organisation', trace: orgTrace });
  const capabilityTrace = traceOf(capability);
  if (capabilityTrace && !organisation.isError) steps.push({ label: 'Read the capability statement', trace: capabilityTrace });

  return (
    <QueryPage
      back={{ to: `/organisations?odsCode=${odsCode}`, text: 'Search for another organisation' }}
      query={organisation}
      reading={`Reading organisation ${id} from the GP system for ${odsCode}…`}
      failedHeading={`Organisation ${id}`}
      afterProblem={
        <p>
          <Link to={`/organisations/${odsCode}`}>Search the organisations with ODS code {odsCode}</Link>
        </p>
      }
      steps={organisation.isPending ? [] : steps}
    >
      {(data) => (
        <>
          <OrganisationDetails odsCode={odsCode} organisation={data.organisation} retrievedAt={data.retrievedAt} />
          <CapabilitySummary odsCode={odsCode} capability={capability} />
          <Locations odsCode={odsCode} organisation={data.organisation} />
          <section aria-labelledby="practitioners-heading">
            <h2 id="practitioners-heading">Practitioners</h2>
            <p>
              <Link to={`/practitioners?odsCode=${odsCode}`}>Find a practitioner at this practice by SDS user ID</Link>
            </p>
          </section>
        </>
      )}
    </QueryPage>
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
      <SummaryList
        testId="organisation-details"
        rows={[
          { key: 'Name', value: organisation.name ?? 'Not recorded' },
          { key: 'ODS code', value: organisation.odsCode ?? odsCode, testId: 'organisation-ods-code' },
          { key: 'Id at the GP system', value: organisation.id },
          { key: 'Address', value: <Addresses addresses={organisation.address} />, testId: 'organisation-address' },
          { key: telecomLabel(organisation.telecom), value: <Telecoms telecoms={organisation.telecom} />, testId: 'organisation-telecom' },
        ]}
      />
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
