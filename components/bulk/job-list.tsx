"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { EXACT_TIME_FORMAT } from "@/lib/i18n/time-zone";
import { useEffect, useState } from "react";
import type { BulkJobSummary } from "@/lib/bulk/job-view";
import { DataTable } from "@/components/ui/data-table";
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
    <DataTable
      variant="compact"
      caption={t("caption")}
      rows={jobs}
      rowKey={(job) => job.id}
      columns={[
        {
          key: "file",
          header: t("file"),
          cell: (job) => (
            <>
              <Link href={`/bulk/${job.id}`} className="text-brand-800 font-medium underline">
                {job.fileName}
              </Link>
              {job.isOwner ? null : (
                <span className="block text-xs text-slate-600">{job.ownerName}</span>
              )}
            </>
          ),
        },
        {
          key: "submitted",
          header: t("submitted"),
          className: "text-slate-700",
          cell: (job) => format.dateTime(new Date(job.createdAt), EXACT_TIME_FORMAT),
        },
        {
          key: "rows",
          header: t("rows"),
          className: "text-slate-700 tabular-nums",
          cell: (job) => job.totalRows,
        },
        {
          key: "status",
          header: t("status"),
          className: "text-slate-700",
          cell: (job) =>
            ts(
              job.status === "paused" && job.pauseReason === "sign_in"
                ? "waitingForSignIn"
                : job.status,
            ),
        },
      ]}
    />
  );
}
