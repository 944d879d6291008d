import Papa from "papaparse";

/** A byte-order mark, so Excel opens the UTF-8 file with the right characters. */
export const UTF8_BOM = "\uFEFF";

export type CsvValue = string | number | boolean | null | undefined;

/*
 * CSV injection (OWASP; ASVS 1.2.10): a spreadsheet runs a cell that starts with = + - @ (or a tab,
 * CR or NUL) as a formula. Excel splits a CSV on the list separator of the reader's region, `,` or
 * `;`, so the rule must hold under both:
 * - Every cell is quoted: a `;` or `,` inside a value cannot split it for a reader that honours quotes.
 * - A quote only opens a field at the field's start, so a reader splitting on the other separator can
 *   lose track of them (`"a","Bob;=cmd"` read with `;` gives the field `=cmd"`). So the start of a
 *   value, and the text right after every `,` `;` tab or line break inside it, is treated as the start
 *   of a cell: when, past spaces and double quotes, it starts a formula, a `'` goes in front of it.
 * Numbers and booleans are ours, never a person's text, and are written as they are.
 */
const STARTS_FORMULA = String.raw`(?=[\s"]*[=+\-@\0]|[\t\r])`;
const FORMULA_AT_START = new RegExp(`^${STARTS_FORMULA}`);
const FORMULA_AFTER_SEPARATOR = new RegExp(String.raw`([,;\t\r\n])${STARTS_FORMULA}`, "g");

/** The text with a `'` in front of every place a spreadsheet could start a formula. */
export function neutralizeFormula(text: string): string {
  return text.replace(FORMULA_AFTER_SEPARATOR, "$1'").replace(FORMULA_AT_START, "'");
}

function cellText(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? neutralizeFormula(value) : String(value);
}

/** A whole CSV document: the BOM, every cell quoted, CRLF after every record (RFC 4180). */
export function writeCsv(rows: readonly (readonly CsvValue[])[]): string {
  const cells = rows.map((row) => row.map(cellText));
  return `${UTF8_BOM}${Papa.unparse(cells, { quotes: true, newline: "\r\n" })}\r\n`;
}
