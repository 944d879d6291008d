/** A byte-order mark, so Excel opens the UTF-8 file with the right characters. */
export const UTF8_BOM = "\uFEFF";

// Spreadsheets run a cell starting with one of these as a formula (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: neutralised when it would start a formula, quoted when it holds a separator. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(",");
}

/** A whole CSV document (RFC 4180: CRLF between records), with the BOM in front. */
export function csvDocument(
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return UTF8_BOM + rows.map(csvRow).join("\r\n") + "\r\n";
}
