"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, type ReactNode } from "react";
import type { GuestSelection } from "@/components/stale/guest-selection";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { PendingInvitationRow } from "./actions";
import { InvitedAt } from "./invited-at";

const CHECKBOX = "size-4 rounded border-slate-400 accent-brand-700 disabled:opacity-50";

/** Ticks every guest of this page; shows "some" (indeterminate) when only part of them are ticked. */
function PageCheckbox({
  rows,
  selection,
}: {
  rows: PendingInvitationRow[];
  selection: GuestSelection;
}) {
  const t = useTranslations("StaleInvitations");
  const box = useRef<HTMLInputElement>(null);
  const ticked = rows.filter((row) => selection.isSelected(row.id)).length;
  const all = rows.length > 0 && ticked === rows.length;
  const some = ticked > 0 && !all;
  useEffect(() => {
    if (box.current) box.current.indeterminate = some;
  }, [some]);
  return (
    <input
      ref={box}
      type="checkbox"
      // Narrow screens hide the column headers; a focusable box nobody sees is left out there.
      className={`${CHECKBOX} max-sm:hidden`}
      aria-label={t("selectPage")}
      checked={all}
      disabled={!all && !some && selection.atCap}
      onChange={() =>
        selection.togglePage(
          rows.map((row) => ({ id: row.id, name: row.displayName })),
          !all,
        )
      }
    />
  );
}

/**
 * One page of pending guests; the last column holds each row's link actions. With `selection`, a
 * first column of checkboxes picks guests for the stale clean-up.
 */
export function PendingTable({
  rows,
  renderActions,
  selection,
}: {
  rows: PendingInvitationRow[];
  renderActions: (row: PendingInvitationRow) => ReactNode;
  selection?: GuestSelection;
}) {
  const t = useTranslations("pending.table");
  const stale = useTranslations("StaleInvitations");
  const selectColumn: DataTableColumn<PendingInvitationRow>[] = selection
    ? [
        {
          key: "select",
          header: <PageCheckbox rows={rows} selection={selection} />,
          className: "w-10",
          cell: (row) => {
            const selected = selection.isSelected(row.id);
            return (
              <input
                type="checkbox"
                className={CHECKBOX}
                aria-label={stale("selectGuest", { name: row.displayName })}
                checked={selected}
                disabled={!selected && selection.atCap}
                onChange={(event) =>
                  selection.toggle({ id: row.id, name: row.displayName }, event.target.checked)
                }
              />
            );
          },
        },
      ]
    : [];
  const columns: DataTableColumn<PendingInvitationRow>[] = [
    ...selectColumn,
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
