"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, type KeyboardEvent } from "react";
import { GuestChangesView } from "./guest-changes-view";
import { HistoryView } from "./history-view";

const VIEWS = ["invitations", "changes"] as const;
type View = (typeof VIEWS)[number];

/** The history's two views: invitations, and other changes to guests (WAI-ARIA tabs, manual activation). */
export function HistoryTabs() {
  const t = useTranslations("GuestChanges.tabs");
  const [view, setView] = useState<View>("invitations");
  const tabs = useRef<Record<View, HTMLButtonElement | null>>({ invitations: null, changes: null });

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, current: View) {
    const index = VIEWS.indexOf(current);
    const next =
      event.key === "ArrowRight"
        ? VIEWS[(index + 1) % VIEWS.length]
        : event.key === "ArrowLeft"
          ? VIEWS[(index + VIEWS.length - 1) % VIEWS.length]
          : event.key === "Home"
            ? VIEWS[0]
            : event.key === "End"
              ? VIEWS[VIEWS.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    setView(next);
    tabs.current[next]?.focus();
  }

  return (
    <div className="space-y-4">
      <div role="tablist" aria-label={t("label")} className="flex gap-1 border-b border-slate-200">
        {VIEWS.map((name) => (
          <button
            key={name}
            ref={(element) => {
              tabs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`history-tab-${name}`}
            aria-selected={view === name}
            aria-controls={`history-panel-${name}`}
            tabIndex={view === name ? 0 : -1}
            onClick={() => setView(name)}
            onKeyDown={(event) => onKeyDown(event, name)}
            className={`focus-visible:outline-brand-600 -mb-px rounded-t-md border-b-2 px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 ${
              view === name
                ? "border-brand-700 text-brand-800"
                : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {t(name)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`history-panel-${view}`} aria-labelledby={`history-tab-${view}`}>
        {view === "invitations" ? <HistoryView /> : <GuestChangesView />}
      </div>
    </div>
  );
}
