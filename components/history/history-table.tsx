"use client";

import { useTranslations } from "next-intl";
import { InvitedAt } from "@/components/pending/invited-at";
import type { HistoryRow } from "./actions";

const OUTCOME_TONES: Record<HistoryRow["outcome"], string> = {
  succeeded: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  failed: "bg-red-50 text-red-900 ring-red-200",
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
};

/** What the portal did, newest first: when, what, who invited whom, and how it ended. */
export function HistoryTable({ rows }: { rows: HistoryRow[] }) {
  const t = useTranslations("history.table");
  const tk = useTranslations("history.kinds");
  const to = useTranslations("history.outcomes");
  return (
    <div className="sm:overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm max-sm:block sm:min-w-[48rem]">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase max-sm:sr-only">
          <tr>
            <th scope="col" className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1">
              {t("when")}
            </th>
            <th scope="col" className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1">
              {t("guest")}
            </th>
            <th scope="col" className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1">
              {t("kind")}
            </th>
            <th scope="col" className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1">
              {t("inviter")}
            </th>
            <th scope="col" className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1">
              {t("outcome")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 max-sm:block">
          {rows.map((row) => (
            <tr key={row.id} className="align-top max-sm:block max-sm:py-3">
              <td className="px-4 py-3 text-slate-700 max-sm:block max-sm:px-0 max-sm:py-1">
                <InvitedAt value={row.createdAt} />
              </td>
              <th
                scope="row"
                className="px-4 py-3 font-normal max-sm:block max-sm:px-0 max-sm:py-1"
              >
                <span className="block font-medium text-slate-900">
                  {row.guestDisplayName ?? row.guestEmail}
                </span>
                {row.guestDisplayName ? (
                  <span className="block break-all text-slate-600">{row.guestEmail}</span>
                ) : null}
              </th>
              <td className="px-4 py-3 text-slate-700 max-sm:block max-sm:px-0 max-sm:py-1">
                {tk(row.kind)}
                <span className="block text-xs text-slate-500">
                  {row.sendInvitationMessage ? t("emailSent") : t("noEmail")}
                </span>
              </td>
              <td className="px-4 py-3 text-slate-700 max-sm:block max-sm:px-0 max-sm:py-1">
                {row.inviterName ?? row.inviterUpn ?? t("unknown")}
                {row.inviterName && row.inviterUpn ? (
                  <span className="block text-xs break-all text-slate-500">{row.inviterUpn}</span>
                ) : null}
              </td>
              <td className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:py-1">
                <span
                  className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${OUTCOME_TONES[row.outcome]}`}
                >
                  {to(row.outcome)}
                </span>
                {row.errorCode ? (
                  <span className="mt-1 block text-xs text-red-800">
                    {t("error", { code: row.errorCode })}
                  </span>
                ) : null}
                {row.errorMessage ? (
                  <span className="block max-w-xs text-xs break-words text-slate-600">
                    {row.errorMessage}
                  </span>
                ) : null}
                {row.requestId ? (
                  <span className="block text-xs text-slate-500">
                    {t("requestId")}{" "}
                    <code className="font-mono break-all select-all">{row.requestId}</code>
                  </span>
                ) : null}
                {row.attemptCount > 1 ? (
                  <span className="block text-xs text-slate-500">
                    {t("attempts", { count: row.attemptCount })}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
