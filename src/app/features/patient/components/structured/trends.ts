import type { Result } from '../../../../../shared/structuredRecord';

/** One measurement over time: dated numeric values of one term, one series per part (blood pressure: systolic and diastolic). */
export interface Trend {
  term: string;
  unit?: string;
  series: string[];
  points: { date: string; values: (number | undefined)[]; text: string }[];
}

/**
 * Repeated numeric results, by term: a value with a comparator ("<5") or no number is not plotted,
 * and a term needs two dated values to make a trend. Newest last, as a chart reads.
 */
export function trendsOf(results: Result[]): Trend[] {
  const byTerm = new Map<string, Result[]>();
  for (const r of results) {
    if (!r.date) continue;
    const plottable = r.components.length ? r.components.some((c) => c.numeric !== undefined) : r.numeric !== undefined && !r.numeric.comparator;
    if (plottable) byTerm.set(r.term.text, [...(byTerm.get(r.term.text) ?? []), r]);
  }
  const trends: Trend[] = [];
  for (const [term, rows] of byTerm) {
    if (rows.length < 2) continue;
    const sorted = [...rows].sort((a, b) => a.date!.localeCompare(b.date!));
    const panel = sorted[0].components.length > 0;
    const series = panel ? sorted[0].components.map((c) => c.term.replace(/ arterial pressure$/i, '')) : [term];
    trends.push({
      term,
      unit: panel ? sorted[0].components[0].unit : sorted[0].numeric?.unit,
      series,
      points: sorted.map((r) => ({
        date: r.date!,
        values: panel ? r.components.map((c) => c.numeric) : [r.numeric!.value],
        text: r.components.length ? r.components.map((c) => c.value ?? 'not recorded').join(' / ') : (r.value ?? String(r.numeric!.value)),
      })),
    });
  }
  return trends.sort((a, b) => b.points.length - a.points.length || a.term.localeCompare(b.term));
}
