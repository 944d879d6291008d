"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { PendingInvitationRow } from "./actions";
import { InvitedAt } from "./invited-at";

/** One page of pending guests; the last column holds each row's link actions. */
export function PendingTable({
  rows,
  renderActions,
}: {
  rows: PendingInvitationRow[];
  renderActions: (row: PendingInvitationRow) => ReactNode;
}) {
  const t = useTranslations("pending.table");
  const columns: DataTableColumn<PendingInvitationRow>[] = [
    {
      key: "name",
      header: t("name"),
      rowHeader: true,
      className: "font-medium text-slate-900",
      cell: (row) => row.displayName,
    },
    {
      key: "email",
      header: t("email"),
      className: "break-all text-slate-700",
      cell: (row) => row.mail ?? "—",
    },
    {
      key: "invited",
      header: t("invited"),
      className: "text-slate-700",
      cell: (row) => (
        <>
          <span className="text-slate-500 sm:hidden">{t("invited")}: </span>
          <InvitedAt value={row.createdDateTime} />
        </>
      ),
    },
    {
      key: "invitedBy",
      header: t("invitedBy"),
      className: "text-slate-700",
      cell: (row) => (
        <>
          <span className="text-slate-500 sm:hidden">{t("invitedBy")}: </span>
          {row.invitedBy ? (
            <>
              <span>{row.invitedBy.byMe ? t("you") : row.invitedBy.name}</span>
              {row.invitedBy.source === "sponsor" ? (
                <span className="text-xs text-slate-500 sm:block"> {t("asSponsor")}</span>
              ) : null}
            </>
          ) : (
            <span className="text-slate-500">{t("notRecorded")}</span>
          )}
        </>
      ),
    },
    { key: "redeemLink", header: t("redeemLink"), cell: renderActions },
  ];
  return (
    <DataTable
      variant="stacked"
      className="sm:min-w-[44rem]"
      caption={t("caption")}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
    />
  );
}
