import Papa from "papaparse";
import { isAdminCenterHeader, mapColumns, type BulkFormat, type ColumnMap } from "./columns";
import { MAX_BULK_ROWS } from "./limits";

export type SheetRow = {
  /** 1-based record number in the file, as a spreadsheet shows it (the header and version rows count). */
  rowNumber: number;
  cells: string[];
};

export type SheetProblem =
  { key: "empty" } | { key: "noEmailColumn" } | { key: "tooManyRows"; params: { maximum: number } };

export type ParsedSheet = {
  format: BulkFormat;
  headers: string[];
  columns: ColumnMap;
  rows: SheetRow[];
  /** The admin center template's example row was found and left out. */
  skippedExampleRow: boolean;
};

export type ParseOutcome = { ok: true; sheet: ParsedSheet } | { ok: false; problem: SheetProblem };

const VERSION_ROW = /^\s*version\s*:/i;
// The admin center template ships with an example row ("Example: name@contoso.com…") to delete.
const EXAMPLE_CELL = /^\s*example\b/i;
// Version row, header row and example row, plus room for blank lines.
const PREVIEW_SLACK = 50;

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}

/**
 * Reads CSV text (papaparse: quoted fields, commas and line breaks inside quotes), with the delimiter
 * taken from the header row, so a semicolon-separated export from a European Excel and Excel's
 * tab-separated "Unicode text" work too. Stops reading soon after
 * the row limit, so a huge file is refused quickly instead of parsed whole.
 */
export function parseBulkCsv(text: string): ParseOutcome {
  const parsed = Papa.parse<string[]>(text, {
    delimiter: guessDelimiter(text),
    skipEmptyLines: false,
    preview: MAX_BULK_ROWS + PREVIEW_SLACK,
  });
  const records = parsed.data.map((cells) => cells.map((cell) => cell ?? ""));
  let index = 0;
  const skipBlank = () => {
    while (index < records.length && isBlank(records[index]!)) index += 1;
  };

  skipBlank();
  let format: BulkFormat = "simple";
  if (index < records.length && VERSION_ROW.test(records[index]![0] ?? "")) {
    format = "admin_center";
    index += 1;
    skipBlank();
  }
  const headers = (records[index] ?? []).map((header) => header.trim());
  if (headers.length === 0 || isBlank(headers)) return { ok: false, problem: { key: "empty" } };
  if (isAdminCenterHeader(headers)) format = "admin_center";
  const columns = mapColumns(headers, format);
  if (columns.email === undefined) return { ok: false, problem: { key: "noEmailColumn" } };
  index += 1;

  const rows: SheetRow[] = [];
  let skippedExampleRow = false;
  for (; index < records.length; index += 1) {
    const cells = records[index]!;
    if (isBlank(cells)) continue;
    if (rows.length === 0 && !skippedExampleRow && isExampleRow(cells, columns)) {
      skippedExampleRow = true;
      continue;
    }
    rows.push({ rowNumber: index + 1, cells });
  }
  if (rows.length > MAX_BULK_ROWS) {
    return { ok: false, problem: { key: "tooManyRows", params: { maximum: MAX_BULK_ROWS } } };
  }
  if (rows.length === 0) return { ok: false, problem: { key: "empty" } };
  return { ok: true, sheet: { format, headers, columns, rows, skippedExampleRow } };
}

function isExampleRow(cells: readonly string[], columns: ColumnMap): boolean {
  return EXAMPLE_CELL.test(cells[0] ?? "") || EXAMPLE_CELL.test(cells[columns.email ?? 0] ?? "");
}

const DELIMITERS = [",", ";", "\t"] as const;

/** The delimiter used most in the header row (the first line that is not the version row). */
export function guessDelimiter(text: string): string {
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/);
  const header = lines.find((line) => line.trim() !== "" && !VERSION_ROW.test(line)) ?? "";
  const outsideQuotes = header.replace(/"[^"]*"/g, "");
  let best: string = ",";
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = outsideQuotes.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}
