"use client";

import { useTranslations } from "next-intl";
import { InvitedAt } from "@/components/pending/invited-at";
import { SponsorsButton } from "@/components/sponsors/sponsors-button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { OutcomeCell } from "./outcome-cell";
import type { HistoryRow } from "./actions";

// A POST whose answer was lost, settled by asking Graph (lib/invitations/settle-outcome.ts).
const SETTLED = ["outcome_recovered", "not_sent", "outcome_unknown"] as const;
type SettledCode = (typeof SETTLED)[number];
const SETTLED_CODES: ReadonlySet<string> = new Set(SETTLED);

function Outcome({ row }: { row: HistoryRow }) {
  const t = useTranslations("history.table");
  const to = useTranslations("history.outcomes");
  return (
    <OutcomeCell
      outcome={row.outcome}
      outcomeLabel={to(row.outcome)}
      codeText={
        !row.errorCode
          ? null
          : SETTLED_CODES.has(row.errorCode)
            ? t(`settled.${row.errorCode as SettledCode}`)
            : t("error", { code: row.errorCode })
      }
      codeIsWarning={row.outcome !== "succeeded"}
      errorMessage={row.errorMessage}
      requestIdLabel={t("requestId")}
      requestId={row.requestId}
      attemptsText={row.attemptCount > 1 ? t("attempts", { count: row.attemptCount }) : null}
    />
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
