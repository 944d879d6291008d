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
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] border-collapse text-left text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">
              {t("name")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("email")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("invited")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("invitedBy")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("redeemLink")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <th scope="row" className="px-4 py-3 font-medium text-slate-900">
                {row.displayName}
              </th>
              <td className="px-4 py-3 break-all text-slate-700">{row.mail ?? "—"}</td>
              <td className="px-4 py-3 text-slate-700">
                <InvitedAt value={row.createdDateTime} />
              </td>
              <td className="px-4 py-3 text-slate-700">
                {row.invitedBy ? (
                  <>
                    <span>{row.invitedBy.byMe ? t("you") : row.invitedBy.name}</span>
                    {row.invitedBy.source === "sponsor" ? (
                      <span className="block text-xs text-slate-500">{t("asSponsor")}</span>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-500">{t("notRecorded")}</span>
                )}
              </td>
              <td className="px-4 py-3">{renderActions(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
