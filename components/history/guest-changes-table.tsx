"use client";

import { useTranslations } from "next-intl";
import { InvitedAt } from "@/components/pending/invited-at";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { OutcomeCell } from "./outcome-cell";
import type { GuestChangeRow } from "./actions";

// A change whose answer was lost and that asking Graph could not confirm.
const SETTLED = ["not_sent", "outcome_unknown"] as const;
type SettledCode = (typeof SETTLED)[number];
const SETTLED_CODES: ReadonlySet<string> = new Set(SETTLED);

function Outcome({ row }: { row: GuestChangeRow }) {
  const t = useTranslations("GuestChanges");
  return (
    <OutcomeCell
      outcome={row.outcome}
      outcomeLabel={t(`outcomes.${row.outcome}`)}
      codeText={
        !row.errorCode
          ? null
          : SETTLED_CODES.has(row.errorCode)
            ? t(`table.settled.${row.errorCode as SettledCode}`)
            : t("table.error", { code: row.errorCode })
      }
      codeIsWarning
      errorMessage={row.errorMessage}
      requestIdLabel={t("table.requestId")}
      requestId={row.requestId}
      attemptsText={row.attemptCount > 1 ? t("table.attempts", { count: row.attemptCount }) : null}
    />
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
