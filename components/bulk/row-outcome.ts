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
  return { label, reason };
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
