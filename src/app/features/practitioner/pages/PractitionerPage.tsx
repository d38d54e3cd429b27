import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Practitioner } from '../../../../shared/api';
import { checkLogicalId, checkOdsCode } from '../../../../shared/identifiers';
import { FlowDiagram } from '../../../components/FlowDiagram';
import { ProblemView } from '../../../components/ProblemView';
import { invalidInputProblem, problemOf } from '../../../lib/api';
import { practitionerQuery } from '../api/practitionerQueries';
import { genderText, practitionerName, roleProfiles } from '../components/practitionerText';
import { RetrievedAt } from '../../../components/RetrievedAt';

/** R16: one practitioner read by id at a practice's GP system. */
export function PractitionerPage() {
  const { odsCode = '', id = '' } = useParams();
  const ods = checkOdsCode(odsCode);
  const logicalId = checkLogicalId(id);
  if (!ods.valid || !logicalId.valid) {
    const problem = !ods.valid
      ? invalidInputProblem('INVALID_ODS_CODE', 'The ODS code is not valid', ods.reason, 'Check the ODS code of the practice and search again.')
      : invalidInputProblem(
          'INVALID_ID',
          'The practitioner id is not valid',
          logicalId.valid ? '' : logicalId.reason,
          'Open the practitioner from the practitioner search.',
        );
    return (
      <>
        <h1>Practitioner</h1>
        <ProblemView problem={problem} />
        <p>
          <Link to="/practitioners">Find a practitioner</Link>
        </p>
      </>
    );
  }
  return <ValidPractitionerPage odsCode={ods.value} id={logicalId.value} />;
}

function ValidPractitionerPage({ odsCode, id }: { odsCode: string; id: string }) {
  const practitioner = useQuery(practitionerQuery(odsCode, id));
  const problem = practitioner.isError ? problemOf(practitioner.error) : undefined;
  const trace = practitioner.data?.trace ?? problem?.trace;
  return (
    <>
      <Link className="nhsuk-back-link" to={`/practitioners?${new URLSearchParams({ odsCode })}`}>
        Find another practitioner
      </Link>
      {practitioner.isPending && (
        <p className="nhsuk-body" role="status" data-testid="loading">
          Reading practitioner {id} from the GP system for {odsCode}…
        </p>
      )}
      {problem && (
        <>
          <h1>Practitioner {id}</h1>
          <ProblemView problem={problem} />
        </>
      )}
      {practitioner.isSuccess && (
        <PractitionerDetails odsCode={odsCode} practitioner={practitioner.data.practitioner} retrievedAt={practitioner.data.retrievedAt} />
      )}
      {trace && trace.length > 0 && <FlowDiagram steps={[{ label: 'Find the practitioner', trace }]} />}
    </>
  );
}

function PractitionerDetails({ odsCode, practitioner, retrievedAt }: { odsCode: string; practitioner: Practitioner; retrievedAt: string }) {
  return (
    <>
      <span className="nhsuk-caption-l">Practitioner at {odsCode}</span>
      <h1 data-testid="practitioner-name">{practitionerName(practitioner)}</h1>
      <p className="nhsuk-body-s" data-testid="retrieved-line">
        Retrieved from the GP system at <RetrievedAt at={retrievedAt} />.
      </p>
      <dl className="nhsuk-summary-list" data-testid="practitioner-details">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Name</dt>
          <dd className="nhsuk-summary-list__value">{practitioner.name ?? 'Not recorded'}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{practitioner.sdsUserIds.length > 1 ? 'SDS user IDs' : 'SDS user ID'}</dt>
          <dd className="nhsuk-summary-list__value" data-testid="practitioner-sds-user-ids">
            {practitioner.sdsUserIds.length > 0 ? practitioner.sdsUserIds.join(', ') : 'None recorded'}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Role profile IDs</dt>
          <dd className="nhsuk-summary-list__value" data-testid="practitioner-role-profiles">
            {practitioner.roleProfileIds.length > 1 ? (
              <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                {practitioner.roleProfileIds.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : (
              roleProfiles(practitioner.roleProfileIds)
            )}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Gender</dt>
          <dd className="nhsuk-summary-list__value">{genderText(practitioner.gender)}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Practice</dt>
          <dd className="nhsuk-summary-list__value" data-testid="practitioner-practice">
            <Link to={`/organisations/${odsCode}`}>ODS code {odsCode}</Link>
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Id at the GP system</dt>
          <dd className="nhsuk-summary-list__value">{practitioner.id}</dd>
        </div>
      </dl>
    </>
  );
}
