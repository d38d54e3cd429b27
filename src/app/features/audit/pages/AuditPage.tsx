import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { checkDateRange, formatClinicalDate } from '../../../../shared/dates';
import { checkNhsNumber, formatNhsNumber } from '../../../../shared/nhsNumber';
import type { AuditEntry } from '../../../../shared/api';
import { checkDateParts, DateInput, datePartsOf } from '../../../components/DateInput';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextField } from '../../../components/TextField';
import { ProblemView } from '../../../components/ProblemView';
import { problemOf } from '../../../lib/api';
import { auditParams, auditQuery, type AuditFilters } from '../api/auditQueries';
import { useCan } from '../../../lib/session';
import { isSectionCode, SECTIONS } from '../../../../shared/sections';
import { isStructuredAreaCode, STRUCTURED_AREA_TITLES } from '../../../../shared/structuredRecord';

const OUTCOME_TAG: Record<AuditEntry['outcome'], string> = { success: 'nhsuk-tag--green', failure: 'nhsuk-tag--red', blocked: 'nhsuk-tag--orange' };
const ACTIONS: Record<string, string> = {
  'sign-in': 'Signed in',
  'sign-out': 'Signed out',
  'patient.trace': 'Traced a patient (PDS)',
  'patient.gp-connect': "Checked the practice's GP Connect service",
  'patient.practice-record': "Checked the patient's details with the practice (no record content)",
  'patient.register': 'Registered a patient',
  'record.read': 'Opened a GP record section',
  'record.structured.read': 'Opened an area of the structured GP record',
  'organisation.search': 'Searched organisations',
  'organisation.read': 'Read an organisation',
  'organisation.capability': "Read a GP system's capabilities",
  'practitioner.search': 'Searched practitioners',
  'practitioner.read': 'Read a practitioner',
  'location.read': 'Read a location',
  'audit.search': 'Searched the audit trail',
  'audit.export': 'Exported the audit trail',
};

type FieldErrors = Partial<Record<'nhsNumber' | 'from' | 'to' | 'user', string>>;

function filtersFrom(params: URLSearchParams): AuditFilters {
  const get = (k: string) => params.get(k) || undefined;
  return { nhsNumber: get('nhsNumber'), user: get('user'), from: get('from'), to: get('to') };
}

function when(iso: string): string {
  return `${formatClinicalDate(iso.slice(0, 10))} ${new Date(iso).toLocaleTimeString('en-GB')}`;
}

/** What the filters applied to the table (and the CSV) are, in words. */
function describeFilters(filters: AuditFilters): string {
  const parts = [
    filters.nhsNumber && `NHS number ${formatNhsNumber(filters.nhsNumber)}`,
    filters.user && `user "${filters.user}"`,
    filters.from && `from ${formatClinicalDate(filters.from)}`,
    filters.to && `to ${formatClinicalDate(filters.to)}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'everything';
}

/** R26: who did what to which patient's record, when, with what outcome; filtered, paged, exported as CSV. */
export function AuditPage() {
  if (!useCan('audit:read')) {
    return (
      <>
        <h1>Audit trail</h1>
        <p data-testid="audit-not-allowed">Your role does not allow viewing the audit trail. It is for privacy officers.</p>
      </>
    );
  }
  return <AuditTrail />;
}

function AuditTrail() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const [form, setForm] = useState({ nhsNumber: filters.nhsNumber ?? '', user: filters.user ?? '' });
  const [dates, setDates] = useState({ from: datePartsOf(filters.from), to: datePartsOf(filters.to) });
  const [errors, setErrors] = useState<FieldErrors>({});
  const audit = useInfiniteQuery(auditQuery(filters));
  const entries = audit.data?.pages.flatMap((p) => p.entries) ?? [];
  const exportParams = auditParams(filters);
  // While the form shows a problem, the results of the previous search are not shown beside it.
  const invalid = Object.keys(errors).length > 0;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next: FieldErrors = {};
    const nhs = form.nhsNumber.trim() ? checkNhsNumber(form.nhsNumber) : undefined;
    if (nhs && !nhs.valid) next.nhsNumber = nhs.reason;
    if (form.user.trim().length > 64) next.user = 'Enter at most 64 characters';
    const from = checkDateParts(dates.from, 'the "from" day');
    const to = checkDateParts(dates.to, 'the "to" day');
    if (!from.valid) next.from = from.reason;
    if (!to.valid) next.to = to.reason;
    const range = from.valid && to.valid ? checkDateRange(from.value, to.value) : undefined;
    if (range && !range.valid) next[range.field] = range.reason;
    setErrors(next);
    if (Object.keys(next).length > 0 || !range?.valid) return;
    setSearchParams(auditParams({ nhsNumber: nhs?.valid ? nhs.value : undefined, user: form.user.trim() || undefined, from: range.from, to: range.to }));
  }

  const field = (id: keyof typeof form, label: string, hint: string, width: 10 | 20 = 10) => (
    <TextField
      id={`audit-${id}`}
      groupClassName="audit-filters__field"
      label={label}
      hint={hint}
      error={errors[id]}
      width={width}
      value={form[id]}
      onChange={(value) => setForm({ ...form, [id]: value })}
    />
  );
  const dateField = (id: 'from' | 'to', legend: string) => (
    <DateInput
      id={`audit-${id}`}
      groupClassName="audit-filters__field"
      legend={legend}
      hint="A day, inclusive"
      error={errors[id]}
      value={dates[id]}
      onChange={(value) => setDates({ ...dates, [id]: value })}
    />
  );

  return (
    <div className="audit-page">
      <h1>Audit trail</h1>
      <p>Every attempt to reach patient data through this viewer: successful, failed and blocked. Newest first. Your searches here are recorded too.</p>
      <ErrorSummary id="audit-errors" errors={Object.entries(errors).map(([k, message]) => ({ href: `#audit-${k}`, message: message! }))} />
      <form className="audit-filters" onSubmit={onSubmit} noValidate aria-label="Filter the audit trail">
        <div className="audit-filters__fields">
          {field('nhsNumber', 'NHS number', '10 digits')}
          {field('user', 'User', 'SDS user ID or part of a name', 20)}
          {dateField('from', 'From')}
          {dateField('to', 'To')}
        </div>
        <button className="nhsuk-button" type="submit">
          Search
        </button>
      </form>
      {audit.isPending && (
        <p role="status" className="nhsuk-body">
          Reading the audit trail…
        </p>
      )}
      {!invalid && audit.isError && <ProblemView problem={problemOf(audit.error)} />}
      {!invalid && audit.isSuccess && (
        <div className="audit-summary" data-testid="audit-summary">
          <p>
            {entries.length === 0 ? 'No audit entries' : `${entries.length}${audit.hasNextPage ? '+' : ''} ${entries.length === 1 ? 'entry' : 'entries'}`} for{' '}
            {describeFilters(filters)}.
          </p>
          {entries.length > 0 && (
            <a
              className="nhsuk-button nhsuk-button--secondary"
              href={`/api/audit/export${exportParams.size ? `?${exportParams}` : ''}`}
              download
              data-testid="audit-export"
            >
              Download these results as CSV
            </a>
          )}
        </div>
      )}
      {!invalid && entries.length > 0 && (
        <div className="audit-table" role="region" aria-label="Audit entries" tabIndex={0}>
          <table className="nhsuk-table" data-testid="audit-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Audit entries, newest first</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">When</th>
                <th scope="col">User</th>
                <th scope="col">What</th>
                <th scope="col">Patient</th>
                <th scope="col">Outcome</th>
                <th scope="col">Spine</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="audit-row">
                  <td className="nowrap">{when(e.occurredAt)}</td>
                  <td>
                    {e.user ? (
                      <>
                        {e.user.name}
                        <br />
                        <span className="audit-table__small">
                          {e.user.id} · {e.user.role} · {e.user.organisation}
                        </span>
                      </>
                    ) : (
                      'Not signed in'
                    )}
                  </td>
                  <td>
                    {ACTIONS[e.action] ?? e.action}
                    {e.section &&
                      `: ${isSectionCode(e.section) ? SECTIONS[e.section].title : isStructuredAreaCode(e.section) ? STRUCTURED_AREA_TITLES[e.section] : e.section}`}
                  </td>
                  <td className="nowrap">{e.nhsNumber ? formatNhsNumber(e.nhsNumber) : '—'}</td>
                  <td>
                    <strong className={`nhsuk-tag ${OUTCOME_TAG[e.outcome]}`}>{e.outcome}</strong>
                    {e.errorCode && (
                      <>
                        <br />
                        <code>{e.errorCode}</code>
                      </>
                    )}
                  </td>
                  <td>
                    {e.sspTraceId ? (
                      <span className="audit-table__small">
                        <code>{e.sspTraceId}</code>
                        <br />
                        {e.interactionId?.split(':').at(-1)}
                        {e.practiceOdsCode && ` · ${e.practiceOdsCode}`}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!invalid && audit.hasNextPage && (
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
          {audit.isFetchingNextPage ? 'Loading…' : 'Show older entries'}
        </button>
      )}
    </div>
  );
}
