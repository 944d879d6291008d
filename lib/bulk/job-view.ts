import type { BulkJobCounts, BulkJobProgress, BulkJobRecord, BulkJobRowRecord } from "@/lib/db";
import { INVITATIONS_PER_WINDOW, INVITATION_WINDOW_SECONDS } from "./limits";

/** What the browser sees of a job: never the lease, never a token. */
export type BulkJobSummary = {
  id: string;
  /** What the job does per row: invite, remind or remove (the job page says which). */
  kind: BulkJobRecord["kind"];
  fileName: string;
  status: BulkJobRecord["status"];
  pauseReason: BulkJobRecord["pauseReason"];
  /** To its owner, when paused by a claims challenge: what their next sign-in must carry. */
  signInClaims: string | null;
  totalRows: number;
  ownerName: string | null;
  isOwner: boolean;
  createdAt: string;
  finishedAt: string | null;
};

export type BulkJobProgressView = {
  job: BulkJobSummary;
  counts: BulkJobCounts;
  /** Null when nothing is left to send, or the job is not running. */
  etaSeconds: number | null;
};

export type BulkRowView = {
  rowNumber: number;
  email: string;
  state: BulkJobRowRecord["state"];
  errorCode: string | null;
  errorMessage: string | null;
  requestId: string | null;
  guestUserId: string | null;
  /** Only for the job's owner or a helpdesk or user administrator. */
  redeemUrl: string | null;
  /** The groups the row named and what became of each; null when it named none. */
  groups: RowGroupOutcome[] | null;
};

/** One group of a row: added (or already a member), failed with the portal's error code, or not yet. */
export type RowGroupOutcome = {
  groupId: string;
  groupName: string;
  status: "added" | "already_member" | "failed" | "pending" | "not_added";
  errorCode?: string;
};

/** A job's rows with their original cells, for the results file the browser builds. */
export type BulkJobResults = {
  fileName: string;
  headers: string[];
  rows: (BulkRowView & { cells: string[] })[];
};

export function summarizeJob(job: BulkJobRecord, viewerOid: string): BulkJobSummary {
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.fileName,
    status: job.status,
    pauseReason: job.pauseReason,
    signInClaims: job.ownerOid === viewerOid ? job.signInClaims : null,
    totalRows: job.totalRows,
    ownerName: job.ownerName,
    isOwner: job.ownerOid === viewerOid,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

const MAX_RATE_PER_SECOND = INVITATIONS_PER_WINDOW / INVITATION_WINDOW_SECONDS;

/**
 * Time left: the rows still to send at the pace of the last few seconds, never faster than the
 * invitation manager's limit allows (150 per 5 s).
 */
export function estimateSecondsLeft(job: BulkJobRecord, progress: BulkJobProgress): number | null {
  const remaining = progress.counts.queued + progress.counts.sending;
  if (job.status !== "running" || remaining === 0) return null;
  const observed = progress.recentlyFinished / progress.rateWindowSeconds;
  const rate = observed > 0 ? Math.min(observed, MAX_RATE_PER_SECOND) : MAX_RATE_PER_SECOND;
  return Math.ceil(remaining / rate);
}

export function viewRow(
  row: BulkJobRowRecord,
  showLinks: boolean,
  groups?: RowGroupOutcome[],
): BulkRowView {
  return {
    rowNumber: row.rowNumber,
    email: row.email,
    state: row.state,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    requestId: row.requestId,
    guestUserId: row.guestUserId,
    redeemUrl: showLinks ? row.redeemUrl : null,
    groups:
      groups ??
      (row.groups && row.groups.length > 0
        ? row.groups.map((group) => ({
            groupId: group.id,
            groupName: group.displayName,
            status: "not_added" as const,
          }))
        : null),
  };
}
