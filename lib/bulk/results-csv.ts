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
};

/**
 * The results file: the original columns, then status, error, Graph request-id, user id and redeem
 * URL. Written by the one CSV writer (BOM, every cell quoted, formulas neutralised, CRLF).
 */
export function buildResultsCsv(headers: readonly string[], rows: readonly ResultRow[]): string {
  const width = headers.length;
  return writeCsv([
    [...headers, ...RESULT_COLUMNS],
    ...rows.map((row) => [
      ...Array.from({ length: width }, (_, index) => row.cells[index] ?? ""),
      row.status,
      row.error,
      row.requestId,
      row.userId,
      row.redeemUrl,
    ]),
  ]);
}
