"use client";

import { useTranslations } from "next-intl";
import type { BulkJobProgressView } from "@/lib/bulk/job-view";

function etaParts(seconds: number) {
  return seconds < 60
    ? { unit: "seconds" as const, value: seconds }
    : { unit: "minutes" as const, value: Math.ceil(seconds / 60) };
}

function Count(props: { label: string; value: number; tone: string; id: string }) {
  return (
    <div>
      <dt className="text-slate-600">{props.label}</dt>
      <dd
        className={`text-lg font-semibold tabular-nums ${props.tone}`}
        data-testid={`count-${props.id}`}
      >
        {props.value}
      </dd>
    </div>
  );
}

/** Sent, failed and remaining rows, a bar for the share done, and the time left. */
export function JobProgressBar({ progress }: { progress: BulkJobProgressView }) {
  const t = useTranslations("bulk.job");
  // Reminder and removal jobs count what they do, not invitations.
  const byKind = useTranslations("StaleInvitationsJob");
  const kind = progress.job.kind;
  const { counts } = progress;
  const done = counts.succeeded + counts.failed;
  const remaining = counts.queued + counts.sending;
  const toSend = done + remaining;
  const percent = toSend === 0 ? 100 : Math.floor((done / toSend) * 100);
  const eta = progress.etaSeconds === null ? null : etaParts(progress.etaSeconds);

  return (
    <div className="space-y-3">
      <div
        role="progressbar"
        aria-label={byKind("progressLabel", { kind })}
        aria-valuemin={0}
        aria-valuemax={toSend}
        aria-valuenow={done}
        aria-valuetext={t("progressText", { done, total: toSend })}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="bg-brand-700 h-full rounded-full transition-[width] duration-500"
          style={{ width: `${percent}%` }}
        />
      </div>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <Count
          label={byKind("countSent", { kind })}
          value={counts.succeeded}
          tone="text-emerald-800"
          id="sent"
        />
        <Count label={t("counts.failed")} value={counts.failed} tone="text-red-800" id="failed" />
        <Count
          label={t("counts.remaining")}
          value={remaining}
          tone="text-slate-900"
          id="remaining"
        />
        <Count
          label={t("counts.skipped")}
          value={counts.skipped + counts.cancelled}
          tone="text-slate-700"
          id="skipped"
        />
      </dl>
      {eta ? (
        <p className="text-sm text-slate-700">{t(`eta.${eta.unit}`, { count: eta.value })}</p>
      ) : null}
    </div>
  );
}
