"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Button } from "@/components/ui/button";
import type { BulkRowView } from "@/lib/bulk/job-view";
import type { BulkRowState } from "@/lib/db/schema";
import { listBulkJobRows } from "./actions";
import { useRowOutcome } from "./row-outcome";
import { useServerAction } from "@/components/server-action/use-server-action";

const PAGE_SIZE = 50;
type Filter = "all" | "failed" | "succeeded" | "skipped";
const FILTERS: Record<Filter, BulkRowState[] | undefined> = {
  all: undefined,
  failed: ["failed"],
  succeeded: ["succeeded"],
  skipped: ["skipped", "cancelled"],
};

/** Each row's outcome, a page at a time; `refreshKey` changes whenever the counts do. */
export function JobRowsTable({ jobId, refreshKey }: { jobId: string; refreshKey: string }) {
  const t = useTranslations("bulk.rows");
  const { call } = useServerAction();
  const { label, reason } = useRowOutcome();
  const [filter, setFilter] = useState<Filter>("all");
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; rows: BulkRowView[] } | null>(null);

  useEffect(() => {
    let current = true;
    const states = FILTERS[filter];
    void call(listBulkJobRows, {
      jobId,
      offset,
      limit: PAGE_SIZE,
      ...(states ? { states } : {}),
    }).then((result) => {
      if (current && result.ok) setPage(result.data);
    });
    return () => {
      current = false;
    };
  }, [call, jobId, filter, offset, refreshKey]);

  return (
    <section aria-labelledby="rows-title" className="space-y-3">
      <h2 id="rows-title" className="text-base font-semibold text-slate-900">
        {t("title")}
      </h2>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="rows-filter" className="text-sm text-slate-700">
          {t("filter")}
        </label>
        <select
          id="rows-filter"
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value as Filter);
            setOffset(0);
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          {(Object.keys(FILTERS) as Filter[]).map((key) => (
            <option key={key} value={key}>
              {t(`filters.${key}`)}
            </option>
          ))}
        </select>
      </div>
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
              <th scope="col" className="px-3 py-2 font-medium">
                {t("outcome")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("link")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {(page?.rows ?? []).map((row) => {
              const why = reason(row);
              return (
                <tr key={row.rowNumber} className="align-top">
                  <td className="px-3 py-2 text-slate-600 tabular-nums">{row.rowNumber}</td>
                  <td className="px-3 py-2 break-all text-slate-900">{row.email || "—"}</td>
                  <td className="px-3 py-2">
                    <span className="font-medium">{label(row)}</span>
                    {why ? <p className="text-slate-700">{why}</p> : null}
                    {row.requestId && row.state === "failed" ? (
                      <p className="text-xs break-all text-slate-600">
                        {t("requestId")} <code>{row.requestId}</code>
                      </p>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    {row.redeemUrl ? (
                      <CopyButton
                        text={row.redeemUrl}
                        label={t("copyLink", { email: row.email })}
                      />
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {page && page.total > PAGE_SIZE ? (
        <nav aria-label={t("pages")} className="flex items-center gap-3 text-sm">
          <Button
            variant="secondary"
            size="sm"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            {t("previous")}
          </Button>
          <span>
            {t("range", {
              from: offset + 1,
              to: Math.min(offset + PAGE_SIZE, page.total),
              total: page.total,
            })}
          </span>
          <Button
            variant="secondary"
            size="sm"
            disabled={offset + PAGE_SIZE >= page.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            {t("next")}
          </Button>
        </nav>
      ) : null}
    </section>
  );
}
