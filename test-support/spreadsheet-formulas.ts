import Papa from "papaparse";

const BOM = "\uFEFF";

// What a spreadsheet would run as a formula: = + - @ or NUL first, past white space and quotes.
const FORMULA = /^[\s"]*[=+\-@\0]/;

/** The file's records read with this separator, as papaparse (and a spreadsheet honouring quotes) does. */
export function readCsv(csv: string, delimiter: "," | ";"): string[][] {
  const text = csv.startsWith(BOM) ? csv.slice(BOM.length) : csv;
  // Without the CRLF that ends the last record, so a record of one empty cell is not mistaken for it.
  return Papa.parse<string[]>(text.replace(/\r\n$/, ""), { delimiter }).data;
}

/**
 * Every cell a spreadsheet could run as a formula when it opens this CSV file: read with `,`, read
 * with `;`, and read by a reader that ignores quotes altogether (a cell starts at the start of the
 * file and after every `,` `;` tab or line break; any reader starts its cells at some of these).
 */
export function cellsReadAsFormulas(csv: string): string[] {
  const text = csv.startsWith(BOM) ? csv.slice(BOM.length) : csv;
  return [
    ...readCsv(csv, ",").flat(),
    ...readCsv(csv, ";").flat(),
    ...text.split(/[,;\t\r\n]/),
  ].filter((cell) => FORMULA.test(cell));
}
