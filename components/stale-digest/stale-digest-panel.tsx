"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { CallError } from "@/components/server-action/call-error";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import { useServerAction } from "@/components/server-action/use-server-action";
import { Button } from "@/components/ui/button";
import { EXACT_TIME_FORMAT } from "@/lib/i18n/time-zone";
import { dismissWeeklyStaleList, getWeeklyStaleList, type StaleDigestView } from "./actions";

/** While another request computes this week's list, ask again after this long. */
const COMPUTING_RETRY_MS = 2_000;

type PanelState =
  | { status: "loading" }
  | { status: "error"; error: CallError }
  | { status: "loaded"; view: StaleDigestView };

/**
 * "Stale this week": the signed-in inviter's guests still pending after the policy's N days, as the
 * week's list holds them (computed on their first visit of the week). Nothing shows while the policy
 * is off or the list is empty; the inviter may hide it until next week.
 */
export function StaleDigestPanel() {
  const t = useTranslations("StaleDigest.panel");
  const format = useFormatter();
  const { call, renewSession } = useServerAction();
  const [state, setState] = useState<PanelState>({ status: "loading" });
  const [reloads, setReloads] = useState(0);
  const [dismissing, setDismissing] = useState(false);
  const [dismissError, setDismissError] = useState<CallError | null>(null);
  // A flag, not the text: the message follows a language switch.
  const [hidden, setHidden] = useState(false);
  const request = useRef(0);

  useEffect(() => {
    const current = (request.current += 1);
    let timer: ReturnType<typeof setTimeout> | undefined;
    void call(getWeeklyStaleList, {}, { background: true }).then((outcome) => {
      if (current !== request.current) return;
      if (!outcome.ok) return setState({ status: "error", error: outcome.error });
      setState({ status: "loaded", view: outcome.data });
      if (outcome.data.status === "computing")
        timer = setTimeout(() => setReloads((value) => value + 1), COMPUTING_RETRY_MS);
    });
    return () => clearTimeout(timer);
  }, [call, reloads]);

  const dismiss = useCallback(
    async (runId: string) => {
      setDismissing(true);
      setDismissError(null);
      const outcome = await call(dismissWeeklyStaleList, { runId });
      setDismissing(false);
      if (!outcome.ok) return setDismissError(outcome.error);
      setHidden(true);
      setState((current) =>
        current.status === "loaded" && current.view.status === "ready"
          ? { status: "loaded", view: { ...current.view, dismissed: true } }
          : current,
      );
    },
    [call],
  );

  const live = (
    <p role="status" aria-live="polite" className="text-sm text-slate-600 empty:hidden">
      {hidden ? t("dismissed") : ""}
    </p>
  );

  if (state.status === "loading") return live;
  if (state.status === "error") {
    return (
      <ActionErrorAlert
        title={t("loadFailed")}
        error={state.error}
        onSignInAgain={() => void renewSession()}
        onRetry={() => setReloads((value) => value + 1)}
      />
    );
  }
  const view = state.view;
  if (view.status === "off") return live;
  if (view.status === "computing") {
    return (
      <p role="status" className="text-sm text-slate-600">
        {t("computing")}
      </p>
    );
  }
  if (view.dismissed || view.guests.length === 0) return live;

  return (
    <section
      aria-labelledby="stale-digest-title"
      className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-950"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1 basis-64">
          {/* Not a heading: the panel sits above the page's h1, and is named as a region instead. */}
          <p id="stale-digest-title" className="text-sm font-semibold">
            {t("title", { count: view.guests.length, days: view.olderThanDays })}
          </p>
          <p className="mt-1 text-sm">{t("intro")}</p>
        </div>
        <Button
          size="sm"
          variant="secondary"
          disabled={dismissing}
          onClick={() => void dismiss(view.runId)}
        >
          {t("dismiss")}
        </Button>
      </div>
      <ul aria-label={t("listLabel")} className="mt-3 divide-y divide-amber-200 text-sm">
        {view.guests.map((guest) => (
          <li
            key={guest.guestUserId}
            className="flex flex-col gap-0.5 py-2 sm:flex-row sm:items-baseline sm:gap-3"
          >
            <span className="font-medium break-words">{guest.displayName}</span>
            <span className="break-all text-amber-900">{guest.email ?? t("noEmail")}</span>
            <span className="text-amber-900 sm:ml-auto">
              {t("invitedOn", {
                date: format.dateTime(new Date(guest.invitedAt), { dateStyle: "medium" }),
              })}
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-amber-900">
        {t("computedAt", {
          when: format.dateTime(new Date(view.computedAt), EXACT_TIME_FORMAT),
        })}
      </p>
      {dismissError ? (
        <div className="mt-3">
          <ActionErrorAlert
            title={t("dismissFailed")}
            error={dismissError}
            onSignInAgain={() => void renewSession()}
          />
        </div>
      ) : null}
    </section>
  );
}
