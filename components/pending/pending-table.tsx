"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
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
  return (
    <div className="sm:overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm max-sm:block sm:min-w-[44rem]">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase max-sm:sr-only">
          <tr>
            <th scope="col" className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1">
              {t("name")}
            </th>
            <th scope="col" className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1">
              {t("email")}
            </th>
            <th scope="col" className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1">
              {t("invited")}
            </th>
            <th scope="col" className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1">
              {t("invitedBy")}
            </th>
            <th scope="col" className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1">
              {t("redeemLink")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 max-sm:block">
          {rows.map((row) => (
            <tr key={row.id} className="align-top max-sm:block max-sm:py-3">
              <th
                scope="row"
                className="px-4 py-3 font-medium text-slate-900 max-sm:block max-sm:px-0 max-sm:py-1"
              >
                {row.displayName}
              </th>
              <td className="px-4 py-3 break-all text-slate-700 max-sm:block max-sm:px-0 max-sm:py-1">
                {row.mail ?? "—"}
              </td>
              <td className="px-4 py-3 text-slate-700 max-sm:block max-sm:px-0 max-sm:py-1">
                <span className="text-slate-500 sm:hidden">{t("invited")}: </span>
                <InvitedAt value={row.createdDateTime} />
              </td>
              <td className="px-4 py-3 text-slate-700 max-sm:block max-sm:px-0 max-sm:py-1">
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
              </td>
              <td className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1">
                {renderActions(row)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
