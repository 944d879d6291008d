"use client";

import { useTimeZone, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { CallError } from "@/components/server-action/call-error";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import { useServerAction } from "@/components/server-action/use-server-action";
import { Button } from "@/components/ui/button";
import { CursorPager, useCursorPages } from "@/components/ui/cursor-pager";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { ListEmpty, ListLoading } from "@/components/ui/list-state";
import {
  exportHistoryCsv,
  getHistoryScope,
  listHistoryEntries,
  type HistoryEntriesPage,
  type HistoryScope,
} from "./actions";
import { EMPTY_FILTER, HistoryFilters, toQuery, type HistoryFilterValues } from "./history-filters";
import { HistoryTable } from "./history-table";

type Loaded = { status: "error"; error: CallError } | ({ status: "ready" } & HistoryEntriesPage);

const PAGE_SIZE = 25;

function download(csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `invitation-history-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The portal's own record of what it did, filtered and paged on the server, with a CSV export. */
export function HistoryView() {
  const t = useTranslations("history");
  // The zone the page shows times in (ViewerTimeZone): the filter's days are days there.
  const timeZone = useTimeZone() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { call, renewSession } = useServerAction();
  const [scope, setScope] = useState<HistoryScope | null>(null);
  const [filter, setFilter] = useState<HistoryFilterValues>(EMPTY_FILTER);
  const pages = useCursorPages();
  const [loaded, setLoaded] = useState<{ key: string; state: Loaded } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportMessage, setExportMessage] = useState("");
  const [exportError, setExportError] = useState<CallError | null>(null);
  const [reloads, setReloads] = useState(0);
  const request = useRef(0);
  const { cursor, pageIndex, first: firstPage } = pages;
  const queryKey = JSON.stringify([filter, cursor, reloads, timeZone]);
  const page = loaded?.key === queryKey ? loaded.state : null;

  useEffect(() => {
    let cancelled = false;
    void call(getHistoryScope, {}, { background: true }).then((outcome) => {
      if (!cancelled && outcome.ok) setScope(outcome.data);
    });
    return () => {
      cancelled = true;
    };
  }, [call]);

  useEffect(() => {
    const current = (request.current += 1);
    void call(listHistoryEntries, {
      ...toQuery(filter, timeZone),
      pageSize: PAGE_SIZE,
      cursor,
    }).then((outcome) => {
      if (current !== request.current) return;
      setLoaded({
        key: queryKey,
        state: outcome.ok
          ? { status: "ready", ...outcome.data }
          : { status: "error", error: outcome.error },
      });
    });
  }, [call, filter, cursor, queryKey, timeZone]);

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    setExportMessage("");
    const outcome = await call(exportHistoryCsv, toQuery(filter, timeZone));
    setExporting(false);
    if (!outcome.ok) return setExportError(outcome.error);
    download(outcome.data.csv);
    setExportMessage(
      t(outcome.data.truncated ? "export.truncated" : "export.done", { count: outcome.data.rows }),
    );
  }

  return (
    <Card aria-labelledby="history-title">
      <CardHeader
        level={1}
        titleId="history-title"
        title={t("title")}
        description={t("intro")}
        actions={
          <Button variant="secondary" onClick={() => void exportCsv()} disabled={exporting}>
            {exporting ? <Spinner /> : null}
            {t("export.button")}
          </Button>
        }
      />
      <CardBody className="space-y-5">
        <p className="text-sm text-slate-600" data-testid="history-scope">
          {scope === null ? "" : scope.seesAll ? t("scopeAll") : t("scopeOwn")}
        </p>
        <HistoryFilters
          key={scope?.seesAll ? "all" : "own"}
          applied={filter}
          inviters={scope?.inviters ?? []}
          onApply={(values) => {
            setFilter(values);
            firstPage();
          }}
        />
        <p
          role="status"
          aria-live="polite"
          className="text-sm font-medium text-emerald-800 empty:hidden"
        >
          {exportMessage}
        </p>
        {exportError ? (
          <ActionErrorAlert
            title={t("export.failed")}
            error={exportError}
            onSignInAgain={() => void renewSession()}
          />
        ) : null}

        {page === null ? (
          <ListLoading label={t("loading")} />
        ) : page.status === "error" ? (
          <ActionErrorAlert
            title={t("loadFailed")}
            error={page.error}
            onSignInAgain={() => void renewSession()}
            onRetry={() =>
              page.error.code === "validation" ? firstPage() : setReloads((n) => n + 1)
            }
          />
        ) : page.rows.length === 0 ? (
          <ListEmpty title={t("empty")} hint={t("emptyHint")} />
        ) : (
          <>
            <p className="text-sm text-slate-600">{t("total", { count: page.total })}</p>
            <HistoryTable rows={page.rows} />
          </>
        )}

        <CursorPager
          pageIndex={pageIndex}
          nextCursor={page?.status === "ready" ? page.nextCursor : null}
          busy={page === null}
          onPrevious={pages.previous}
          onNext={pages.next}
        />
      </CardBody>
    </Card>
  );
}
