"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { rowAndEmailColumns } from "./row-columns";
import type { BulkJobProgressView, BulkRowView } from "@/lib/bulk/job-view";
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
export function JobRowsTable({
  jobId,
  kind,
  refreshKey,
}: {
  jobId: string;
  kind: BulkJobProgressView["job"]["kind"];
  refreshKey: string;
}) {
  const t = useTranslations("bulk.rows");
  const byKind = useTranslations("StaleInvitationsJob");
  const { call } = useServerAction();
  const { label, reason, groupLines } = useRowOutcome();
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

  const anyGroups = (page?.rows ?? []).some((row) => row.groups !== null);

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
      <DataTable
        variant="compact"
        caption={t("caption")}
        rows={page?.rows ?? []}
        rowKey={(row) => row.rowNumber}
        columns={[
          ...rowAndEmailColumns<NonNullable<typeof page>["rows"][number]>(
            { row: t("row"), email: t("email") },
            (row) => row.email,
          ),
          {
            key: "outcome",
            header: t("outcome"),
            cell: (row) => {
              const why = reason(row);
              return (
                <>
                  <span className="font-medium">
                    {row.state === "succeeded" ? byKind("rowSucceeded", { kind }) : label(row)}
                  </span>
                  {why ? <p className="text-slate-700">{why}</p> : null}
                  {row.requestId && row.state === "failed" ? (
                    <p className="text-xs break-all text-slate-600">
                      {t("requestId")} <code>{row.requestId}</code>
                    </p>
                  ) : null}
                </>
              );
            },
          },
          ...(anyGroups
            ? [
                {
                  key: "groups",
                  header: t("groups"),
                  cell: (row: BulkRowView) =>
                    row.groups ? (
                      <ul className="space-y-0.5">
                        {groupLines(row).map((line, index) => (
                          <li key={row.groups?.[index]?.groupId ?? index}>{line}</li>
                        ))}
                      </ul>
                    ) : (
                      "—"
                    ),
                },
              ]
            : []),
          {
            key: "link",
            header: t("link"),
            cell: (row) =>
              row.redeemUrl ? (
                <CopyButton text={row.redeemUrl} label={t("copyLink", { email: row.email })} />
              ) : (
                "—"
              ),
          },
        ]}
      />
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
