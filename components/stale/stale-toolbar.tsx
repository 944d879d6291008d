"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ModalDialog } from "@/components/pending/modal-dialog";
import type { PendingFilters } from "@/components/pending/pending-filters";
import type { CallError } from "@/components/server-action/call-error";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import { useServerAction } from "@/components/server-action/use-server-action";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { StaleAgeDays } from "@/lib/pending/pending-query";
import { MAX_SELECTED_GUESTS } from "@/lib/pending/stale-inputs";
import { startStaleInvitationsJob } from "./actions";
import type { GuestSelection } from "./guest-selection";

type Kind = "remind" | "remove";

/**
 * What to do with every guest the stale filter matches, or with the guests ticked in the table:
 * remind them (a resend), or, for people Graph lets delete users, remove them to Entra's deleted
 * items. For "all", the server resolves the guests itself; ticked ones it checks again against Graph.
 */
export function StaleToolbar({
  filters,
  olderThanDays,
  count,
  canRemove,
  selection,
}: {
  filters: PendingFilters;
  olderThanDays: StaleAgeDays;
  count: number;
  canRemove: boolean;
  selection: GuestSelection;
}) {
  const t = useTranslations("StaleInvitations");
  const { call, renewSession } = useServerAction();
  const [asking, setAsking] = useState<Kind | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [started, setStarted] = useState<{ id: string; kind: Kind } | null>(null);

  // Ticked guests take over from "all matching" until the selection is cleared.
  const selected = selection.count;
  const target = selected > 0 ? selected : count;

  async function start(kind: Kind) {
    setStarting(true);
    setError(null);
    const outcome = await call(startStaleInvitationsJob, {
      kind,
      olderThanDays,
      search: filters.search,
      invitedByMe: filters.invitedByMe,
      guestIds: selected > 0 ? selection.ids : null,
    });
    setStarting(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setAsking(null);
    setStarted({ id: outcome.data.id, kind });
    selection.clear();
  }

  return (
    <section
      aria-labelledby="stale-toolbar-title"
      className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4"
    >
      <h2 id="stale-toolbar-title" className="text-base font-semibold text-slate-900">
        {t("toolbarTitle", { count, days: olderThanDays })}
      </h2>
      <p className="text-sm text-slate-700">
        {t(selected > 0 ? "toolbarHintSelected" : "toolbarHint")}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => setAsking("remind")}>
          {selected > 0 ? t("remindSelected", { count: selected }) : t("remindAll", { count })}
        </Button>
        {canRemove ? (
          <Button variant="secondary" onClick={() => setAsking("remove")}>
            {selected > 0 ? t("removeSelected", { count: selected }) : t("removeAll", { count })}
          </Button>
        ) : null}
        <p role="status" aria-live="polite" className="text-sm font-medium text-slate-900 sm:ml-2">
          {selected > 0 ? t("selectedCount", { count: selected }) : ""}
        </p>
        {selected > 0 ? (
          <Button variant="secondary" size="sm" onClick={selection.clear}>
            {t("clearSelection")}
          </Button>
        ) : null}
      </div>
      {selection.atCap ? (
        <p className="text-sm font-medium text-amber-900">
          {t("selectionCap", { max: MAX_SELECTED_GUESTS })}
        </p>
      ) : null}
      {started ? (
        <p role="status" className="text-sm font-medium text-emerald-800">
          {t(started.kind === "remove" ? "removalStarted" : "reminderStarted")}{" "}
          <Link href={`/bulk/${started.id}`} className="underline">
            {t("openJob")}
          </Link>
        </p>
      ) : null}

      {asking ? (
        <ModalDialog
          titleId="stale-confirm-title"
          describedById="stale-confirm-body"
          onClose={() => setAsking(null)}
        >
          <div className="space-y-4 p-6">
            <h2 id="stale-confirm-title" className="text-lg font-semibold">
              {t(asking === "remove" ? "confirmRemoveTitle" : "confirmRemindTitle", {
                count: target,
              })}
            </h2>
            <p id="stale-confirm-body" className="text-sm text-slate-700">
              {t(asking === "remove" ? "confirmRemoveBody" : "confirmRemindBody", {
                count: target,
              })}
            </p>
            {error ? (
              <ActionErrorAlert
                title={t("startFailed")}
                error={error}
                onSignInAgain={() => void renewSession()}
              />
            ) : null}
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="secondary" onClick={() => setAsking(null)} autoFocus>
                {t("cancel")}
              </Button>
              <Button onClick={() => void start(asking)} disabled={starting}>
                {starting ? <Spinner /> : null}
                {t(asking === "remove" ? "confirmRemove" : "confirmRemind", { count: target })}
              </Button>
            </div>
          </div>
        </ModalDialog>
      ) : null}
    </section>
  );
}
