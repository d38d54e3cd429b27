import type { Result } from '../../../../../shared/structuredRecord';

/** One measurement over time: dated numeric values of one term in one unit, one series per part (blood pressure: systolic and diastolic). */
export interface Trend {
  /** Unique per term and unit. */
  key: string;
  term: string;
  unit?: string;
  series: string[];
  points: { date: string; values: (number | undefined)[]; text: string }[];
  /** Values of this term not plotted: a partial date, a comparator ("<5"), no number; they are in the area's table. */
  omitted: number;
}

const WHOLE_DATE = /^\d{4}-\d{2}-\d{2}/;
const partName = (term: string) => term.replace(/ arterial pressure$/i, '');

/**
 * Repeated numeric results by term and unit: HbA1c in mmol/mol and in % are two trends, never one
 * line. A panel's parts are matched by name, not by their order. A value with a comparator, no
 * number or a partial date is not plotted, and counted. A trend needs two points. Oldest first.
 */
export function trendsOf(results: Result[]): Trend[] {
  const groups = new Map<string, { term: string; unit?: string; rows: Result[]; omitted: number }>();
  for (const r of results) {
    const panel = r.components.length > 0;
    const unit = panel ? r.components.find((c) => c.unit)?.unit : r.numeric?.unit;
    const key = `${r.term.text}|${unit ?? ''}`;
    const group = groups.get(key) ?? { term: r.term.text, unit, rows: [], omitted: 0 };
    groups.set(key, group);
    const plottable =
      !!r.date && WHOLE_DATE.test(r.date) && (panel ? r.components.some((c) => c.numeric !== undefined) : r.numeric !== undefined && !r.numeric.comparator);
    if (plottable) group.rows.push(r);
    else if (panel || r.numeric || r.value) group.omitted += 1;
  }
  const trends: Trend[] = [];
  for (const [key, { term, unit, rows, omitted }] of groups) {
    if (rows.length < 2) continue;
    const sorted = [...rows].sort((a, b) => a.date!.localeCompare(b.date!));
    const series = sorted[0].components.length ? [...new Set(sorted.flatMap((r) => r.components.map((c) => partName(c.term))))] : [term];
    trends.push({
      key,
      term,
      unit,
      series,
      omitted,
      points: sorted.map((r) => ({
        date: r.date!.slice(0, 10),
        values: r.components.length ? series.map((name) => r.components.find((c) => partName(c.term) === name)?.numeric) : [r.numeric!.value],
        text: r.components.length
          ? r.components.map((c) => `${partName(c.term)} ${c.value ?? 'not recorded'}`).join(', ')
          : (r.value ?? String(r.numeric!.value)),
      })),
    });
  }
  return trends.sort((a, b) => b.points.length - a.points.length || a.term.localeCompare(b.term));
}
