"use client";

import { useTranslations } from "next-intl";
import { InvitedAt } from "@/components/pending/invited-at";
import { SponsorsButton } from "@/components/sponsors/sponsors-button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { HistoryRow } from "./actions";

const OUTCOME_TONES: Record<HistoryRow["outcome"], string> = {
  succeeded: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  failed: "bg-red-50 text-red-900 ring-red-200",
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
};

// A POST whose answer was lost, settled by asking Graph (lib/invitations/settle-outcome.ts).
const SETTLED = ["outcome_recovered", "not_sent", "outcome_unknown"] as const;
type SettledCode = (typeof SETTLED)[number];
const SETTLED_CODES: ReadonlySet<string> = new Set(SETTLED);

function Outcome({ row }: { row: HistoryRow }) {
  const t = useTranslations("history.table");
  const to = useTranslations("history.outcomes");
  return (
    <>
      <span
        className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${OUTCOME_TONES[row.outcome]}`}
      >
        {to(row.outcome)}
      </span>
      {row.errorCode ? (
        <span
          className={`mt-1 block text-xs ${row.outcome === "succeeded" ? "text-slate-700" : "text-red-800"}`}
        >
          {SETTLED_CODES.has(row.errorCode)
            ? t(`settled.${row.errorCode as SettledCode}`)
            : t("error", { code: row.errorCode })}
        </span>
      ) : null}
      {row.errorMessage ? (
        <span className="block max-w-xs text-xs break-words text-slate-600">
          {row.errorMessage}
        </span>
      ) : null}
      {row.requestId ? (
        <span className="block text-xs text-slate-500">
          {t("requestId")} <code className="font-mono break-all select-all">{row.requestId}</code>
        </span>
      ) : null}
      {row.attemptCount > 1 ? (
        <span className="block text-xs text-slate-500">
          {t("attempts", { count: row.attemptCount })}
        </span>
      ) : null}
    </>
  );
}

/** What the portal did, newest first: when, what, who invited whom, and how it ended. */
export function HistoryTable({ rows }: { rows: HistoryRow[] }) {
  const t = useTranslations("history.table");
  const tk = useTranslations("history.kinds");
  const columns: DataTableColumn<HistoryRow>[] = [
    {
      key: "when",
      header: t("when"),
      className: "text-slate-700",
      cell: (row) => <InvitedAt value={row.createdAt} />,
    },
    {
      key: "guest",
      header: t("guest"),
      rowHeader: true,
      className: "font-normal",
      cell: (row) => (
        <>
          <span className="block font-medium text-slate-900">
            {row.guestDisplayName ?? row.guestEmail}
          </span>
          {row.guestDisplayName ? (
            <span className="block break-all text-slate-600">{row.guestEmail}</span>
          ) : null}
          {row.guestUserId && row.outcome === "succeeded" ? (
            <span className="mt-1 block">
              <SponsorsButton
                guestUserId={row.guestUserId}
                guestName={row.guestDisplayName ?? row.guestEmail}
                idSuffix={row.id}
              />
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: "kind",
      header: t("kind"),
      className: "text-slate-700",
      cell: (row) => (
        <>
          {tk(row.kind)}
          <span className="block text-xs text-slate-500">
            {row.sendInvitationMessage ? t("emailSent") : t("noEmail")}
          </span>
        </>
      ),
    },
    {
      key: "inviter",
      header: t("inviter"),
      className: "text-slate-700",
      cell: (row) => (
        <>
          {row.inviterName ?? row.inviterUpn ?? t("unknown")}
          {row.inviterName && row.inviterUpn ? (
            <span className="block text-xs break-all text-slate-500">{row.inviterUpn}</span>
          ) : null}
        </>
      ),
    },
    { key: "outcome", header: t("outcome"), cell: (row) => <Outcome row={row} /> },
  ];
  return (
    <DataTable
      variant="stacked"
      className="sm:min-w-[48rem]"
      caption={t("caption")}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
    />
  );
}
