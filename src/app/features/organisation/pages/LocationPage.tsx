import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { LocationRead } from '../../../../shared/api';
import { checkPracticeAndId, InvalidAddressPage, QueryPage } from '../../../components/QueryPage';
import { RetrievedAt } from '../../../components/RetrievedAt';
import { SummaryList } from '../../../components/SummaryList';
import { locationQuery } from '../api/organisationQueries';
import { Addresses, Telecoms, telecomLabel } from '../components/ContactDetails';

/** R16: one location (a practice's main site or a branch surgery) read by its id (GP Connect 1.6: foundations_use_case_read_a_location). */
export function LocationPage() {
  const { odsCode = '', locationId = '' } = useParams();
  const address = checkPracticeAndId(odsCode, locationId, {
    thing: 'location',
    odsAction: 'Check the ODS code and search again.',
    idAction: 'Open the location from its organisation page.',
  });
  if (!address.valid)
    return <InvalidAddressPage heading="Location" problem={address.problem} next={{ to: '/organisations', text: 'Search for an organisation' }} />;
  return <ValidLocationPage odsCode={address.odsCode} id={address.id} />;
}

function ValidLocationPage({ odsCode, id }: { odsCode: string; id: string }) {
  return (
    <QueryPage
      back={{ to: `/organisations/${odsCode}`, text: `Organisations with ODS code ${odsCode}` }}
      query={useQuery(locationQuery(odsCode, id))}
      reading={`Reading location ${id} from the GP system for ${odsCode}…`}
      failedHeading={`Location ${id}`}
      steps="Read the location"
    >
      {(data) => <LocationDetails odsCode={odsCode} location={data.location} retrievedAt={data.retrievedAt} />}
    </QueryPage>
  );
}

function LocationDetails({ odsCode, location, retrievedAt }: { odsCode: string; location: LocationRead['location']; retrievedAt: string }) {
  return (
    <>
      <span className="nhsuk-caption-l">Location at {odsCode}</span>
      <h1>{location.name ?? `Location ${location.id}`}</h1>
      <p className="nhsuk-body-s" data-testid="retrieved-line">
        Retrieved from the GP system at <RetrievedAt at={retrievedAt} />.
      </p>
      <SummaryList
        testId="location-details"
        rows={[
          { key: 'Name', value: location.name ?? 'Not recorded' },
          { key: 'Id at the GP system', value: location.id },
          { key: 'Address', value: <Addresses addresses={location.address} />, testId: 'location-address' },
          { key: telecomLabel(location.telecom), value: <Telecoms telecoms={location.telecom} />, testId: 'location-telecom' },
          {
            key: 'Managing organisation',
            testId: 'location-managing-organisation',
            value: location.managingOrganisationId ? (
              <Link to={`/organisations/${odsCode}/${encodeURIComponent(location.managingOrganisationId)}`}>
                Organisation {location.managingOrganisationId} at {odsCode}
              </Link>
            ) : (
              'Not recorded'
            ),
          },
        ]}
      />
    </>
  );
}
