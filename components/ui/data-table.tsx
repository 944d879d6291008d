import type { ReactNode } from "react";

export type DataTableColumn<Row> = {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The cell names its row for assistive technology: rendered as `<th scope="row">`. */
  rowHeader?: boolean;
  /** Classes for this column's cells (tone, weight, wrapping). */
  className?: string;
  /** Left out below the `sm` breakpoint (compact tables only). */
  wideOnly?: boolean;
};

/**
 * `stacked`: a full-width list whose rows become cards on narrow screens (headers stay for screen
 * readers). `compact`: a bordered table that scrolls sideways when it does not fit.
 */
export type DataTableVariant = "stacked" | "compact";

type Styles = {
  wrapper: string;
  table: string;
  head: string;
  headerCell: string;
  body: string;
  row: string;
  cell: string;
};

const STACKED_CELL = "px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1";

const STYLES: Record<DataTableVariant, Styles> = {
  stacked: {
    wrapper: "sm:overflow-x-auto",
    table: "w-full border-collapse text-left text-sm max-sm:block",
    head: "border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase max-sm:sr-only",
    headerCell: STACKED_CELL,
    body: "divide-y divide-slate-200 max-sm:block",
    row: "align-top max-sm:block max-sm:py-3",
    cell: STACKED_CELL,
  },
  compact: {
    wrapper: "overflow-x-auto rounded-md border border-slate-200",
    table: "min-w-full divide-y divide-slate-200 text-left text-sm",
    head: "bg-slate-50 text-slate-700",
    headerCell: "px-3 py-2 font-medium",
    body: "divide-y divide-slate-100",
    row: "align-top",
    cell: "px-3 py-2",
  },
};

function classes(...parts: (string | false | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}

/** One table for every list in the portal: a caption, column headers with scope, optional row headers. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  variant,
  className,
}: {
  /** Read by screen readers only; it names the table (e2e tests find tables by it). */
  caption: ReactNode;
  columns: readonly DataTableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  variant: DataTableVariant;
  /** Extra classes for the `<table>`, e.g. a minimum width before it scrolls. */
  className?: string;
}) {
  const styles = STYLES[variant];
  const hiddenWhenNarrow = "hidden sm:table-cell";
  return (
    <div className={styles.wrapper}>
      <table className={classes(styles.table, className)}>
        <caption className="sr-only">{caption}</caption>
        <thead className={styles.head}>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={classes(styles.headerCell, column.wideOnly && hiddenWhenNarrow)}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={styles.body}>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={styles.row}>
              {columns.map((column) => {
                const className = classes(
                  styles.cell,
                  column.className,
                  column.wideOnly && hiddenWhenNarrow,
                );
                return column.rowHeader ? (
                  <th key={column.key} scope="row" className={className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} className={className}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
