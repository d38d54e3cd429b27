import type { Allergy } from '../../../../../shared/structuredRecord';
import { ClinicalTable, type ClinicalColumn, type RowFilter } from './ClinicalTable';
import { ClinicalDate, Notes, Onset, Term, termText } from './cells';

const reactions = (a: Allergy) => a.reactions.map((r) => `${r.manifestation}${r.severity ? ` (${r.severity})` : ''}`).join('; ');

const COMMON: ClinicalColumn<Allergy>[] = [
  { id: 'term', header: 'Allergy or adverse reaction', cell: (a) => <Term coded={a.term} />, sortValue: (a) => a.term.text, text: (a) => termText(a.term) },
  { id: 'onset', header: 'Onset', cell: (a) => <Onset onset={a.onset} recorded={a.asserted} />, sortValue: (a) => a.onset ?? a.asserted },
  { id: 'reactions', header: 'Reactions (severity)', cell: (a) => reactions(a) || 'Not recorded', text: reactions },
  { id: 'notes', header: 'Notes', cell: (a) => <Notes notes={a.notes} />, text: (a) => a.notes.join(' ') },
];
const ENDED: ClinicalColumn<Allergy>[] = [
  ...COMMON.slice(0, 2),
  { id: 'ended', header: 'Ended', cell: (a) => <ClinicalDate value={a.ended?.date} />, sortValue: (a) => a.ended?.date },
  { id: 'reason', header: 'Reason ended', cell: (a) => a.ended?.reason ?? 'Not recorded', text: (a) => a.ended?.reason },
  ...COMMON.slice(2),
];
const dateOf = (a: Allergy) => a.onset ?? a.asserted;

/** Allergies: active first, then ended with their date and reason (GP Connect 1.6.2: accessrecord_structured_development_allergyintolerance). */
export function AllergiesView({ items, filter, currentOnly }: { items: Allergy[]; filter: RowFilter; currentOnly?: boolean }) {
  return (
    <>
      <ClinicalTable
        caption="Active allergies and adverse reactions"
        rows={items.filter((a) => a.status === 'active')}
        columns={COMMON}
        filter={filter}
        dateOf={dateOf}
        initialSort={[{ id: 'onset', desc: true }]}
        testId="allergies-active"
        rowTestId="allergy"
      />
      {!currentOnly && (
        <ClinicalTable
          caption="Ended allergies and adverse reactions"
          rows={items.filter((a) => a.status === 'ended')}
          columns={ENDED}
          filter={filter}
          dateOf={dateOf}
          initialSort={[{ id: 'ended', desc: true }]}
          testId="allergies-ended"
          rowTestId="allergy"
        />
      )}
    </>
  );
}
