import type { CheckedRow } from "@/lib/bulk/check-rows";
import type { FileEncoding } from "@/lib/bulk/decode-file";
import { MAX_BULK_FILE_BYTES, MAX_BULK_ROWS } from "@/lib/bulk/limits";
import type { ParsedSheet } from "@/lib/bulk/parse-csv";

export type ReadFile = {
  fileName: string;
  encoding: FileEncoding;
  sheet: ParsedSheet;
  rows: CheckedRow[];
};

export type ReadProblem =
  | { key: "tooLarge"; params: { megabytes: number } }
  | { key: "unreadable" }
  | { key: "empty" }
  | { key: "noEmailColumn" }
  | { key: "tooManyRows"; params: { maximum: number } };

export type ReadOutcome = { ok: true; file: ReadFile } | { ok: false; problem: ReadProblem };

/** Reads, decodes, parses and checks a chosen file in the browser; nothing leaves the page. */
export async function readBulkFile(
  file: File,
  portal: { defaultRedirectUrl: string; localTenant: boolean },
  onProgress: (done: number) => void,
): Promise<ReadOutcome> {
  if (file.size > MAX_BULK_FILE_BYTES) {
    return {
      ok: false,
      problem: { key: "tooLarge", params: { megabytes: MAX_BULK_FILE_BYTES / (1024 * 1024) } },
    };
  }
  let buffer: ArrayBuffer;
  try {
    buffer = await file.arrayBuffer();
  } catch {
    return { ok: false, problem: { key: "unreadable" } };
  }
  // Parsing and checking load only when a file is chosen.
  const [{ decodeFile }, { parseBulkCsv }, { checkRows }] = await Promise.all([
    import("@/lib/bulk/decode-file"),
    import("@/lib/bulk/parse-csv"),
    import("@/lib/bulk/check-rows"),
  ]);
  const decoded = decodeFile(buffer);
  const parsed = parseBulkCsv(decoded.text);
  if (!parsed.ok) {
    return parsed.problem.key === "tooManyRows"
      ? { ok: false, problem: { key: "tooManyRows", params: { maximum: MAX_BULK_ROWS } } }
      : { ok: false, problem: { key: parsed.problem.key } };
  }
  const rows = await checkRows(
    parsed.sheet.rows,
    { columns: parsed.sheet.columns, ...portal },
    onProgress,
  );
  return {
    ok: true,
    file: { fileName: file.name, encoding: decoded.encoding, sheet: parsed.sheet, rows },
  };
}
