import Papa from "papaparse";

// A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a would-be formula with a quote, so a spreadsheet shows it as text (OWASP CSV injection). */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

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
 * URL. UTF-8 with a byte order mark so Excel reads accents correctly; CRLF line ends.
 */
export function buildResultsCsv(headers: readonly string[], rows: readonly ResultRow[]): string {
  const width = headers.length;
  const data = [
    [...headers, ...RESULT_COLUMNS],
    ...rows.map((row) => [
      ...Array.from({ length: width }, (_, index) => row.cells[index] ?? ""),
      row.status,
      row.error,
      row.requestId,
      row.userId,
      row.redeemUrl,
    ]),
  ].map((cells) => cells.map(neutralizeFormula));
  return `\ufeff${Papa.unparse(data, { newline: "\r\n", quotes: false })}\r\n`;
}
