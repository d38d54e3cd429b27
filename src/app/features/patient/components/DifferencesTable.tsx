import type { DemographicDifference } from '../../../../shared/api';
import { formatClinicalDate } from '../../../../shared/dates';

const show = (field: string, value: string) => (field === 'birthDate' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatClinicalDate(value) : value);

/** Every difference between PDS and the practice's record, field by field (R7). */
export function DifferencesTable({ differences }: { differences: DemographicDifference[] }) {
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Differences between PDS and the practice's record</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Detail</th>
          <th scope="col">PDS (national record)</th>
          <th scope="col">Practice's record</th>
        </tr>
      </thead>
      <tbody>
        {differences.map((d) => (
          <tr key={d.field} data-testid={`difference-${d.field}`}>
            <th scope="row">{d.label}</th>
            <td>{show(d.field, d.pds)}</td>
            <td>{show(d.field, d.practice)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
