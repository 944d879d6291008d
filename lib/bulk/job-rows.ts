import { buildInvitationRequest } from "@/lib/invitations/graph-request";
import { checkRow, markDuplicate, type CheckedRow } from "./check-rows";
import { mapColumns, type BulkFormat } from "./columns";
import { addressKey, type RowProblem } from "./row-values";

/** A group named in a row, after the server's check for the job's owner (lib/groups). */
export type RowGroup = { id: string; displayName: string };

/**
 * The server's verdict on each group id a batch names (lower-case id → the group, or why the owner may
 * not use it). A group missing from the map is refused.
 */
export type GroupVerdicts = Map<string, { group: RowGroup } | { problem: RowProblem }>;

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
  /** The groups the guest joins after the invitation; null when the row names none. */
  groups: RowGroup[] | null;
  state: "queued" | "skipped";
  errorCode: SkipReason | null;
  /** The first problem, shown in the results: its i18n key, or `{"key","params"}` as JSON when it has values. */
  errorMessage: string | null;
};

function groupOf(id: string, verdicts: GroupVerdicts | undefined): RowGroup | undefined {
  const verdict = verdicts?.get(id.toLowerCase());
  return verdict && "group" in verdict ? verdict.group : undefined;
}

/** A valid row naming a group its owner may not use is refused with the single form's reason. */
function refuseGroups(row: CheckedRow, verdicts: GroupVerdicts | undefined): CheckedRow {
  if (!verdicts || row.problems.length > 0) return row;
  for (const group of row.values.groups ?? []) {
    const verdict = verdicts.get(group.id.toLowerCase());
    if (verdict && "group" in verdict) continue;
    const problem: RowProblem = verdict?.problem ?? {
      key: "validation.groups.notSelectable",
      params: { name: group.id },
    };
    return { ...row, problems: [{ ...problem, field: "groups" }] };
  }
  return row;
}

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
  groupVerdicts?: GroupVerdicts,
): PreparedRow[] {
  const columns = mapColumns(job.headers, job.format);
  return incoming.map((row) => {
    const checked = markDuplicate(
      refuseGroups(checkRow(row, { columns, ...portal }), groupVerdicts),
      seen,
    );
    const email = storable(addressKey(checked.values.email));
    const named = (checked.values.groups ?? []).map(
      (group) => groupOf(group.id, groupVerdicts) ?? group,
    );
    const base = {
      rowNumber: row.rowNumber,
      cells: row.cells.map(storable),
      email,
      groups:
        named.length > 0
          ? named.map((group) => ({ ...group, displayName: storable(group.displayName) }))
          : null,
    };
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
