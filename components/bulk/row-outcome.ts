"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { BulkRowView } from "@/lib/bulk/job-view";

type Translate = ((key: string, values?: Record<string, string | number>) => string) & {
  has: (key: string) => boolean;
};

/** A row's state and reason in words: bulk-specific reasons first, then the portal's error codes. */
export function useRowOutcome() {
  const t = useTranslations() as unknown as Translate;
  const label = useCallback((row: BulkRowView) => t(`bulk.rowStates.${row.state}`), [t]);
  const reason = useCallback(
    (row: BulkRowView): string => {
      if (row.state === "queued" || row.state === "sending") return "";
      if ((row.errorCode === "invalid" || row.errorCode === "duplicate") && row.errorMessage) {
        const problem = parseProblem(row.errorMessage);
        if (t.has(problem.key)) return t(problem.key, problem.params);
      }
      if (row.errorCode && t.has(`bulk.rowErrors.${row.errorCode}`))
        return t(`bulk.rowErrors.${row.errorCode}`);
      if (row.errorCode && t.has(`errors.${row.errorCode}`)) return t(`errors.${row.errorCode}`);
      return row.errorCode ? t("errors.graph_error") : "";
    },
    [t],
  );
  /** One line per group the row named: "Group A: added", "Group B: failed (reason)". */
  const groupLines = useCallback(
    (row: BulkRowView): string[] =>
      (row.groups ?? []).map((group) => {
        const status = t(`bulk.groupStatus.${group.status}`);
        const why =
          group.status === "failed"
            ? group.errorCode && t.has(`errors.${group.errorCode}`)
              ? t(`errors.${group.errorCode}`)
              : t("errors.graph_error")
            : "";
        return why
          ? t("bulk.groupOutcome.withReason", { group: group.groupName, status, reason: why })
          : t("bulk.groupOutcome.plain", { group: group.groupName, status });
      }),
    [t],
  );
  /** The results file's cell: "Group A: added; Group B: failed (reason)". */
  const groups = useCallback((row: BulkRowView) => groupLines(row).join("; "), [groupLines]);
  return { label, reason, groups, groupLines };
}

/** A skipped row's problem as the server stored it (lib/bulk/job-rows.ts). */
function parseProblem(stored: string): { key: string; params?: Record<string, string | number> } {
  if (!stored.startsWith("{")) return { key: stored };
  try {
    const parsed = JSON.parse(stored) as {
      key?: unknown;
      params?: Record<string, string | number>;
    };
    return typeof parsed.key === "string"
      ? { key: parsed.key, ...(parsed.params ? { params: parsed.params } : {}) }
      : { key: stored };
  } catch {
    return { key: stored };
  }
}
