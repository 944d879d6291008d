import { writeCsv } from "@/lib/csv/write-csv";

export const RESULT_COLUMNS = [
  "Status",
  "Error",
  "Graph request ID",
  "User ID",
  "Redeem URL",
] as const;

export type ResultRow = {
  cells: readonly string[];
  status: string;
  error: string;
  requestId: string;
  userId: string;
  redeemUrl: string;
  /** What became of the row's groups ("Group A: added; Group B: failed (reason)"); absent when none. */
  groups?: string;
};

/** Added after the other result columns when any row named groups. */
export const GROUPS_RESULT_COLUMN = "Groups";

/**
 * The results file: the original columns, then status, error, Graph request-id, user id and redeem
 * URL, and the groups' outcomes when the file named groups. Written by the one CSV writer (BOM, every cell quoted, formulas neutralised, CRLF).
 */
export function buildResultsCsv(headers: readonly string[], rows: readonly ResultRow[]): string {
  const width = headers.length;
  const withGroups = rows.some((row) => row.groups !== undefined);
  return writeCsv([
    [...headers, ...RESULT_COLUMNS, ...(withGroups ? [GROUPS_RESULT_COLUMN] : [])],
    ...rows.map((row) => [
      ...Array.from({ length: width }, (_, index) => row.cells[index] ?? ""),
      row.status,
      row.error,
      row.requestId,
      row.userId,
      row.redeemUrl,
      ...(withGroups ? [row.groups ?? ""] : []),
    ]),
  ]);
}
