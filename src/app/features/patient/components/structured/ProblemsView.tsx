import { useMemo } from 'react';
import { Link } from 'react-router';
import type { Problem } from '../../../../../shared/structuredRecord';
import { ClinicalTable, type ClinicalColumn, type RowFilter } from './ClinicalTable';
import { ClinicalDate, Notes, Onset, Term, termText } from './cells';

const KIND_AREA = { medication: 'medications', consultation: 'consultations', investigation: 'investigations', observation: 'uncategorised' } as const;
const KIND_LABEL = { medication: 'Medication', consultation: 'Consultation', investigation: 'Result', observation: 'Reading', other: 'Item' } as const;

/** Related clinical content (R30): each linked item opens its area, filtered to it. */
function Links({ problem, base }: { problem: Problem; base: string }) {
  if (problem.links.length === 0) return <span className="nhsuk-u-secondary-text-color">None linked</span>;
  return (
    <ul className="nhsuk-list nhsuk-body-s" data-testid="problem-links">
      {problem.links.map((link) => {
        const area = link.kind === 'other' ? undefined : KIND_AREA[link.kind];
        const text = (
          <>
            {KIND_LABEL[link.kind]}: {link.label}
            {link.detail && `, ${link.detail}`}
            {link.date && (
              <>
                {' '}
                (<ClinicalDate value={link.date} />)
              </>
            )}
          </>
        );
        return <li key={link.id}>{area ? <Link to={`${base}/${area}?${new URLSearchParams({ q: link.label })}`}>{text}</Link> : text}</li>;
      })}
    </ul>
  );
}

const dateOf = (p: Problem) => p.onset ?? p.asserted;
const SIGNIFICANCE = { major: 'Major', minor: 'Minor' } as const;

function columns(base: string, ended: boolean): ClinicalColumn<Problem>[] {
  return [
    { id: 'term', header: 'Problem', cell: (p) => <Term coded={p.term} />, sortValue: (p) => p.term.text, text: (p) => termText(p.term) },
    {
      id: 'significance',
      header: 'Significance',
      cell: (p) => (p.significance ? SIGNIFICANCE[p.significance] : 'Not recorded'),
      // Major before minor.
      sortValue: (p) => (p.significance === 'major' ? 0 : p.significance === 'minor' ? 1 : undefined),
      text: (p) => p.significance,
    },
    { id: 'onset', header: 'Onset', cell: (p) => <Onset onset={p.onset} recorded={p.asserted} />, sortValue: (p) => p.onset ?? p.asserted },
    ...(ended ? [{ id: 'ended', header: 'Ended', cell: (p: Problem) => <ClinicalDate value={p.ended} />, sortValue: (p: Problem) => p.ended }] : []),
    { id: 'links', header: 'Linked items', cell: (p) => <Links problem={p} base={base} />, text: (p) => p.links.map((l) => l.label).join(' ') },
    { id: 'notes', header: 'Notes', cell: (p) => <Notes notes={p.notes} />, text: (p) => p.notes.join(' ') },
  ];
}

/** Problems (R30): active, then inactive; major and minor; each with what it links to. `base`: the structured record's path for this patient. */
export function ProblemsView({ items, filter, base, currentOnly }: { items: Problem[]; filter: RowFilter; base: string; currentOnly?: boolean }) {
  const [active, inactive] = useMemo(() => [columns(base, false), columns(base, true)], [base]);
  return (
    <>
      <ClinicalTable
        caption="Active problems"
        rows={items.filter((p) => p.status === 'active')}
        columns={active}
        filter={filter}
        dateOf={dateOf}
        initialSort={[
          { id: 'significance', desc: false },
          { id: 'onset', desc: true },
        ]}
        testId="problems-active"
        rowTestId="problem"
      />
      {!currentOnly && (
        <ClinicalTable
          caption="Inactive problems"
          rows={items.filter((p) => p.status === 'inactive')}
          columns={inactive}
          filter={filter}
          dateOf={dateOf}
          initialSort={[{ id: 'ended', desc: true }]}
          testId="problems-inactive"
          rowTestId="problem"
        />
      )}
    </>
  );
}
