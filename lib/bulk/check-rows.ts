import type { InviteFormValues } from "@/lib/invitations/invite-schema";
import { inviteSchemaFor } from "@/lib/invitations/invite-schema";
import { BULK_FIELDS, type BulkField, type ColumnMap } from "./columns";
import type { SheetRow } from "./parse-csv";
import { addressKey, rowValues, type RowProblem } from "./row-values";

export type CheckedRow = SheetRow & {
  values: InviteFormValues;
  problems: RowProblem[];
  /** The earlier row with the same address; a duplicate is never sent. */
  duplicateOf?: number;
};

export type CheckOptions = {
  columns: ColumnMap;
  defaultRedirectUrl: string;
  /** The portal runs on the local tenant (http://localhost redirect URLs allowed). */
  localTenant?: boolean;
};

const FIELD_NAMES = new Set<string>(BULK_FIELDS);

/** One row against the same schema as the single-invite form (browser and server alike). */
export function checkRow(row: SheetRow, options: CheckOptions): CheckedRow {
  const { values, problems } = rowValues(row.cells, options.columns, options.defaultRedirectUrl);
  const parsed = inviteSchemaFor({ localTenant: options.localTenant ?? false }).safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      // A bad cell already reported (e.g. user type) is not reported twice.
      if (problems.some((problem) => problem.field === field)) continue;
      // "At most {maximum} groups": zod keeps an array's limit on the issue itself.
      const params =
        (issue as { params?: Record<string, string | number> }).params ??
        (issue.code === "too_big" && typeof issue.maximum === "number"
          ? { maximum: issue.maximum }
          : undefined);
      problems.push({
        ...(FIELD_NAMES.has(field) ? { field: field as BulkField } : {}),
        key: issue.message,
        ...(params ? { params } : {}),
      });
    }
  }
  return { ...row, values: parsed.success ? parsed.data : values, problems };
}

/**
 * Marks repeated addresses: the first sendable row with an address is kept, later ones point back at it.
 * `seen` may carry addresses from earlier batches of the same file.
 */
export function markDuplicate(row: CheckedRow, seen: Map<string, number>): CheckedRow {
  const key = addressKey(row.values.email);
  // Only rows that would be sent count: a later good row is not held back by an earlier bad one.
  if (key === "" || row.problems.length > 0) return row;
  const first = seen.get(key);
  if (first === undefined) {
    seen.set(key, row.rowNumber);
    return row;
  }
  return {
    ...row,
    duplicateOf: first,
    problems: [
      ...row.problems,
      { field: "email", key: "bulk.problems.duplicate", params: { row: first } },
    ],
  };
}

export function isSendable(row: CheckedRow): boolean {
  return row.problems.length === 0;
}

/**
 * Checks every row, yielding to the event loop between batches so a 10,000-row file never freezes
 * the page; `onProgress` reports rows done.
 */
export async function checkRows(
  rows: readonly SheetRow[],
  options: CheckOptions,
  onProgress?: (done: number) => void,
  batchSize = 500,
): Promise<CheckedRow[]> {
  const seen = new Map<string, number>();
  const checked: CheckedRow[] = [];
  for (let start = 0; start < rows.length; start += batchSize) {
    for (const row of rows.slice(start, start + batchSize)) {
      checked.push(markDuplicate(checkRow(row, options), seen));
    }
    onProgress?.(checked.length);
    if (start + batchSize < rows.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return checked;
}
