import { lazy, Suspense, useMemo, useState } from 'react';
import type { Result } from '../../../../../shared/structuredRecord';
import { ClinicalDate } from './cells';
import { trendsOf, type Trend } from './trends';

/** The chart library is loaded only when a chart is first shown. */
const TrendChart = lazy(() => import('./TrendChart'));

function TrendValues({ trend }: { trend: Trend }) {
  return (
    <table className="nhsuk-table nhsuk-body-s trend-values" data-testid="trend-values">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">
        {trend.term}
        {trend.unit ? ` (${trend.unit})` : ''}: {trend.points.length} values plotted
        {trend.omitted > 0 && `; ${trend.omitted} more in the table below, not plotted (a partial date, a "<" or ">" value, or no number)`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {[...trend.points].reverse().map((p, i) => (
          <tr key={i}>
            <td>
              <ClinicalDate value={p.date} />
            </td>
            <td>{p.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Trends for repeated numeric results (HbA1c, blood pressure, eGFR, weight, …): the chart with its values table beside it. */
export function TrendsPanel({ results }: { results: Result[] }) {
  // Grouped once per answer, not on every render of the page around it.
  const trends = useMemo(() => trendsOf(results), [results]);
  const [chosen, setChosen] = useState<string | undefined>();
  if (trends.length === 0) return null;
  const trend = trends.find((t) => t.key === chosen);
  return (
    <section className="trends" aria-labelledby="trends-heading" data-testid="trends">
      <h3 className="nhsuk-heading-s" id="trends-heading">
        Trends
      </h3>
      <ul className="nhsuk-list trends__choices">
        {trends.map((t) => (
          <li key={t.key}>
            <button
              type="button"
              className={`nhsuk-button nhsuk-button--secondary nhsuk-button--small${t.key === chosen ? ' trends__choice--chosen' : ''}`}
              aria-pressed={t.key === chosen}
              onClick={() => setChosen(t.key === chosen ? undefined : t.key)}
            >
              {t.term}
              {t.unit ? ` in ${t.unit}` : ''} ({t.points.length})
            </button>
          </li>
        ))}
      </ul>
      {trend && (
        <div className="trends__shown">
          <div className="trends__chart">
            <Suspense fallback={<p className="nhsuk-body-s">Loading the chart…</p>}>
              <TrendChart trend={trend} />
            </Suspense>
          </div>
          <TrendValues trend={trend} />
        </div>
      )}
    </section>
  );
}
