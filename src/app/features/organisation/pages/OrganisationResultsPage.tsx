import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganisationRead, OrganisationSearch } from '../../../../shared/api';
import { checkOdsCode } from '../../../../shared/identifiers';
import { FlowDiagram } from '../../../components/FlowDiagram';
import { ProblemView } from '../../../components/ProblemView';
import { invalidInputProblem, problemOf } from '../../../lib/api';
import { organisationKeys, organisationSearchQuery } from '../api/organisationQueries';
import { Addresses } from '../components/ContactDetails';
import { RetrievedAt } from '../../../components/RetrievedAt';

/** R15: the organisation search for one ODS code, with its own view for single, multiple, none and invalid. */
export function OrganisationResultsPage() {
  const { odsCode = '' } = useParams();
  const check = checkOdsCode(odsCode);
  if (!check.valid) {
    return (
      <>
        <h1>Find an organisation</h1>
        <ProblemView problem={invalidInputProblem('INVALID_ODS_CODE', 'The ODS code is not valid', check.reason, 'Check the ODS code and search again.')} />
        <p>
          <Link to="/organisations">Search for an organisation</Link>
        </p>
      </>
    );
  }
  return <Results odsCode={check.value} />;
}

function Results({ odsCode }: { odsCode: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const search = useQuery(organisationSearchQuery(odsCode));
  const problem = search.isError ? problemOf(search.error) : undefined;
  const single = search.data?.organisations.length === 1 ? search.data.organisations[0] : undefined;

  useEffect(() => {
    if (!search.data || !single) return;
    // One match: open its page straight away, with what the search already returned (no second call).
    queryClient.setQueryData<OrganisationRead>(organisationKeys.detail(odsCode, single.id), {
      odsCode,
      organisation: single,
      retrievedAt: search.data.retrievedAt,
      trace: search.data.trace,
    });
    navigate(`/organisations/${odsCode}/${encodeURIComponent(single.id)}`, { replace: true });
  }, [single, search.data, odsCode, queryClient, navigate]);

  const searchAgain = (
    <p>
      <Link to={`/organisations?odsCode=${odsCode}`}>Search for another organisation</Link>
    </p>
  );

  return (
    <>
      <Link className="nhsuk-back-link" to={`/organisations?odsCode=${odsCode}`}>
        Back to the search
      </Link>
      <h1>Organisations with ODS code {odsCode}</h1>
      {search.isSuccess && !single && (
        <p className="nhsuk-body-s" data-testid="retrieved-line">
          Retrieved from the GP system at <RetrievedAt at={search.data.retrievedAt} />.
        </p>
      )}
      {search.isPending && (
        <p className="nhsuk-body" role="status" data-testid="loading">
          Finding the GP system for {odsCode} on SDS and asking it for organisations with this code…
        </p>
      )}
      {problem && (
        <>
          <ProblemView problem={problem} />
          {searchAgain}
          {problem.trace && problem.trace.length > 0 && <FlowDiagram steps={[{ label: 'Search the organisation', trace: problem.trace }]} />}
        </>
      )}
      {search.isSuccess && (
        <>
          {single ? (
            <p className="nhsuk-body" role="status">
              Opening {single.name ?? `organisation ${single.id}`}…
            </p>
          ) : (
            <SearchOutcome search={search.data} />
          )}
          {!single && searchAgain}
          <FlowDiagram steps={[{ label: 'Search the organisation', trace: search.data.trace }]} />
        </>
      )}
    </>
  );
}

function SearchOutcome({ search }: { search: OrganisationSearch }) {
  const { odsCode, organisations } = search;
  if (organisations.length === 0 && !search.gpConnect) {
    return (
      <div className="nhsuk-inset-text" data-testid="organisation-none-no-gp-connect">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <h2>No GP Connect service is registered for ODS code {odsCode}</h2>
        <p>The Spine directory (SDS) has no GP Connect service for this code, so there is no GP system to ask.</p>
        <p>Check the ODS code is right. If it is, the organisation may not offer GP Connect: contact it directly.</p>
      </div>
    );
  }
  if (organisations.length === 0) {
    return (
      <div className="nhsuk-inset-text" data-testid="organisation-none">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <h2>The GP system for {odsCode} holds no organisation with this code</h2>
        <p>
          SDS lists a GP Connect service for {odsCode}, and its GP system answered, but it returned no organisation with this ODS code. This does not mean the
          organisation does not exist: contact the practice or your GP Connect support.
        </p>
      </div>
    );
  }
  return (
    <div data-testid="organisation-multiple">
      <p>
        The GP system for {odsCode} holds more than one organisation with this ODS code ({organisations.length} found). Check the name and address to choose the
        one you need.
      </p>
      <ul className="nhsuk-list">
        {organisations.map((o) => (
          <li key={o.id} data-testid="organisation-result">
            <div className="nhsuk-card">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-s">
                  <Link className="nhsuk-card__link" to={`/organisations/${odsCode}/${encodeURIComponent(o.id)}`}>
                    {o.name ?? `Organisation ${o.id}`}
                  </Link>
                </h2>
                <dl className="nhsuk-summary-list nhsuk-summary-list--no-border nhsuk-u-margin-bottom-0">
                  <div className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">Organisation id</dt>
                    <dd className="nhsuk-summary-list__value">{o.id}</dd>
                  </div>
                  <div className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">Address</dt>
                    <dd className="nhsuk-summary-list__value">
                      <Addresses addresses={o.address} />
                    </dd>
                  </div>
                </dl>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
