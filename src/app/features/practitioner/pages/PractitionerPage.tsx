import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Practitioner } from '../../../../shared/api';
import { checkPracticeAndId, InvalidAddressPage, QueryPage } from '../../../components/QueryPage';
import { RetrievedAt } from '../../../components/RetrievedAt';
import { SummaryList } from '../../../components/SummaryList';
import { practitionerQuery } from '../api/practitionerQueries';
import { genderText, practitionerName, roleProfiles } from '../components/practitionerText';

/** R16: one practitioner read by id at a practice's GP system. */
export function PractitionerPage() {
  const { odsCode = '', id = '' } = useParams();
  const address = checkPracticeAndId(odsCode, id, {
    thing: 'practitioner',
    odsAction: 'Check the ODS code of the practice and search again.',
    idAction: 'Open the practitioner from the practitioner search.',
  });
  if (!address.valid)
    return <InvalidAddressPage heading="Practitioner" problem={address.problem} next={{ to: '/practitioners', text: 'Find a practitioner' }} />;
  return <ValidPractitionerPage odsCode={address.odsCode} id={address.id} />;
}

function ValidPractitionerPage({ odsCode, id }: { odsCode: string; id: string }) {
  return (
    <QueryPage
      back={{ to: `/practitioners?${new URLSearchParams({ odsCode })}`, text: 'Find another practitioner' }}
      query={useQuery(practitionerQuery(odsCode, id))}
      reading={`Reading practitioner ${id} from the GP system for ${odsCode}…`}
      failedHeading={`Practitioner ${id}`}
      steps="Find the practitioner"
    >
      {(data) => <PractitionerDetails odsCode={odsCode} practitioner={data.practitioner} retrievedAt={data.retrievedAt} />}
    </QueryPage>
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
      <SummaryList
        testId="practitioner-details"
        rows={[
          { key: 'Name', value: practitioner.name ?? 'Not recorded' },
          {
            key: practitioner.sdsUserIds.length > 1 ? 'SDS user IDs' : 'SDS user ID',
            value: practitioner.sdsUserIds.length > 0 ? practitioner.sdsUserIds.join(', ') : 'None recorded',
            testId: 'practitioner-sds-user-ids',
          },
          {
            key: 'Role profile IDs',
            testId: 'practitioner-role-profiles',
            value:
              practitioner.roleProfileIds.length > 1 ? (
                <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                  {practitioner.roleProfileIds.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              ) : (
                roleProfiles(practitioner.roleProfileIds)
              ),
          },
          { key: 'Gender', value: genderText(practitioner.gender) },
          { key: 'Practice', value: <Link to={`/organisations/${odsCode}`}>ODS code {odsCode}</Link>, testId: 'practitioner-practice' },
          { key: 'Id at the GP system', value: practitioner.id },
        ]}
      />
    </>
  );
}
