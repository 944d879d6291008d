"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { CallError } from "@/components/server-action/call-error";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import { useServerAction } from "@/components/server-action/use-server-action";
import { Button } from "@/components/ui/button";
import { ListEmpty, ListLoading } from "@/components/ui/list-state";
import { EXACT_TIME_FORMAT } from "@/lib/i18n/time-zone";
import { listRecentlyRemovedGuests, restoreRemovedGuest, type RemovedGuestView } from "./actions";

/** Guests in Entra's deleted items (User and Global Administrators), each restorable for 30 days. */
export function RecentlyRemoved() {
  const t = useTranslations("StaleInvitations");
  const format = useFormatter();
  const { call, renewSession } = useServerAction();
  const [guests, setGuests] = useState<RemovedGuestView[] | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState("");

  useEffect(() => {
    void call(listRecentlyRemovedGuests, {}).then((outcome) => {
      if (outcome.ok) setGuests(outcome.data);
      else setError(outcome.error);
    });
  }, [call]);

  async function restore(guest: RemovedGuestView) {
    setBusy(guest.id);
    setError(null);
    const outcome = await call(restoreRemovedGuest, { guestUserId: guest.id });
    setBusy(null);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    const name = guest.displayName ?? guest.email ?? guest.id;
    setMessage(
      outcome.data.status === "ok" ? t("restored", { name }) : t("restoreConflict", { name }),
    );
    if (outcome.data.status === "ok")
      setGuests((current) => current?.filter((g) => g.id !== guest.id) ?? null);
  }

  return (
    <section aria-labelledby="recently-removed-title" className="space-y-3">
      <h2 id="recently-removed-title" className="text-lg font-semibold text-slate-900">
        {t("removedTitle")}
      </h2>
      <p className="text-sm text-slate-600">{t("removedHint")}</p>
      <p
        role="status"
        aria-live="polite"
        className="text-sm font-medium text-emerald-800 empty:hidden"
      >
        {message}
      </p>
      {error ? (
        <ActionErrorAlert
          title={t("removedFailed")}
          error={error}
          onSignInAgain={() => void renewSession()}
        />
      ) : null}
      {guests === null ? (
        error ? null : (
          <ListLoading label={t("removedLoading")} />
        )
      ) : guests.length === 0 ? (
        <ListEmpty title={t("removedEmpty")} hint={t("removedEmptyHint")} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
          {guests.map((guest) => (
            <li
              key={guest.id}
              className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between"
            >
              <div className="min-w-0">
                <p className="font-medium break-words text-slate-900">
                  {guest.displayName ?? guest.email ?? guest.id}
                </p>
                <p className="text-sm break-words text-slate-600">
                  {guest.email}
                  {" · "}
                  {t("removedOn", {
                    date: format.dateTime(new Date(guest.deletedDateTime), EXACT_TIME_FORMAT),
                  })}
                  {" · "}
                  {t("daysLeft", { days: guest.daysLeft })}
                  {guest.removedHere ? ` · ${t("removedHere")}` : ""}
                </p>
              </div>
              <Button
                variant="secondary"
                size="sm"
                disabled={busy === guest.id}
                onClick={() => void restore(guest)}
                aria-label={t("restoreLabel", {
                  name: guest.displayName ?? guest.email ?? guest.id,
                })}
              >
                {t("restore")}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
