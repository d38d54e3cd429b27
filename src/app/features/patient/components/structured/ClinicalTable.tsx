import { useMemo, useState, type ReactNode } from 'react';
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';

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
  if (date && filter.from && date.slice(0, 10) < filter.from) return false;
  if (date && filter.to && date.slice(0, 10) > filter.to) return false;
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
  if (rows.length === 0)
    return (
      <div className="clinical-table" data-testid={testId}>
        <h3 className="nhsuk-heading-xs">{caption} (0)</h3>
        {/* Never "none recorded": what the practice said of the area is shown above (R28). */}
        <p className="nhsuk-body-s">None in the record the practice sent.</p>
      </div>
    );
  return (
    <div className="clinical-table" data-testid={testId}>
      {/* A wide table scrolls inside its region at 1024×768; the region can be focused and scrolled by keyboard. */}
      <div className="clinical-table__scroll" role="region" aria-label={caption} tabIndex={0}>
        <table className="nhsuk-table">
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
          <tbody className="nhsuk-table__body">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="nhsuk-table__row" data-testid={rowTestId}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="nhsuk-table__cell">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > 0 && shown.length === 0 && (
        <p className="nhsuk-body-s">No rows match the filter. The practice sent {rows.length}: clear the filter to see them.</p>
      )}
    </div>
  );
}
