import { buildInvitationRequest } from "@/lib/invitations/graph-request";
import { checkRow, markDuplicate } from "./check-rows";
import { mapColumns, type BulkFormat } from "./columns";
import { addressKey } from "./row-values";

/** Why a row is never sent. Invalid and duplicate rows are found by the server itself. */
export type SkipReason = "invalid" | "duplicate" | "already_pending" | "left_out";

export type IncomingRow = {
  rowNumber: number;
  cells: string[];
  /** The person chose to leave this row out (e.g. an address already pending in the tenant). */
  skip?: "already_pending" | "left_out";
};

export type PreparedRow = {
  rowNumber: number;
  cells: string[];
  email: string;
  request: Record<string, unknown> | null;
  state: "queued" | "skipped";
  errorCode: SkipReason | null;
  /** The first problem, shown in the results: its i18n key, or `{"key","params"}` as JSON when it has values. */
  errorMessage: string | null;
};

/**
 * PostgreSQL cannot store NUL in text or jsonb: one in a cell would fail the whole batch's insert.
 * The row is refused by the schema anyway; what is kept for the results file shows U+FFFD instead.
 */
function storable(text: string): string {
  return text.replaceAll("\u0000", "\uFFFD");
}

/**
 * The server's verdict on rows the browser sent: each is checked again with the shared schema and
 * against the addresses already queued in the job (`seen`, updated in place), and the Graph request
 * is built here. The browser's own checks only decide what the person sees before confirming.
 */
export function prepareRows(
  incoming: readonly IncomingRow[],
  job: { headers: string[]; format: BulkFormat },
  portal: { defaultRedirectUrl: string; localTenant: boolean },
  seen: Map<string, number>,
): PreparedRow[] {
  const columns = mapColumns(job.headers, job.format);
  return incoming.map((row) => {
    const checked = markDuplicate(checkRow(row, { columns, ...portal }), seen);
    const email = storable(addressKey(checked.values.email));
    const base = { rowNumber: row.rowNumber, cells: row.cells.map(storable), email };
    const problem = checked.problems[0];
    if (problem) {
      return {
        ...base,
        request: null,
        state: "skipped" as const,
        errorCode:
          checked.duplicateOf !== undefined ? ("duplicate" as const) : ("invalid" as const),
        errorMessage: problem.params
          ? JSON.stringify({ key: problem.key, params: problem.params })
          : problem.key,
      };
    }
    if (row.skip) {
      // Left out by the person: free the address again for a later row of the same file.
      if (seen.get(email) === row.rowNumber) seen.delete(email);
      return {
        ...base,
        request: null,
        state: "skipped" as const,
        errorCode: row.skip,
        errorMessage: null,
      };
    }
    return {
      ...base,
      request: buildInvitationRequest(checked.values) as unknown as Record<string, unknown>,
      state: "queued" as const,
      errorCode: null,
      errorMessage: null,
    };
  });
}
