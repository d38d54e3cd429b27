import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { LocationRead } from '../../../../shared/api';
import { checkLogicalId, checkOdsCode } from '../../../../shared/identifiers';
import { FlowDiagram } from '../../../components/FlowDiagram';
import { ProblemView } from '../../../components/ProblemView';
import { invalidInputProblem, problemOf } from '../../../lib/api';
import { locationQuery } from '../api/organisationQueries';
import { Addresses, Telecoms, telecomLabel } from '../components/ContactDetails';
import { RetrievedAt } from '../../../components/RetrievedAt';

/** R16: one location (a practice's main site or a branch surgery) read by its id (GP Connect 1.6: foundations_use_case_read_a_location). */
export function LocationPage() {
  const { odsCode = '', locationId = '' } = useParams();
  const ods = checkOdsCode(odsCode);
  const logicalId = checkLogicalId(locationId);
  if (!ods.valid || !logicalId.valid) {
    const problem = !ods.valid
      ? invalidInputProblem('INVALID_ODS_CODE', 'The ODS code is not valid', ods.reason, 'Check the ODS code and search again.')
      : invalidInputProblem(
          'INVALID_ID',
          'The location id is not valid',
          logicalId.valid ? '' : logicalId.reason,
          'Open the location from its organisation page.',
        );
    return (
      <>
        <h1>Location</h1>
        <ProblemView problem={problem} />
        <p>
          <Link to="/organisations">Search for an organisation</Link>
        </p>
      </>
    );
  }
  return <ValidLocationPage odsCode={ods.value} id={logicalId.value} />;
}

function ValidLocationPage({ odsCode, id }: { odsCode: string; id: string }) {
  const location = useQuery(locationQuery(odsCode, id));
  const problem = location.isError ? problemOf(location.error) : undefined;
  const trace = location.data?.trace ?? problem?.trace;
  return (
    <>
      <Link className="nhsuk-back-link" to={`/organisations/${odsCode}`}>
        Organisations with ODS code {odsCode}
      </Link>
      {location.isPending && (
        <p className="nhsuk-body" role="status" data-testid="loading">
          Reading location {id} from the GP system for {odsCode}…
        </p>
      )}
      {problem && (
        <>
          <h1>Location {id}</h1>
          <ProblemView problem={problem} />
        </>
      )}
      {location.isSuccess && <LocationDetails odsCode={odsCode} location={location.data.location} retrievedAt={location.data.retrievedAt} />}
      {trace && trace.length > 0 && <FlowDiagram steps={[{ label: 'Read the location', trace }]} />}
    </>
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
      <dl className="nhsuk-summary-list" data-testid="location-details">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Name</dt>
          <dd className="nhsuk-summary-list__value">{location.name ?? 'Not recorded'}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Id at the GP system</dt>
          <dd className="nhsuk-summary-list__value">{location.id}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Address</dt>
          <dd className="nhsuk-summary-list__value" data-testid="location-address">
            <Addresses addresses={location.address} />
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{telecomLabel(location.telecom)}</dt>
          <dd className="nhsuk-summary-list__value" data-testid="location-telecom">
            <Telecoms telecoms={location.telecom} />
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Managing organisation</dt>
          <dd className="nhsuk-summary-list__value" data-testid="location-managing-organisation">
            {location.managingOrganisationId ? (
              <Link to={`/organisations/${odsCode}/${encodeURIComponent(location.managingOrganisationId)}`}>
                Organisation {location.managingOrganisationId} at {odsCode}
              </Link>
            ) : (
              'Not recorded'
            )}
          </dd>
        </div>
      </dl>
    </>
  );
}
