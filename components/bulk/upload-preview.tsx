"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import type { CheckedRow } from "@/lib/bulk/check-rows";
import { addressKey, type RowProblem } from "@/lib/bulk/row-values";
import { DataTable } from "@/components/ui/data-table";
import { rowAndEmailColumns } from "./row-columns";
import { useProblemText } from "./use-problem-text";

export type ExistingAddress = { pending: boolean; guest: boolean };

const SHOWN_ROWS = 200;

function statusOf(
  row: CheckedRow,
  existing: ReadonlyMap<string, ExistingAddress>,
): "ready" | "problem" | "pending" | "exists" {
  if (row.problems.length > 0) return "problem";
  const found = existing.get(addressKey(row.values.email));
  if (found?.pending) return "pending";
  if (found) return "exists";
  return "ready";
}

function RowStatus({ row, status }: { row: CheckedRow; status: ReturnType<typeof statusOf> }) {
  const t = useTranslations("bulk.preview");
  const problemText = useProblemText();
  if (status === "problem") {
    return (
      <ul className="space-y-0.5 text-red-800">
        {row.problems.map((problem: RowProblem, index) => (
          <li key={index}>{problemText(problem)}</li>
        ))}
      </ul>
    );
  }
  return (
    <span className={status === "ready" ? "text-emerald-800" : "text-amber-800"}>
      {t(`statuses.${status}`)}
    </span>
  );
}

/** Every row as the person will see it sent or skipped; rows with problems first when there are any. */
export function UploadPreview({
  rows,
  existing,
}: {
  rows: readonly CheckedRow[];
  existing: ReadonlyMap<string, ExistingAddress>;
}) {
  const t = useTranslations("bulk.preview");
  const withProblems = useMemo(() => rows.filter((row) => row.problems.length > 0), [rows]);
  const [onlyProblems, setOnlyProblems] = useState(withProblems.length > 0);
  const visible = (onlyProblems ? withProblems : rows).slice(0, SHOWN_ROWS);
  const total = onlyProblems ? withProblems.length : rows.length;

  return (
    <div className="space-y-3">
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">{t("show")}</legend>
        <label className="inline-flex items-center gap-2">
          <input
            type="radio"
            name="preview-filter"
            checked={onlyProblems}
            onChange={() => setOnlyProblems(true)}
          />
          {t("onlyProblems", { count: withProblems.length })}
        </label>
        <label className="inline-flex items-center gap-2">
          <input
            type="radio"
            name="preview-filter"
            checked={!onlyProblems}
            onChange={() => setOnlyProblems(false)}
          />
          {t("allRows", { count: rows.length })}
        </label>
      </fieldset>
      {visible.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noProblems")}</p>
      ) : (
        <DataTable
          variant="compact"
          caption={t("caption")}
          rows={visible}
          rowKey={(row) => row.rowNumber}
          columns={[
            ...rowAndEmailColumns<(typeof visible)[number]>(
              { row: t("row"), email: t("email") },
              (row) => row.values.email,
            ),
            {
              key: "name",
              header: t("name"),
              wideOnly: true,
              className: "text-slate-700",
              cell: (row) => row.values.displayName || "—",
            },
            {
              key: "status",
              header: t("status"),
              cell: (row) => <RowStatus row={row} status={statusOf(row, existing)} />,
            },
          ]}
        />
      )}
      {total > SHOWN_ROWS ? (
        <p className="text-sm text-slate-600">{t("truncated", { shown: SHOWN_ROWS, total })}</p>
      ) : null}
    </div>
  );
}
