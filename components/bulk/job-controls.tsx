"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { BulkJobSummary } from "@/lib/bulk/job-view";
import { cancelBulkJob, pauseBulkJob, resumeBulkJob } from "./actions";
import { useServerAction } from "@/components/server-action/use-server-action";

/** Pause, resume and cancel (with a confirmation) for the job's owner. */
export function JobControls({ job, onChanged }: { job: BulkJobSummary; onChanged: () => void }) {
  const t = useTranslations("bulk.job");
  const { call } = useServerAction();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);

  if (!job.isOwner || (job.status !== "running" && job.status !== "paused")) return null;

  async function change(action: typeof pauseBulkJob) {
    setBusy(true);
    await call(action, { jobId: job.id });
    setBusy(false);
    onChanged();
  }

  return (
    <div className="flex flex-wrap gap-2">
      {job.status === "running" ? (
        <Button variant="secondary" disabled={busy} onClick={() => void change(pauseBulkJob)}>
          {t("pause")}
        </Button>
      ) : (
        <Button variant="secondary" disabled={busy} onClick={() => void change(resumeBulkJob)}>
          {t("resume")}
        </Button>
      )}
      <Button variant="ghost" disabled={busy} onClick={() => dialog.current?.showModal()}>
        {t("cancel")}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="cancel-title"
        aria-describedby="cancel-body"
        className="m-auto max-w-md rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-3 p-5">
          <h2 id="cancel-title" className="text-base font-semibold text-slate-900">
            {t("cancelTitle")}
          </h2>
          <p id="cancel-body" className="text-sm text-slate-700">
            {t("cancelBody")}
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" autoFocus onClick={() => dialog.current?.close()}>
              {t("keepGoing")}
            </Button>
            <Button
              onClick={() => {
                dialog.current?.close();
                void change(cancelBulkJob);
              }}
            >
              {t("confirmCancel")}
            </Button>
          </div>
        </div>
      </dialog>
    </div>
  );
}
