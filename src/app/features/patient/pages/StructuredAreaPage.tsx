import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useOutletContext, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  isStructuredAreaCode,
  OVERVIEW_AREAS,
  STRUCTURED_AREA_SECTION,
  STRUCTURED_AREA_TITLES,
  type StructuredAreaCode,
  type StructuredData,
} from '../../../../shared/structuredRecord';
import { SECTIONS } from '../../../../shared/sections';
import { checkDateRange } from '../../../../shared/dates';
import { ProblemView } from '../../../components/ProblemView';
import { FlowDiagram } from '../../../components/FlowDiagram';
import { RetrievedAt } from '../../../components/RetrievedAt';
import { StepProgress } from '../../../components/StepProgress';
import { problemOf } from '../../../lib/api';
import { useSession } from '../../../lib/session';
import { gpConnectQuery, structuredQuery, type DateRange } from '../api/patientQueries';
import { DateRangeForm } from '../components/DateRangeForm';
import { IdentityConfirm } from '../components/IdentityConfirm';
import { AreaStatusPanel } from '../components/structured/AreaStatusPanel';
import { AllergiesView } from '../components/structured/AllergiesView';
import { MedicationsView } from '../components/structured/MedicationsView';
import { ProblemsView } from '../components/structured/ProblemsView';
import {
  ConsultationsView,
  DiaryView,
  ImmunisationsView,
  InvestigationsView,
  ReferralsView,
  UncategorisedView,
} from '../components/structured/OtherAreasViews';
import type { RowFilter } from '../components/structured/ClinicalTable';
import type { PatientOutletContext } from './PatientPage';
import { WarningCallout } from '../../../components/WarningCallout';

export function StructuredAreaPage() {
  const { area = '' } = useParams();
  if (!isStructuredAreaCode(area)) {
    return (
      <ProblemView
        problem={{
          title: 'That area of the structured record does not exist',
          detail: `"${area}" is not an area of the structured record.`,
          code: 'INVALID_STRUCTURED_AREA',
          status: 400,
          step: 'bff',
          action: 'Choose one of the structured record areas listed.',
          traceId: 'none',
        }}
      />
    );
  }
  return <StructuredArea key={area} area={area} />;
}

const NO_FILTER: RowFilter = { text: '' };

/** Words and dates that narrow the area on screen (the whole area was fetched); kept in the address so a link can open an area filtered. */
function FilterForm({ filter, onApply }: { filter: RowFilter; onApply: (next: RowFilter) => void }) {
  const [text, setText] = useState(filter.text);
  function submit(event: FormEvent) {
    event.preventDefault();
    onApply({ ...filter, text });
  }
  return (
    <div className="structured-filter">
      <form className="structured-filter__text" onSubmit={submit} role="search" aria-label="Filter this area">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--s" htmlFor="structured-filter-text">
            Filter by words
          </label>
          <div className="structured-filter__row">
            <input
              className="nhsuk-input nhsuk-input--width-20"
              id="structured-filter-text"
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              autoComplete="off"
            />
            <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
              Filter
            </button>
            {filter.text && (
              <button
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                type="button"
                onClick={() => {
                  setText('');
                  onApply({ ...filter, text: '' });
                }}
              >
                Clear words
              </button>
            )}
          </div>
        </div>
      </form>
      <DateRangeForm
        key={`${filter.from}|${filter.to}`}
        range={{ from: filter.from, to: filter.to }}
        onApply={(r: DateRange) => onApply({ ...filter, ...r })}
      />
    </div>
  );
}

function AreaItems({
  area,
  data,
  filter,
  base,
  overview,
}: {
  area: StructuredAreaCode;
  data: StructuredData;
  filter: RowFilter;
  base: string;
  overview: boolean;
}) {
  const a = data.areas;
  switch (area) {
    case 'allergies':
      return <AllergiesView items={a.allergies?.items ?? []} filter={filter} currentOnly={overview} />;
    case 'medications':
      return <MedicationsView items={a.medications?.items ?? []} filter={filter} currentOnly={overview} />;
    case 'problems':
      return <ProblemsView items={a.problems?.items ?? []} filter={filter} base={base} currentOnly={overview} />;
    case 'immunisations':
      return <ImmunisationsView items={a.immunisations?.items ?? []} filter={filter} />;
    case 'consultations':
      return <ConsultationsView items={a.consultations?.items ?? []} filter={filter} />;
    case 'investigations':
      return <InvestigationsView items={a.investigations?.items ?? []} filter={filter} />;
    case 'uncategorised':
      return <UncategorisedView items={a.uncategorised?.items ?? []} filter={filter} />;
    case 'referrals':
      return <ReferralsView items={a.referrals?.items ?? []} filter={filter} />;
    case 'diary':
      return <DiaryView items={a.diary?.items ?? []} filter={filter} />;
  }
}

/**
 * The structured record's first page (R31: the default view where the practice offers it): active
 * allergies, current medications and active problems, each fetched at once and shown as it comes.
 */
export function StructuredOverviewPage() {
  const permissions = useSession().data?.permissions ?? [];
  const { patient } = useOutletContext<PatientOutletContext>();
  const areas = OVERVIEW_AREAS.filter((area) => permissions.includes(`record:${STRUCTURED_AREA_SECTION[area]}`));
  return (
    <div data-testid="structured-overview">
      <h2 className="nhsuk-heading-m">Structured record: overview</h2>
      <p className="nhsuk-body-s">Active allergies, current medications and active problems. Each area in the menu has the rest, with past and ended items.</p>
      {areas.map((area, i) => (
        <section key={area} aria-labelledby={`overview-${area}`} className="structured-overview__area">
          {/* The identity question (R7) is asked once, by the first area; the others wait for the same answer. */}
          <StructuredArea area={area} overview headingId={`overview-${area}`} asksIdentity={i === 0} />
          <p className="nhsuk-body-s">
            <Link to={`/patients/${patient.nhsNumber}/structured/${area}`}>All of {STRUCTURED_AREA_TITLES[area].toLowerCase()}</Link>
          </p>
        </section>
      ))}
    </div>
  );
}

/** One area of the structured record (R28–R31): what the practice said of it, then its tables, sortable and filtered. */
function StructuredArea({
  area,
  overview = false,
  headingId,
  asksIdentity = true,
}: {
  area: StructuredAreaCode;
  overview?: boolean;
  headingId?: string;
  asksIdentity?: boolean;
}) {
  const { patient, setPracticeName, identityConfirmation, confirmIdentity } = useOutletContext<PatientOutletContext>();
  const [searchParams, setSearchParams] = useSearchParams();
  const permissions = useSession().data?.permissions ?? [];
  const gpConnect = useQuery(gpConnectQuery(patient.nhsNumber));
  const record = useQuery(structuredQuery(patient.nhsNumber, area, identityConfirmation));
  const problem = record.isError ? problemOf(record.error) : undefined;
  const identityCheck = problem?.code === 'IDENTITY_NOT_CONFIRMED' ? problem.identityCheck : undefined;
  const practiceName = record.data?.provider.name;
  useEffect(() => setPracticeName(practiceName), [practiceName, setPracticeName]);

  const [q, from, to] = [searchParams.get('q') ?? '', searchParams.get('from') || undefined, searchParams.get('to') || undefined];
  // One filter object while the address says the same: the tables filter and sort again only when it changes.
  const filter = useMemo<RowFilter>(() => {
    const range = checkDateRange(from, to);
    return { text: q, ...(range.valid ? { from: range.from, to: range.to } : {}) };
  }, [q, from, to]);
  function applyFilter(next: RowFilter) {
    const params = new URLSearchParams(searchParams);
    for (const [key, value] of [
      ['q', next.text.trim()],
      ['from', next.from],
      ['to', next.to],
    ] as const) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    setSearchParams(params, { replace: true });
  }

  const base = `/patients/${patient.nhsNumber}/structured`;
  const section = STRUCTURED_AREA_SECTION[area];
  // The HTML section is offered where the practice has HTML pages and the user may open them.
  const htmlSection =
    gpConnect.data?.offers.html && permissions.includes(`record:${section}`)
      ? { href: `/patients/${patient.nhsNumber}/record/${section}`, title: SECTIONS[section].title }
      : undefined;
  const areaData = record.data?.data.areas[area];
  const rendered = record.isSuccess;
  useEffect(() => {
    if (!rendered) return;
    // User Timing, read by `npm run bench`: the area's tables are painted (the mark after the next frame).
    const frame = requestAnimationFrame(() => setTimeout(() => performance.mark('gpc:structured-rendered', { detail: { area } }), 0));
    return () => cancelAnimationFrame(frame);
  }, [rendered, area]);

  return (
    <div className="structured-area" data-testid="structured-area">
      {overview ? (
        <h3 className="nhsuk-heading-s" id={headingId}>
          {STRUCTURED_AREA_TITLES[area]}
        </h3>
      ) : (
        <h2 className="nhsuk-heading-m">{STRUCTURED_AREA_TITLES[area]}</h2>
      )}
      {!record.isSuccess && !identityCheck && problem?.code !== 'FORBIDDEN_ROLE' && (
        <StepProgress
          steps={[{ label: `Fetching ${STRUCTURED_AREA_TITLES[area].toLowerCase()} from the GP system`, state: record.isError ? 'failed' : 'running' }]}
        />
      )}
      {identityCheck &&
        (asksIdentity ? (
          <IdentityConfirm check={identityCheck} onConfirm={confirmIdentity} />
        ) : (
          <p className="nhsuk-body-s">Shown once you have confirmed the patient's identity above.</p>
        ))}
      {problem && !identityCheck && <ProblemView problem={problem} />}
      {record.isSuccess && areaData && (
        <>
          <p className="record-section__meta nhsuk-body-s" data-testid="record-meta">
            From the patient's registered GP practice record at {record.data.provider.name ?? 'their practice'} ({record.data.provider.odsCode}), retrieved at{' '}
            <RetrievedAt at={record.data.retrievedAt} />
            {htmlSection && (
              <>
                {' '}
                · <Link to={htmlSection.href}>Open {htmlSection.title} as the practice wrote it (HTML)</Link>
              </>
            )}
          </p>
          {record.data.identity.confirmed && (
            <p className="nhsuk-body-s" data-testid="identity-confirmed">
              You confirmed this patient's identity before the record was shown.
            </p>
          )}
          {record.data.data.otherWarnings.length > 0 && (
            // Warnings of the whole answer, not of one area: as prominent as an area's own (R28).
            <WarningCallout title="The GP system sent a warning with this record" level={3} testId="other-warnings">
              <ul>
                {record.data.data.otherWarnings.map((w) => (
                  <li key={w} data-testid="other-warning">
                    {w}
                  </li>
                ))}
              </ul>
            </WarningCallout>
          )}
          <AreaStatusPanel status={areaData.status} unmapped={record.data.data.unmapped} htmlSection={htmlSection} />
          {/* The ended allergies' List, where it says something the active List did not. */}
          {area === 'allergies' &&
            record.data.data.areas.allergies?.ended &&
            JSON.stringify(record.data.data.areas.allergies.ended) !== JSON.stringify(areaData.status) && (
              <AreaStatusPanel status={record.data.data.areas.allergies.ended} unmapped={0} htmlSection={htmlSection} />
            )}
          {areaData.status.state === 'answered' && (
            <>
              {!overview && <FilterForm key={filter.text} filter={filter} onApply={applyFilter} />}
              <AreaItems area={area} data={record.data.data} filter={overview ? NO_FILTER : filter} base={base} overview={overview} />
            </>
          )}
        </>
      )}
      {!overview && (record.isSuccess || record.isError) && (
        <FlowDiagram steps={[{ label: `Fetch ${STRUCTURED_AREA_TITLES[area]}`, trace: record.data?.trace ?? problem?.trace ?? [] }]} />
      )}
    </div>
  );
}
