"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { rememberClaimsChallenge } from "@/components/auth/claims-challenge";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import type { BulkJobProgressView } from "@/lib/bulk/job-view";
import { DownloadResultsButton } from "./download-results-button";
import { JobControls } from "./job-controls";
import { JobProgressBar } from "./job-progress-bar";
import { JobRowsTable } from "./job-rows-table";
import { useJobProgress } from "./use-job-progress";

type StatusKey = "draft" | "running" | "paused" | "waitingForSignIn" | "cancelled" | "completed";

function statusKey(progress: BulkJobProgressView): StatusKey {
  const { job } = progress;
  if (job.status === "paused") return job.pauseReason === "sign_in" ? "waitingForSignIn" : "paused";
  return job.status;
}

/** One job: live progress, controls, the results file and each row's outcome. */
export function BulkJob({ jobId }: { jobId: string }) {
  const t = useTranslations("bulk.job");
  const stale = useTranslations("StaleInvitationsJob");
  const { progress, error, renewSession, refresh } = useJobProgress(jobId);

  if (!progress) {
    return error ? (
      <ActionErrorAlert
        title={t("loadFailedTitle")}
        error={error}
        onSignInAgain={() => void renewSession()}
      />
    ) : (
      <p role="status" className="flex items-center gap-2 text-sm text-slate-700">
        <Spinner />
        {t("loading")}
      </p>
    );
  }

  const status = statusKey(progress);
  const { counts } = progress;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          level={1}
          title={
            progress.job.kind === "invite"
              ? t("title", { fileName: progress.job.fileName })
              : stale("jobKind", { kind: progress.job.kind })
          }
          description={
            progress.job.isOwner
              ? stale("ownJob", { kind: progress.job.kind })
              : t("someoneElsesJob", { name: progress.job.ownerName ?? "" })
          }
          actions={
            <Link href="/bulk" className="text-brand-800 text-sm font-medium underline">
              {t("allJobs")}
            </Link>
          }
        />
        <CardBody className="space-y-4">
          <p role="status" className="text-sm font-medium text-slate-900" data-testid="job-status">
            {status === "completed"
              ? stale("completedSummary", {
                  kind: progress.job.kind,
                  sent: counts.succeeded,
                  failed: counts.failed,
                })
              : status === "running"
                ? stale("running", { kind: progress.job.kind })
                : t(`statuses.${status}`)}
          </p>
          <JobProgressBar progress={progress} />
          {status === "waitingForSignIn" ? (
            <Alert
              tone="warning"
              title={t("signInTitle")}
              actions={
                progress.job.isOwner ? (
                  <Button
                    size="sm"
                    onClick={() => {
                      // Conditional Access asked the worker's on-behalf-of for a stronger sign-in.
                      if (progress.job.signInClaims)
                        rememberClaimsChallenge(progress.job.signInClaims);
                      void renewSession();
                    }}
                  >
                    {t("signInAgain")}
                  </Button>
                ) : undefined
              }
            >
              <p>{t(progress.job.signInClaims ? "signInClaimsBody" : "signInBody")}</p>
            </Alert>
          ) : null}
          {error ? (
            <ActionErrorAlert
              title={t("actionFailedTitle")}
              error={error}
              onSignInAgain={() => void renewSession()}
            />
          ) : null}
          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
            <JobControls job={progress.job} onChanged={refresh} />
            <DownloadResultsButton jobId={jobId} />
          </div>
        </CardBody>
      </Card>
      <Card>
        <CardBody>
          <JobRowsTable
            jobId={jobId}
            kind={progress.job.kind}
            refreshKey={JSON.stringify(counts)}
          />
        </CardBody>
      </Card>
    </div>
  );
}
