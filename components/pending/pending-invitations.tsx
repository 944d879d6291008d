"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { CallError } from "@/components/server-action/call-error";
import { CursorPager, useCursorPages } from "@/components/ui/cursor-pager";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ListEmpty, ListLoading } from "@/components/ui/list-state";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import {
  listPendingInvitations,
  type PendingCapabilities,
  type PendingInvitationRow,
} from "./actions";
import { DEFAULT_FILTERS, filtersFromParams, paramsFromFilters } from "./filters-in-url";
import { LinkDialog } from "./link-dialog";
import { PendingFiltersBar, type PendingFilters } from "./pending-filters";
import { PendingTable } from "./pending-table";
import { ResendDialog } from "./resend-dialog";
import { ResetDialog } from "./reset-dialog";
import { RowActions } from "./row-actions";
import { useLinkActions } from "./use-link-actions";
import { useServerAction } from "@/components/server-action/use-server-action";
import { getStaleCapabilities } from "@/components/stale/actions";
import { RecentlyRemoved } from "@/components/stale/recently-removed";
import { useGuestSelection } from "@/components/stale/guest-selection";
import { StaleToolbar } from "@/components/stale/stale-toolbar";

type LoadedState =
  | { status: "error"; error: CallError }
  | { status: "ready"; rows: PendingInvitationRow[]; nextCursor: string | null; count?: number };
type PageState = { status: "loading" } | LoadedState;

/** The filters of the address bar. The list renders only in the browser (after sign-in), never on the server. */
function initialFilters(): PendingFilters {
  return typeof window === "undefined"
    ? DEFAULT_FILTERS
    : filtersFromParams(new URLSearchParams(window.location.search));
}

/**
 * Guests who have not accepted yet, one Graph page at a time. Graph pages only forward, so the
 * cursors of the pages seen so far are kept to go back.
 */
export function PendingInvitations() {
  const t = useTranslations("pending");
  const { call, renewSession } = useServerAction();
  const [filters, setFilters] = useState<PendingFilters>(initialFilters);
  const pages = useCursorPages();
  const [loaded, setLoaded] = useState<{ key: string; state: LoadedState } | null>(null);
  // From the last page received: the server decides from the validated token.
  const [capabilities, setCapabilities] = useState<PendingCapabilities | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [actionError, setActionError] = useState<{ title: string; error: CallError } | null>(null);
  const [reloads, setReloads] = useState(0);
  const [canRemove, setCanRemove] = useState(false);
  const request = useRef(0);
  const { cursor, pageIndex, first: firstPage } = pages;
  // The page shown belongs to one query; until that query's answer arrives, the page is loading.
  const queryKey = JSON.stringify([filters, cursor, reloads]);
  const page: PageState = loaded?.key === queryKey ? loaded.state : { status: "loading" };
  // Ticked guests survive paging; a new filter starts with none.
  const filtersKey = JSON.stringify(filters);
  const selection = useGuestSelection(filtersKey);
  // Graph counts on the first page only; the clean-up stays on the next pages of the same filter.
  const [knownCount, setKnownCount] = useState<{ key: string; count: number } | null>(null);

  useEffect(() => {
    const current = (request.current += 1);
    void call(listPendingInvitations, { ...filters, cursor }).then((outcome) => {
      if (current !== request.current) return;
      if (outcome.ok) {
        setCapabilities(outcome.data.capabilities);
        const { count } = outcome.data;
        if (count !== undefined) setKnownCount({ key: JSON.stringify(filters), count });
        setLoaded({ key: queryKey, state: { status: "ready", ...outcome.data } });
      }
      // A cursor the server no longer accepts (e.g. after a restart with another secret): start over.
      else if (outcome.error.code === "validation" && cursor) firstPage();
      else setLoaded({ key: queryKey, state: { status: "error", error: outcome.error } });
    });
  }, [call, filters, cursor, queryKey, firstPage]);

  useEffect(() => {
    void call(getStaleCapabilities, {}, { background: true }).then((outcome) => {
      if (outcome.ok) setCanRemove(outcome.data.canRemove);
    });
  }, [call]);

  const changeFilters = useCallback(
    (next: PendingFilters) => {
      setFilters(next);
      firstPage();
      // Kept in the address so a reload or a shared link shows the same list; no server round trip.
      const query = paramsFromFilters(next);
      window.history.replaceState(
        null,
        "",
        `${window.location.pathname}${query ? `?${query}` : ""}`,
      );
    },
    [firstPage],
  );

  const updateRow = useCallback((id: string, change: Partial<PendingInvitationRow>) => {
    setLoaded((current) =>
      current?.state.status === "ready"
        ? {
            ...current,
            state: {
              ...current.state,
              rows: current.state.rows.map((row) => (row.id === id ? { ...row, ...change } : row)),
            },
          }
        : current,
    );
  }, []);
  const removeRow = useCallback((id: string) => {
    setLoaded((current) =>
      current?.state.status === "ready"
        ? {
            ...current,
            state: { ...current.state, rows: current.state.rows.filter((row) => row.id !== id) },
          }
        : current,
    );
  }, []);
  const announce = useCallback((message: string) => {
    setActionError(null);
    setAnnouncement(message);
  }, []);
  const showError = useCallback((title: string, error: CallError) => {
    setAnnouncement("");
    setActionError({ title, error });
  }, []);

  const actions = useLinkActions({ announce, showError, updateRow, removeRow });
  const dialog = actions.dialog;
  const canReset = capabilities?.canReset ?? false;
  // The clean-up of invitations never accepted: with an age filter and guests matching it.
  const matching = page.status === "ready" ? page.count : undefined;
  const staleCount = matching ?? (knownCount?.key === filtersKey ? knownCount.count : undefined);
  const stale =
    page.status === "ready" && filters.olderThanDays && staleCount !== undefined && staleCount > 0
      ? { olderThanDays: filters.olderThanDays, count: staleCount }
      : null;

  return (
    <Card aria-labelledby="pending-title">
      <CardHeader level={1} titleId="pending-title" title={t("title")} description={t("intro")} />
      <CardBody className="space-y-5">
        <PendingFiltersBar filters={filters} onChange={changeFilters} />
        <p className="text-sm text-slate-600">
          {capabilities?.seesAllLinks ? t("scopeAll") : t("scopeOwn")}
        </p>
        <p
          role="status"
          aria-live="polite"
          className="text-sm font-medium text-emerald-800 empty:hidden"
        >
          {announcement}
        </p>
        {actionError ? (
          <ActionErrorAlert
            title={actionError.title}
            error={actionError.error}
            onSignInAgain={() => void renewSession()}
          />
        ) : null}

        {page.status === "loading" ? (
          <ListLoading label={t("loading")} />
        ) : page.status === "error" ? (
          <ActionErrorAlert
            title={t("loadFailed")}
            error={page.error}
            explain={(shown) => (shown.code === "forbidden" ? t("readForbidden") : undefined)}
            onSignInAgain={() => void renewSession()}
            onRetry={() => setReloads((value) => value + 1)}
          />
        ) : page.rows.length === 0 ? (
          <ListEmpty
            title={
              filters.search || filters.invitedByMe || filters.olderThanDays
                ? t("emptyFiltered")
                : t("empty")
            }
            hint={t("emptyHint")}
          />
        ) : (
          <>
            {page.count !== undefined ? (
              <p className="text-sm text-slate-600">{t("count", { count: page.count })}</p>
            ) : null}
            {stale ? (
              <StaleToolbar
                filters={filters}
                olderThanDays={stale.olderThanDays}
                count={stale.count}
                canRemove={canRemove}
                selection={selection}
              />
            ) : null}
            <PendingTable
              rows={page.rows}
              selection={stale ? selection : undefined}
              renderActions={(row) => (
                <RowActions
                  row={row}
                  canReset={canReset}
                  busy={actions.busyRow === row.id}
                  handlers={actions.handlers}
                />
              )}
            />
          </>
        )}

        <CursorPager
          pageIndex={pageIndex}
          nextCursor={page.status === "ready" ? page.nextCursor : null}
          busy={page.status === "loading"}
          onPrevious={pages.previous}
          onNext={pages.next}
        />
        {canRemove ? <RecentlyRemoved key={reloads} /> : null}
      </CardBody>

      {dialog?.kind === "link" ? (
        <LinkDialog
          title={t("linkDialog.title", { name: dialog.row.displayName })}
          description={t("linkDialog.body")}
          redeemUrl={dialog.redeemUrl}
          onClose={actions.closeDialog}
        />
      ) : null}
      {dialog?.kind === "resend" ? (
        <ResendDialog
          row={dialog.row}
          sending={dialog.sending}
          error={dialog.error}
          onConfirm={() => void actions.confirmResend(dialog.row, dialog.idempotencyKey)}
          onClose={actions.closeDialog}
          onSignInAgain={() => void renewSession()}
        />
      ) : null}
      {dialog?.kind === "reset" ? (
        <ResetDialog
          row={dialog.row}
          resetting={dialog.resetting}
          error={dialog.error}
          fieldError={dialog.fieldError}
          result={dialog.result}
          waitingForAddress={dialog.waitingForAddress ?? false}
          addressNotApplied={dialog.addressNotApplied ?? null}
          onConfirm={(resetRequest) =>
            void actions.confirmReset(dialog.row, resetRequest, dialog.idempotencyKey)
          }
          onClose={actions.closeDialog}
          onSignInAgain={() => void renewSession()}
        />
      ) : null}
    </Card>
  );
}
