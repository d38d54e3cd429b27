import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Trend } from './trends';

/** NHS.UK colours: blue, then dark pink, for a second series (diastolic). */
const COLOURS = ['#005eb8', '#7c2855'];

/** A line chart of one trend (uPlot, canvas): dates along, values up; its values table stands beside it for reading and for screen readers. */
export default function TrendChart({ trend }: { trend: Trend }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const x = trend.points.map((p) => Date.parse(`${p.date.slice(0, 10)}T12:00:00Z`) / 1000);
    const ys = trend.series.map((_, s) => trend.points.map((p) => p.values[s] ?? null));
    const chart = new uPlot(
      {
        width: Math.min(element.clientWidth || 560, 640),
        height: 260,
        series: [
          {
            label: 'Date',
            value: (_u, v) => (v == null ? '' : new Date(v * 1000).toLocaleDateString('en-GB', { day: '2-digit', month: 'short', year: 'numeric' })),
          },
          ...trend.series.map((label, s) => ({
            label: trend.unit ? `${label} (${trend.unit})` : label,
            stroke: COLOURS[s % COLOURS.length],
            width: 2,
            points: { size: 7 },
          })),
        ],
        axes: [{}, { label: trend.unit }],
        scales: { x: { time: true } },
      },
      [x, ...ys],
      element,
    );
    return () => chart.destroy();
  }, [trend]);
  return (
    <div ref={host} className="trend-chart" role="img" aria-label={`Chart of ${trend.term}; the values are in the table beside it`} data-testid="trend-chart" />
  );
}
