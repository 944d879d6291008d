import type { DataTableColumn } from "@/components/ui/data-table";

/** The two columns every table of bulk rows starts with: the file's row number and the address. */
export function rowAndEmailColumns<Row extends { rowNumber: number }>(
  headers: { row: string; email: string },
  emailOf: (row: Row) => string | null | undefined,
): DataTableColumn<Row>[] {
  return [
    {
      key: "row",
      header: headers.row,
      className: "text-slate-600 tabular-nums",
      cell: (row) => row.rowNumber,
    },
    {
      key: "email",
      header: headers.email,
      className: "break-all text-slate-900",
      cell: (row) => emailOf(row) || "—",
    },
  ];
}
