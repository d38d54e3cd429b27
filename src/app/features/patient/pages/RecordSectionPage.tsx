import { useEffect } from 'react';
import { useOutletContext, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { isSectionCode, SECTIONS, type SectionCode } from '../../../../shared/sections';
import { checkDateRange, formatClinicalDate } from '../../../../shared/dates';
import type { TraceEntry } from '../../../../shared/api';
import { ProblemView } from '../../../components/ProblemView';
import { FlowDiagram } from '../../../components/FlowDiagram';
import { StepProgress, type StepItem, type StepState } from '../../../components/StepProgress';
import { problemOf } from '../../../lib/api';
import { gpConnectQuery, patientQuery, recordQuery, type DateRange } from '../api/patientQueries';
import { DateRangeForm } from '../components/DateRangeForm';
import { ProviderHtml } from '../components/ProviderHtml';
import { IdentityConfirm } from '../components/IdentityConfirm';
import { RetrievedAt } from '../../../components/RetrievedAt';
import type { PatientOutletContext } from './PatientPage';
import { WarningCallout } from '../../../components/WarningCallout';

export function RecordSectionPage() {
  const { section = '' } = useParams();
  if (!isSectionCode(section)) {
    return (
      <ProblemView
        problem={{
          title: 'That record section does not exist',
          detail: `"${section}" is not a record section.`,
          code: 'INVALID_SECTION',
          status: 400,
          step: 'bff',
          action: 'Choose one of the record sections listed.',
          traceId: 'none',
        }}
      />
    );
  }
  return <RecordSection section={section} />;
}

/** Time spent on one service's Spine calls, or that it was answered from cache. */
function timing(trace: TraceEntry[] | undefined, service: TraceEntry['service']): Pick<StepItem, 'ms' | 'cached'> {
  const calls = (trace ?? []).filter((t) => t.service === service);
  if (calls.length === 0) return {};
  const live = calls.filter((t) => t.cache !== 'hit');
  return { ms: live.reduce((sum, t) => sum + t.ms, 0), cached: live.length === 0 };
}

function stateOf(query: { isPending: boolean; isFetching: boolean; isError: boolean; isSuccess: boolean }, enabled: boolean): StepState {
  if (query.isError) return 'failed';
  if (query.isSuccess) return 'done';
  if (query.isFetching) return 'running';
  return enabled ? 'running' : 'waiting';
}

function RecordSection({ section }: { section: SectionCode }) {
  const { patient, setPracticeName, identityConfirmation, confirmIdentity } = useOutletContext<PatientOutletContext>();
  const info = SECTIONS[section];
  const [searchParams, setSearchParams] = useSearchParams();
  const range: DateRange = info.acceptsDateRange ? { from: searchParams.get('from') || undefined, to: searchParams.get('to') || undefined } : {};
  const rangeCheck = checkDateRange(range.from, range.to);

  const trace = useQuery(patientQuery(patient.nhsNumber));
  const gpConnect = useQuery(gpConnectQuery(patient.nhsNumber));
  // The record call starts as soon as the trace has answered (this page only renders then), in
  // parallel with the SDS check: the BFF shares the one SDS lookup between the two.
  const recordEnabled = rangeCheck.valid;
  const record = useQuery({ ...recordQuery(patient.nhsNumber, section, range, identityConfirmation), enabled: recordEnabled });
  const problem = record.isError ? problemOf(record.error) : undefined;
  // R7: the BFF holds the record back until the user confirms what differs from PDS.
  const identityCheck = problem?.code === 'IDENTITY_NOT_CONFIRMED' ? problem.identityCheck : undefined;

  const practiceName = record.data?.provider.name;
  useEffect(() => setPracticeName(practiceName), [practiceName, setPracticeName]);

  const steps: StepItem[] = [
    { label: 'Tracing the patient on PDS', state: stateOf(trace, true), ...timing(trace.data?.trace, 'pds') },
    { label: "Finding the practice's GP system on SDS", state: stateOf(gpConnect, true), ...timing(gpConnect.data?.trace, 'sds') },
    { label: `Fetching ${info.title} from the GP system`, state: stateOf(record, recordEnabled), ...timing(record.data?.trace, 'ssp') },
  ];

  const flow = [
    { label: 'Trace the patient', trace: trace.data?.trace ?? [] },
    { label: 'Find the GP system', trace: gpConnect.data?.trace ?? (gpConnect.isError ? (problemOf(gpConnect.error).trace ?? []) : []) },
    { label: `Fetch ${info.title}`, trace: record.data?.trace ?? (record.isError ? (problemOf(record.error).trace ?? []) : []) },
  ];

  function applyRange(next: DateRange) {
    const params = new URLSearchParams(searchParams);
    params.delete('from');
    params.delete('to');
    if (next.from) params.set('from', next.from);
    if (next.to) params.set('to', next.to);
    setSearchParams(params);
  }

  return (
    <div className="record-section" data-testid="record-section">
      {info.acceptsDateRange && <DateRangeForm key={`${range.from}|${range.to}`} range={range} onApply={applyRange} />}
      {!rangeCheck.valid && (
        <ProblemView
          problem={{
            title: 'The date range is not valid',
            detail: rangeCheck.reason,
            code: 'INVALID_DATE_RANGE',
            status: 400,
            step: 'bff',
            action: 'Correct the dates above.',
            traceId: 'none',
          }}
        />
      )}
      {/* A refusal by this viewer (role, identity not confirmed) is not a step of the fetch that failed. */}
      {!record.isSuccess && !identityCheck && problem?.code !== 'FORBIDDEN_ROLE' && <StepProgress steps={steps} />}
      {identityCheck && <IdentityConfirm check={identityCheck} onConfirm={confirmIdentity} />}
      {problem && !identityCheck && <ProblemView problem={problem} />}
      {record.isSuccess && (
        <>
          <p className="record-section__meta nhsuk-body-s" data-testid="record-meta">
            From {record.data.provider.name ?? 'the GP system'} ({record.data.provider.odsCode}), retrieved at <RetrievedAt at={record.data.retrievedAt} />
            {record.data.dateRange && (
              <>
                {' '}
                · dates {record.data.dateRange.from ? formatClinicalDate(record.data.dateRange.from) : 'any'} to{' '}
                {record.data.dateRange.to ? formatClinicalDate(record.data.dateRange.to) : 'any'}
              </>
            )}
          </p>
          {record.data.identity.confirmed && (
            <p className="nhsuk-body-s" data-testid="identity-confirmed">
              {record.data.identity.status === 'differs'
                ? "You confirmed this is the right patient although the practice's details differ from PDS (listed above)."
                : "You confirmed this patient's identity: their details could not be compared with the practice's record."}
            </p>
          )}
          {record.data.sanitiser.unterminated.length > 0 && (
            <WarningCallout title="Part of this section may be missing" testId="sanitiser-truncated">
              <p>
                The GP system's HTML opens {record.data.sanitiser.unterminated.map((t) => `<${t}>`).join(', ')} and never closes it, so what follows could not
                be shown safely. Do not read the absence of information as a negative finding: contact the practice for the full section.
              </p>
            </WarningCallout>
          )}
          {(record.data.sanitiser.removedElements > 0 || record.data.sanitiser.removedAttributes > 0) && (
            // R22: what the sanitiser removed is never dropped silently.
            <div className="nhsuk-inset-text sanitiser-notice" data-testid="sanitiser-notice">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>
                This viewer removed {record.data.sanitiser.removedElements} unsafe element{record.data.sanitiser.removedElements === 1 ? '' : 's'} and{' '}
                {record.data.sanitiser.removedAttributes} unsafe attribute{record.data.sanitiser.removedAttributes === 1 ? '' : 's'} from the GP system's HTML
                before showing it. Text inside removed formatting is kept. If something looks missing, contact the practice and quote the trace ID.
              </p>
            </div>
          )}
          {/* record.data.warnings repeat the non-blocking gates, already shown above the banner's sections. */}
          <ProviderHtml html={record.data.html} />
        </>
      )}
      {(record.isSuccess || record.isError) && <FlowDiagram steps={flow} />}
    </div>
  );
}
