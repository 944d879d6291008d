"use client";

import { useTranslations } from "next-intl";
import { InvitedAt } from "@/components/pending/invited-at";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { GuestChangeRow } from "./actions";

const OUTCOME_TONES: Record<GuestChangeRow["outcome"], string> = {
  succeeded: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  failed: "bg-red-50 text-red-900 ring-red-200",
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
};

// A change whose answer was lost and that asking Graph could not confirm.
const SETTLED = ["not_sent", "outcome_unknown"] as const;
type SettledCode = (typeof SETTLED)[number];
const SETTLED_CODES: ReadonlySet<string> = new Set(SETTLED);

function Outcome({ row }: { row: GuestChangeRow }) {
  const t = useTranslations("GuestChanges");
  return (
    <>
      <span
        className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${OUTCOME_TONES[row.outcome]}`}
      >
        {t(`outcomes.${row.outcome}`)}
      </span>
      {row.errorCode ? (
        <span className="mt-1 block text-xs text-red-800">
          {SETTLED_CODES.has(row.errorCode)
            ? t(`table.settled.${row.errorCode as SettledCode}`)
            : t("table.error", { code: row.errorCode })}
        </span>
      ) : null}
      {row.errorMessage ? (
        <span className="block max-w-xs text-xs break-words text-slate-600">
          {row.errorMessage}
        </span>
      ) : null}
      {row.requestId ? (
        <span className="block text-xs text-slate-500">
          {t("table.requestId")}{" "}
          <code className="font-mono break-all select-all">{row.requestId}</code>
        </span>
      ) : null}
      {row.attemptCount > 1 ? (
        <span className="block text-xs text-slate-500">
          {t("table.attempts", { count: row.attemptCount })}
        </span>
      ) : null}
    </>
  );
}

/** Every kind of change to a guest: when, what, to whom, by whom, and how it ended. */
export function GuestChangesTable({ rows }: { rows: GuestChangeRow[] }) {
  const t = useTranslations("GuestChanges");
  const columns: DataTableColumn<GuestChangeRow>[] = [
    {
      key: "when",
      header: t("table.when"),
      className: "text-slate-700",
      cell: (row) => <InvitedAt value={row.createdAt} />,
    },
    {
      key: "guest",
      header: t("table.guest"),
      rowHeader: true,
      className: "font-normal",
      cell: (row) => (
        <>
          <span className="block font-medium text-slate-900">
            {row.guestDisplayName ?? row.guestEmail ?? row.guestUserId}
          </span>
          {row.guestDisplayName && row.guestEmail ? (
            <span className="block break-all text-slate-600">{row.guestEmail}</span>
          ) : null}
        </>
      ),
    },
    {
      key: "what",
      header: t("table.what"),
      className: "text-slate-700",
      cell: (row) => t(`kinds.${row.kind}`),
    },
    {
      key: "target",
      header: t("table.target"),
      className: "text-slate-700",
      cell: (row) => row.targetName ?? row.targetId ?? t("table.none"),
    },
    {
      key: "who",
      header: t("table.who"),
      className: "text-slate-700",
      cell: (row) => (
        <>
          {row.actorName ?? row.actorUpn ?? t("table.unknown")}
          {row.actorName && row.actorUpn ? (
            <span className="block text-xs break-all text-slate-500">{row.actorUpn}</span>
          ) : null}
        </>
      ),
    },
    { key: "outcome", header: t("table.outcome"), cell: (row) => <Outcome row={row} /> },
  ];
  return (
    <DataTable
      variant="stacked"
      className="sm:min-w-[52rem]"
      caption={t("table.caption")}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
    />
  );
}
