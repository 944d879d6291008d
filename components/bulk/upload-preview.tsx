"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import type { CheckedRow } from "@/lib/bulk/check-rows";
import { addressKey, type RowProblem } from "@/lib/bulk/row-values";
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

/** Every row as the person will see it sent or skipped; rows with problems first when there are any. */
export function UploadPreview({
  rows,
  existing,
}: {
  rows: readonly CheckedRow[];
  existing: ReadonlyMap<string, ExistingAddress>;
}) {
  const t = useTranslations("bulk.preview");
  const problemText = useProblemText();
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
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("row")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("email")}
                </th>
                <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                  {t("name")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("status")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {visible.map((row) => {
                const status = statusOf(row, existing);
                return (
                  <tr key={row.rowNumber} className="align-top">
                    <td className="px-3 py-2 text-slate-600 tabular-nums">{row.rowNumber}</td>
                    <td className="px-3 py-2 break-all text-slate-900">
                      {row.values.email || "—"}
                    </td>
                    <td className="hidden px-3 py-2 text-slate-700 sm:table-cell">
                      {row.values.displayName || "—"}
                    </td>
                    <td className="px-3 py-2">
                      {status === "problem" ? (
                        <ul className="space-y-0.5 text-red-800">
                          {row.problems.map((problem: RowProblem, index) => (
                            <li key={index}>{problemText(problem)}</li>
                          ))}
                        </ul>
                      ) : (
                        <span
                          className={status === "ready" ? "text-emerald-800" : "text-amber-800"}
                        >
                          {t(`statuses.${status}`)}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {total > SHOWN_ROWS ? (
        <p className="text-sm text-slate-600">{t("truncated", { shown: SHOWN_ROWS, total })}</p>
      ) : null}
    </div>
  );
}
