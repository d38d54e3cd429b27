/** Immunisations, consultations, investigations, uncategorised data, referrals and diary entries, each as the page's filter shows it. */
import { useMemo } from 'react';
import type { Consultation, DiaryEntry, Immunisation, Investigation, Referral, Result } from '../../../../../shared/structuredRecord';
import { dateSpan, todayInUk } from '../../../../../shared/dates';
import { ClinicalTable, type ClinicalColumn, type RowFilter } from './ClinicalTable';
import { ClinicalDate, Notes, Term, termText } from './cells';
import { TrendsPanel } from './TrendsPanel';

type View<T> = { items: T[]; filter: RowFilter };
/** Each row's date for the date filter: module constants, so a table filters again only when its rows or the filter change. */
const byDate = (row: { date?: string }) => row.date;
const byDue = (row: DiaryEntry) => row.due;
const NEWEST_FIRST = (id: string) => [{ id, desc: true }];

const IMMUNISATION_COLUMNS: ClinicalColumn<Immunisation>[] = [
  { id: 'date', header: 'Date', cell: (i) => <ClinicalDate value={i.date} />, sortValue: (i) => i.date },
  {
    id: 'vaccination',
    header: 'Vaccination',
    cell: (i) => <Term coded={i.vaccination} />,
    sortValue: (i) => i.vaccination.text,
    text: (i) => termText(i.vaccination),
  },
  { id: 'product', header: 'Product', cell: (i) => i.product ?? 'Not recorded', text: (i) => i.product },
  { id: 'dose', header: 'Dose', cell: (i) => i.dose || 'Not recorded', text: (i) => i.dose },
  { id: 'notes', header: 'Notes', cell: (i) => <Notes notes={i.notes} />, text: (i) => i.notes.join(' ') },
];
const NOT_GIVEN_COLUMNS: ClinicalColumn<Immunisation>[] = [
  ...IMMUNISATION_COLUMNS.slice(0, 2),
  { id: 'reason', header: 'Reason not given', cell: (i) => i.reasonNotGiven ?? 'Not recorded', text: (i) => i.reasonNotGiven },
  IMMUNISATION_COLUMNS[4],
];

export function ImmunisationsView({ items, filter }: View<Immunisation>) {
  return (
    <>
      <ClinicalTable
        caption="Immunisations given"
        rows={items.filter((i) => i.given)}
        columns={IMMUNISATION_COLUMNS}
        filter={filter}
        dateOf={byDate}
        initialSort={NEWEST_FIRST('date')}
        testId="immunisations-given"
        rowTestId="immunisation"
      />
      <ClinicalTable
        caption="Immunisations not given"
        rows={items.filter((i) => !i.given)}
        columns={NOT_GIVEN_COLUMNS}
        filter={filter}
        dateOf={byDate}
        initialSort={NEWEST_FIRST('date')}
        testId="immunisations-not-given"
        rowTestId="immunisation"
      />
    </>
  );
}

const consultationText = (c: Consultation) =>
  [c.title, c.clinician, c.location, ...c.topics.flatMap((t) => [t.title, ...t.headings.flatMap((h) => [h.title, ...h.items.map((i) => i.text)])])].join(' ');

function ConsultationContent({ c }: { c: Consultation }) {
  return (
    <>
      {c.topics.map((topic, t) => (
        <div key={t} className="consultation-topic">
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
            <strong>{topic.title}</strong>
          </p>
          {topic.headings.map((heading, h) => (
            <div key={h} className="nhsuk-body-s">
              {heading.title && <em>{heading.title}: </em>}
              {heading.items.map((item, i) => (
                <span key={i}>
                  {item.text}
                  {i < heading.items.length - 1 ? '; ' : ''}
                </span>
              ))}
            </div>
          ))}
        </div>
      ))}
    </>
  );
}

const CONSULTATION_COLUMNS: ClinicalColumn<Consultation>[] = [
  { id: 'date', header: 'Date', cell: (c) => <ClinicalDate value={c.date} />, sortValue: (c) => c.date },
  {
    id: 'title',
    header: 'Consultation',
    cell: (c) => (
      <>
        {c.title}
        {(c.clinician || c.location) && <p className="nhsuk-body-s nhsuk-u-secondary-text-color">{[c.clinician, c.location].filter(Boolean).join(', ')}</p>}
      </>
    ),
    sortValue: (c) => c.title,
    text: consultationText,
  },
  { id: 'content', header: 'Topics and headings', cell: (c) => <ConsultationContent c={c} /> },
];

/** Consultations, newest first, each with its topics and headings. */
export function ConsultationsView({ items, filter }: View<Consultation>) {
  return (
    <ClinicalTable
      caption="Consultations"
      rows={items}
      columns={CONSULTATION_COLUMNS}
      filter={filter}
      dateOf={byDate}
      initialSort={NEWEST_FIRST('date')}
      testId="consultations"
      rowTestId="consultation"
    />
  );
}

const FLAGS: Record<string, string> = { H: 'High', L: 'Low', HH: 'Very high', LL: 'Very low', A: 'Abnormal' };
/** The laboratory's flag; where it sent none, that is said: a blank could read as normal. */
export function Flag({ flag }: { flag: string | undefined }) {
  if (!flag) return <span className="nhsuk-u-secondary-text-color">No flag sent</span>;
  return (
    <strong className="nhsuk-tag nhsuk-tag--red" data-testid="abnormal-flag">
      {FLAGS[flag] ?? flag}
    </strong>
  );
}

/** A value as written; blood pressure and other panels part by part. */
export function ResultValue({ r }: { r: Result }) {
  if (r.components.length) return <>{r.components.map((c) => `${c.term.replace(/ arterial pressure$/i, '')}: ${c.value ?? 'not recorded'}`).join(', ')}</>;
  // A coded entry (an examination, a status) has no value: said as such, not as a missing result.
  return r.value ? <>{r.value}</> : <span className="nhsuk-u-secondary-text-color">No value (coded entry)</span>;
}
const resultText = (r: Result) => [termText(r.term), r.value, r.group, ...r.components.map((c) => `${c.term} ${c.value ?? ''}`), ...r.notes].join(' ');

function ReportResults({ report }: { report: Investigation }) {
  return (
    <table className="nhsuk-table nhsuk-body-s report-results" data-testid="report-results">
      <caption className="nhsuk-u-visually-hidden">Results of {report.title}</caption>
      <thead>
        <tr>
          <th scope="col">Test</th>
          <th scope="col">Value</th>
          <th scope="col">Reference range</th>
          <th scope="col">Flag</th>
        </tr>
      </thead>
      <tbody>
        {report.results.map((r) => (
          <tr key={r.id}>
            <td>
              <Term coded={r.term} />
              <Notes notes={r.notes} />
            </td>
            <td>
              <ResultValue r={r} />
            </td>
            <td>{r.range ?? 'Not given'}</td>
            <td>
              <Flag flag={r.flag} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const REPORT_STATUS: Record<string, string> = {
  preliminary: 'Preliminary',
  partial: 'Partial',
  amended: 'Amended',
  corrected: 'Corrected',
  registered: 'Registered, no result yet',
};

const INVESTIGATION_COLUMNS: ClinicalColumn<Investigation>[] = [
  { id: 'date', header: 'Date', cell: (r) => <ClinicalDate value={r.date} />, sortValue: (r) => r.date },
  {
    id: 'title',
    header: 'Report',
    cell: (r) => (
      <>
        {r.title}
        {r.status && r.status !== 'final' && (
          <>
            {' '}
            {/* A preliminary or amended report says so (NHS consumer hazard log #20). */}
            <strong className="nhsuk-tag nhsuk-tag--orange" data-testid="report-status">
              {REPORT_STATUS[r.status] ?? r.status}
            </strong>
          </>
        )}
        {r.specimen && (
          <p className="nhsuk-body-s nhsuk-u-secondary-text-color">
            {r.specimen.type}
            {r.specimen.collected && (
              <>
                , collected <ClinicalDate value={r.specimen.collected} />
              </>
            )}
          </p>
        )}
        <Notes notes={r.notes} />
      </>
    ),
    sortValue: (r) => r.title,
    text: (r) => [r.title, r.specimen?.type, ...r.notes, ...r.results.map(resultText)].join(' '),
  },
  { id: 'results', header: 'Results', cell: (r) => <ReportResults report={r} /> },
];

/** Investigations: each report with its specimen and results, values with units, ranges and abnormal flags. */
export function InvestigationsView({ items, filter }: View<Investigation>) {
  const results = useMemo(() => items.flatMap((r) => r.results), [items]);
  return (
    <>
      <TrendsPanel results={results} />
      <ClinicalTable
        caption="Investigations and results"
        rows={items}
        columns={INVESTIGATION_COLUMNS}
        filter={filter}
        dateOf={byDate}
        initialSort={NEWEST_FIRST('date')}
        testId="investigations"
        rowTestId="investigation"
      />
    </>
  );
}

const UNCATEGORISED_COLUMNS: ClinicalColumn<Result>[] = [
  { id: 'date', header: 'Date', cell: (r) => <ClinicalDate value={r.date} />, sortValue: (r) => r.date },
  { id: 'term', header: 'Item', cell: (r) => <Term coded={r.term} />, sortValue: (r) => r.term.text, text: resultText },
  { id: 'value', header: 'Value', cell: (r) => <ResultValue r={r} /> },
  { id: 'range', header: 'Reference range', cell: (r) => r.range ?? '' },
  { id: 'notes', header: 'Notes', cell: (r) => <Notes notes={r.notes} /> },
];

export function UncategorisedView({ items, filter }: View<Result>) {
  return (
    <>
      <TrendsPanel results={items} />
      <ClinicalTable
        caption="Uncategorised data"
        rows={items}
        columns={UNCATEGORISED_COLUMNS}
        filter={filter}
        dateOf={byDate}
        initialSort={NEWEST_FIRST('date')}
        testId="uncategorised"
        rowTestId="observation"
      />
    </>
  );
}

const PRIORITY: Record<string, string> = { routine: 'Routine', urgent: 'Urgent', asap: 'Two-week wait (as soon as possible)', stat: 'Immediate' };
const REFERRAL_COLUMNS: ClinicalColumn<Referral>[] = [
  { id: 'date', header: 'Date', cell: (r) => <ClinicalDate value={r.date} />, sortValue: (r) => r.date },
  { id: 'to', header: 'Referred to', cell: (r) => r.to.join('; ') || 'Not recorded', sortValue: (r) => r.to[0], text: (r) => r.to.join(' ') },
  { id: 'from', header: 'Referred by', cell: (r) => r.from ?? 'Not recorded', text: (r) => r.from },
  {
    id: 'priority',
    header: 'Priority',
    cell: (r) => (r.priority ? (PRIORITY[r.priority] ?? r.priority) : 'Not recorded'),
    sortValue: (r) => r.priority,
    text: (r) => r.priority,
  },
  { id: 'reason', header: 'Reason', cell: (r) => r.reason ?? 'Not recorded', text: (r) => [r.reason, ...r.notes].join(' ') },
  // A GP system does not know what became of a referral: "unknown" is said as such.
  { id: 'status', header: 'Status', cell: (r) => (r.status === 'unknown' ? 'Not known to the practice' : r.status) },
];

export function ReferralsView({ items, filter }: View<Referral>) {
  return (
    <>
      {/* Not current involvement: the GP system does not know what became of a referral (GP Connect 1.6.2: accessrecord_structured_development_referralrequest). */}
      <p className="nhsuk-body-s" data-testid="referrals-intro">
        Referrals the practice made. The GP system does not know what became of them: they do not show that the patient is under that service now.
      </p>
      <ClinicalTable
        caption="Referrals"
        rows={items}
        columns={REFERRAL_COLUMNS}
        filter={filter}
        dateOf={byDate}
        initialSort={NEWEST_FIRST('date')}
        testId="referrals"
        rowTestId="referral"
      />
    </>
  );
}

function diaryColumns(today: string): ClinicalColumn<DiaryEntry>[] {
  return [
    {
      id: 'due',
      header: 'Due',
      cell: (d) => (
        <>
          <ClinicalDate value={d.due} />
          {d.due && (dateSpan(d.due)?.end ?? d.due) < today && d.status === 'active' && (
            <>
              {' '}
              <strong className="nhsuk-tag nhsuk-tag--orange" data-testid="overdue">
                Overdue
              </strong>
            </>
          )}
        </>
      ),
      sortValue: (d) => d.due,
    },
    {
      id: 'entry',
      header: 'Entry',
      cell: (d) => <Term coded={d.entry} />,
      sortValue: (d) => d.entry.text,
      text: (d) => [termText(d.entry), ...d.notes].join(' '),
    },
    { id: 'authored', header: 'Added', cell: (d) => <ClinicalDate value={d.authored} />, sortValue: (d) => d.authored },
    { id: 'notes', header: 'Notes', cell: (d) => <Notes notes={d.notes} /> },
  ];
}

export function DiaryView({ items, filter }: View<DiaryEntry>) {
  // Today as of when the page opened: what is overdue.
  const columns = useMemo(() => diaryColumns(todayInUk()), []);
  return (
    <>
      {/* Diary entries are planned actions, whatever their code says (GP Connect 1.6.2: accessrecord_structured_development_procedurerequest). */}
      <p className="nhsuk-body-s" data-testid="diary-intro">
        Planned actions not yet done: recalls and reminders the practice set. An entry does not mean that the care it names was given or that the condition it
        names is present.
      </p>
      <ClinicalTable
        caption="Diary entries"
        rows={items}
        columns={columns}
        filter={filter}
        dateOf={byDue}
        initialSort={[{ id: 'due', desc: false }]}
        testId="diary"
        rowTestId="diary-entry"
      />
    </>
  );
}
