import { useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type Row, type SortingState } from '@tanstack/react-table';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { dateSpan } from '../../../../../shared/dates';

/** Above this many rows a table is windowed on screen: only the rows near the screen are in the page (issue 14 part 5). */
const WINDOW_FROM = 200;

/**
 * Whether the page is being printed: then every row is in the page. `beforeprint` is answered
 * synchronously (flushSync), so the browser prints the whole table; the media query covers
 * print emulation, which fires no event.
 */
const printListeners = new Set<() => void>();
let printing = false;
function setPrinting(next: boolean) {
  if (printing === next) return;
  printing = next;
  flushSync(() => printListeners.forEach((l) => l()));
}
if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => setPrinting(true));
  window.addEventListener('afterprint', () => setPrinting(false));
  window.matchMedia?.('print').addEventListener?.('change', (e) => setPrinting(e.matches));
}
function usePrinting(): boolean {
  return useSyncExternalStore(
    (listener) => {
      printListeners.add(listener);
      return () => printListeners.delete(listener);
    },
    () => printing || (typeof window !== 'undefined' && window.matchMedia?.('print').matches === true),
    () => false,
  );
}

/** One column: what a cell shows, what it sorts by (absent: not sortable), and the text the filter searches. */
export interface ClinicalColumn<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  sortValue?: (row: T) => string | number | undefined;
  text?: (row: T) => string | undefined;
}

/** The area page's filter: words anywhere in a row, and a date range on the row's date. */
export interface RowFilter {
  text: string;
  from?: string;
  to?: string;
}

/** Whether a row passes the filter; a row with no date is kept by a date range (an unknown date is never a reason to hide an item). */
export function passes<T>(row: T, filter: RowFilter, columns: ClinicalColumn<T>[], dateOf?: (row: T) => string | undefined): boolean {
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    const haystack = columns
      .map((c) => c.text?.(row) ?? '')
      .join(' ')
      .toLowerCase();
    if (!words.every((w) => haystack.includes(w))) return false;
  }
  const date = dateOf?.(row);
  // A partial date ("2019", "2019-06") is kept when any day of it falls in the range.
  const span = date ? dateSpan(date) : undefined;
  if (span && filter.from && span.end < filter.from) return false;
  if (span && filter.to && span.start > filter.to) return false;
  return true;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/**
 * A clinical table in NHS.UK style that sorts by any sortable column (headers are buttons, with
 * aria-sort) and shows only the rows that pass the page's filter, saying how many it hides.
 * Every row is in the DOM, so every row prints.
 */
export function ClinicalTable<T>({
  caption,
  rows,
  columns,
  filter,
  dateOf,
  initialSort,
  testId,
  rowTestId,
}: {
  caption: string;
  rows: T[];
  columns: ClinicalColumn<T>[];
  filter: RowFilter;
  dateOf?: (row: T) => string | undefined;
  initialSort?: SortingState;
  testId: string;
  rowTestId?: string;
}) {
  const [sorting, setSorting] = useState<SortingState>(initialSort ?? []);
  const shown = useMemo(() => rows.filter((r) => passes(r, filter, columns, dateOf)), [rows, filter, columns, dateOf]);
  const definitions = useMemo<ColumnDef<T>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: c.header,
        accessorFn: (row: T) => c.sortValue?.(row),
        cell: (ctx) => c.cell(ctx.row.original),
        enableSorting: c.sortValue !== undefined,
        sortUndefined: 'last',
      })),
    [columns],
  );
  // TanStack Table's instance is mutable, so the React Compiler leaves this component unmemoised (as its docs say).
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: shown,
    columns: definitions,
    state: { sorting },
    onSortingChange: setSorting,
    // A click turns the order round; a table is never left unsorted by a third click.
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const hidden = rows.length - shown.length;
  const modelRows = table.getRowModel().rows;
  const isPrinting = usePrinting();
  const windowed = modelRows.length > WINDOW_FROM && !isPrinting;
  if (rows.length === 0)
    return (
      <div className="clinical-table" data-testid={testId}>
        <p className="nhsuk-table__caption nhsuk-table__caption--s">{caption} (0)</p>
        {/* Never "none recorded": what the practice said of the area is shown above (R28). */}
        <p className="nhsuk-body-s">None in the record the practice sent.</p>
      </div>
    );
  return (
    <div className="clinical-table" data-testid={testId}>
      {/* A wide table scrolls inside its region at 1024×768; the region can be focused and scrolled by keyboard. */}
      <div className="clinical-table__scroll" role="region" aria-label={caption} tabIndex={0}>
        <table className="nhsuk-table" aria-rowcount={modelRows.length + 1}>
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            {caption} <span className="nhsuk-body-s">({hidden > 0 ? `${shown.length} of ${rows.length} shown: the filter hides ${hidden}` : rows.length})</span>
          </caption>
          <thead className="nhsuk-table__head">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th key={header.id} scope="col" aria-sort={sorted ? ARIA_SORT[sorted] : header.column.getCanSort() ? 'none' : undefined}>
                      {header.column.getCanSort() ? (
                        <button type="button" className="clinical-table__sort" onClick={header.column.getToggleSortingHandler()}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true" className="clinical-table__arrow">
                            {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ' ⇅'}
                          </span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          {windowed ? (
            <WindowedBody rows={modelRows} columns={columns.length} rowTestId={rowTestId} />
          ) : (
            <tbody className="nhsuk-table__body">
              {modelRows.map((row, i) => (
                <BodyRow key={row.id} row={row} index={i} rowTestId={rowTestId} />
              ))}
            </tbody>
          )}
        </table>
      </div>
      {windowed && (
        <p className="nhsuk-body-s clinical-table__windowed" data-testid="windowed-note">
          All {modelRows.length} rows are here: the rows are laid out as you scroll to them, and all of them print. Use the filter above to find a row.
        </p>
      )}
      {rows.length > 0 && shown.length === 0 && (
        <p className="nhsuk-body-s">No rows match the filter. The practice sent {rows.length}: clear the filter to see them.</p>
      )}
    </div>
  );
}

function BodyRow<T>({
  row,
  index,
  rowTestId,
  measure,
}: {
  row: Row<T>;
  index: number;
  rowTestId?: string;
  measure?: (element: HTMLTableRowElement | null) => void;
}) {
  return (
    // aria-rowindex: with windowing, a screen reader still knows where in the table a row is (the header is row 1).
    <tr className="nhsuk-table__row" data-testid={rowTestId} data-index={index} aria-rowindex={index + 2} ref={measure}>
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} className="nhsuk-table__cell">
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );
}

/** The rows near the screen, with spacer rows for the rest, so the page keeps the whole table's height and scrolls as one (TanStack Virtual, on the window). */
function WindowedBody<T>({ rows, columns, rowTestId }: { rows: Row<T>[]; columns: number; rowTestId?: string }) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    // Where the body starts on the page: what is above it (warnings, the filter, a trend chart) moves it.
    const measure = () => {
      const top = (body.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
      setOffset((previous) => (Math.abs(previous - top) > 1 ? top : previous));
    };
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    observer?.observe(document.body);
    return () => observer?.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({ count: rows.length, estimateSize: () => 72, overscan: 8, scrollMargin: offset });
  const items = virtualizer.getVirtualItems();
  const before = items.length ? items[0].start - offset : 0;
  const after = items.length ? virtualizer.getTotalSize() - (items[items.length - 1].end - offset) : 0;
  return (
    <tbody className="nhsuk-table__body" ref={body}>
      {before > 0 && (
        <tr aria-hidden="true" className="clinical-table__spacer">
          <td colSpan={columns} style={{ height: before }} />
        </tr>
      )}
      {items.map((item) => (
        <BodyRow key={rows[item.index].id} row={rows[item.index]} index={item.index} rowTestId={rowTestId} measure={virtualizer.measureElement} />
      ))}
      {after > 0 && (
        <tr aria-hidden="true" className="clinical-table__spacer">
          <td colSpan={columns} style={{ height: after }} />
        </tr>
      )}
    </tbody>
  );
}
