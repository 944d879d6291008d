"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { EXACT_TIME_FORMAT } from "@/lib/i18n/time-zone";
import { useEffect, useState } from "react";
import type { BulkJobSummary } from "@/lib/bulk/job-view";
import { listBulkJobs } from "./actions";
import { useServerAction } from "@/components/server-action/use-server-action";

/** Earlier jobs (everyone's, for helpdesk and user administrators), newest first. */
export function JobList() {
  const t = useTranslations("bulk.list");
  const ts = useTranslations("bulk.job.statuses");
  const format = useFormatter();
  const { call } = useServerAction();
  const [jobs, setJobs] = useState<BulkJobSummary[] | null>(null);

  useEffect(() => {
    let current = true;
    void call(listBulkJobs, {}).then((result) => {
      if (current) setJobs(result.ok ? result.data : []);
    });
    return () => {
      current = false;
    };
  }, [call]);

  if (!jobs) return null;
  if (jobs.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("file")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("submitted")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("rows")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("status")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {jobs.map((job) => (
            <tr key={job.id}>
              <td className="px-3 py-2">
                <Link href={`/bulk/${job.id}`} className="text-brand-800 font-medium underline">
                  {job.fileName}
                </Link>
                {job.isOwner ? null : (
                  <span className="block text-xs text-slate-600">{job.ownerName}</span>
                )}
              </td>
              <td className="px-3 py-2 text-slate-700">
                {format.dateTime(new Date(job.createdAt), EXACT_TIME_FORMAT)}
              </td>
              <td className="px-3 py-2 text-slate-700 tabular-nums">{job.totalRows}</td>
              <td className="px-3 py-2 text-slate-700">
                {ts(
                  job.status === "paused" && job.pauseReason === "sign_in"
                    ? "waitingForSignIn"
                    : job.status,
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
