import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { PractitionerRead, PractitionerSearch } from '../../../../shared/api';
import { checkOdsCode, checkSdsUserId } from '../../../../shared/identifiers';
import { FlowDiagram } from '../../../components/FlowDiagram';
import { ProblemView } from '../../../components/ProblemView';
import { invalidInputProblem, problemOf } from '../../../lib/api';
import { practitionerKeys, practitionerSearchQuery } from '../api/practitionerQueries';
import { practitionerName, roleProfiles } from '../components/practitionerText';
import { RetrievedAt } from '../../../components/RetrievedAt';

/** R14: the practitioner search, with its own view for single, multiple, none and invalid. */
export function PractitionerResultsPage() {
  const [searchParams] = useSearchParams();
  const rawSds = searchParams.get('sdsUserId') ?? '';
  const rawOds = searchParams.get('odsCode') ?? '';
  const sds = checkSdsUserId(rawSds);
  const ods = checkOdsCode(rawOds);
  if (!sds.valid || !ods.valid) {
    const reasons = [sds.valid ? undefined : `SDS user ID: ${sds.reason}`, ods.valid ? undefined : `Practice ODS code: ${ods.reason}`]
      .filter(Boolean)
      .join('. ');
    const problem = !sds.valid
      ? invalidInputProblem(
          'INVALID_SDS_USER_ID',
          ods.valid ? 'The SDS user ID is not valid' : 'The SDS user ID and the ODS code are not valid',
          reasons,
          'Check the details and search again.',
        )
      : invalidInputProblem('INVALID_ODS_CODE', 'The ODS code is not valid', reasons, 'Check the ODS code of the practice and search again.');
    return (
      <>
        <h1>Find a practitioner</h1>
        <ProblemView problem={problem} />
        <p>
          <Link to={`/practitioners?${new URLSearchParams({ sdsUserId: rawSds, odsCode: rawOds })}`}>Search again</Link>
        </p>
      </>
    );
  }
  return <Results sdsUserId={sds.value} odsCode={ods.value} />;
}

function Results({ sdsUserId, odsCode }: { sdsUserId: string; odsCode: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const search = useQuery(practitionerSearchQuery(sdsUserId, odsCode));
  const problem = search.isError ? problemOf(search.error) : undefined;
  const single = search.data?.practitioners.length === 1 ? search.data.practitioners[0] : undefined;

  useEffect(() => {
    if (!search.data || !single) return;
    // One match: open its page straight away, with what the search already returned (no second call).
    queryClient.setQueryData<PractitionerRead>(practitionerKeys.detail(odsCode, single.id), {
      odsCode,
      practitioner: single,
      retrievedAt: search.data.retrievedAt,
      trace: search.data.trace,
    });
    navigate(`/practitioners/${odsCode}/${encodeURIComponent(single.id)}`, { replace: true });
  }, [single, search.data, odsCode, queryClient, navigate]);

  const againUrl = `/practitioners?${new URLSearchParams({ sdsUserId, odsCode })}`;
  const trace = search.data?.trace ?? problem?.trace;
  return (
    <>
      <Link className="nhsuk-back-link" to={againUrl}>
        Back to the search
      </Link>
      <h1>
        Practitioners with SDS user ID {sdsUserId} at practice {odsCode}
      </h1>
      {search.isSuccess && !single && (
        <p className="nhsuk-body-s" data-testid="retrieved-line">
          Retrieved from the GP system at <RetrievedAt at={search.data.retrievedAt} />.
        </p>
      )}
      {search.isPending && (
        <p className="nhsuk-body" role="status" data-testid="loading">
          Finding the GP system for {odsCode} on SDS and asking it for practitioners with SDS user ID {sdsUserId}…
        </p>
      )}
      {problem && <ProblemView problem={problem} />}
      {search.isSuccess && single && (
        <p className="nhsuk-body" role="status">
          Opening {practitionerName(single)}…
        </p>
      )}
      {search.isSuccess && !single && <SearchOutcome search={search.data} />}
      {!search.isPending && !single && (
        <p>
          <Link to={againUrl}>Search for another practitioner</Link>
        </p>
      )}
      {trace && trace.length > 0 && <FlowDiagram steps={[{ label: 'Search the practitioner', trace }]} />}
    </>
  );
}

function SearchOutcome({ search }: { search: PractitionerSearch }) {
  const { sdsUserId, odsCode, practitioners } = search;
  if (practitioners.length === 0) {
    return (
      <div className="nhsuk-inset-text" data-testid="practitioner-none">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <h2>
          No practitioner with SDS user ID {sdsUserId} at practice {odsCode}
        </h2>
        <p>
          Only the GP system of practice {odsCode} was asked. The practitioner may work at another practice, or be known there by another SDS user ID. Check the
          SDS user ID and the practice.
        </p>
      </div>
    );
  }
  return (
    <div data-testid="practitioner-multiple">
      <p>
        The GP system for {odsCode} holds more than one practitioner record with SDS user ID {sdsUserId} ({practitioners.length} found). Check the role profiles
        to choose the one you need.
      </p>
      <ul className="nhsuk-list">
        {practitioners.map((p) => (
          <li key={p.id} data-testid="practitioner-result">
            <div className="nhsuk-card">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-s">
                  <Link className="nhsuk-card__link" to={`/practitioners/${odsCode}/${encodeURIComponent(p.id)}`}>
                    {practitionerName(p)}
                  </Link>
                </h2>
                <dl className="nhsuk-summary-list nhsuk-summary-list--no-border nhsuk-u-margin-bottom-0">
                  <div className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">Practitioner id</dt>
                    <dd className="nhsuk-summary-list__value">{p.id}</dd>
                  </div>
                  <div className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">Role profile IDs</dt>
                    <dd className="nhsuk-summary-list__value">{roleProfiles(p.roleProfileIds)}</dd>
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
