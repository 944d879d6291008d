import * as drafts from "./bulk-draft-queries";
import * as lifecycle from "./bulk-job-queries";
import * as queue from "./bulk-queue-queries";
import type {
  BulkJobProgress,
  BulkJobRecord,
  BulkJobRowRecord,
  BulkPauseReason,
  BulkRowPage,
  DraftLimits,
  NewBulkJob,
  NewBulkRow,
  RowOutcome,
} from "./bulk-types";
import type { Database } from "./connection";
import { guarded } from "./store-error";

/** A job's life as its owner drives it (the bulk actions). */
export interface BulkJobLifecycle {
  /** With `limits`, expired drafts are swept first and the owner's drafts are capped. */
  createJob(job: NewBulkJob, limits?: DraftLimits): Promise<BulkJobRecord>;
  addRows(jobId: string, rows: NewBulkRow[], limits?: { maxBytes: number }): Promise<number>;
  deleteExpiredDrafts(olderThanMs: number): Promise<number>;
  queuedAddresses(jobId: string): Promise<Map<string, number>>;
  startJob(jobId: string): Promise<BulkJobRecord | undefined>;
  getJob(jobId: string): Promise<BulkJobRecord | undefined>;
  listJobs(filter: { ownerOid?: string; limit: number }): Promise<BulkJobRecord[]>;
  /** `signInClaims`: a pause for sign-in that a Conditional Access claims challenge caused. */
  pauseJob(
    jobId: string,
    reason: BulkPauseReason,
    signInClaims?: string,
  ): Promise<BulkJobRecord | undefined>;
  resumeJob(jobId: string, onlyReason?: BulkPauseReason): Promise<BulkJobRecord | undefined>;
  cancelJob(jobId: string): Promise<BulkJobRecord | undefined>;
  progress(jobId: string): Promise<BulkJobProgress>;
  listRows(jobId: string, page: BulkRowPage): Promise<{ rows: BulkJobRowRecord[]; total: number }>;
}

/** The worker's side: leases on jobs, the queue of rows and their outcomes. */
export interface BulkJobQueue {
  runnableJobs(): Promise<BulkJobRecord[]>;
  /** When the first lease another worker holds runs out (ms from now), if any. */
  nextLeaseEndInMs(owner: string): Promise<number | undefined>;
  claimJob(jobId: string, owner: string, leaseMs: number): Promise<BulkJobRecord | undefined>;
  releaseJob(jobId: string, owner: string): Promise<void>;
  /** Up to `limit` queued rows, in row order, each moved to `sending` for this worker. */
  claimNextRows(jobId: string, owner: string, limit: number): Promise<BulkJobRowRecord[]>;
  nextDueInMs(jobId: string): Promise<number | undefined>;
  setRowHistory(rowId: string, historyId: string): Promise<void>;
  completeRow(rowId: string, outcome: RowOutcome): Promise<BulkJobRowRecord | undefined>;
  requeueRow(
    rowId: string,
    delayMs: number,
    last?: { errorCode?: string | null; requestId?: string | null },
  ): Promise<void>;
  strandedRows(jobId: string, olderThanMs: number): Promise<BulkJobRowRecord[]>;
  finishIfDone(jobId: string): Promise<boolean>;
}

/** Bulk invitation jobs and their rows (lib/bulk works through them). */
export interface BulkJobStore extends BulkJobLifecycle, BulkJobQueue {}

function createBulkJobLifecycle(db: Database): BulkJobLifecycle {
  return {
    createJob: (job, limits) => guarded("createJob", () => drafts.createJob(db, job, limits)),
    addRows: (jobId, rows, limits) =>
      guarded("addRows", () => drafts.addRows(db, jobId, rows, limits)),
    deleteExpiredDrafts: (olderThanMs) =>
      guarded("deleteExpiredDrafts", () => drafts.deleteExpiredDrafts(db, olderThanMs)),
    queuedAddresses: (jobId) =>
      guarded("queuedAddresses", () => lifecycle.queuedAddresses(db, jobId)),
    startJob: (jobId) => guarded("startJob", () => lifecycle.startJob(db, jobId)),
    getJob: (jobId) => guarded("getJob", () => lifecycle.getJob(db, jobId)),
    listJobs: (filter) => guarded("listJobs", () => lifecycle.listJobs(db, filter)),
    pauseJob: (jobId, reason, signInClaims) =>
      guarded("pauseJob", () => lifecycle.pauseJob(db, jobId, reason, signInClaims)),
    resumeJob: (jobId, onlyReason) =>
      guarded("resumeJob", () => lifecycle.resumeJob(db, jobId, onlyReason)),
    cancelJob: (jobId) => guarded("cancelJob", () => lifecycle.cancelJob(db, jobId)),
    progress: (jobId) => guarded("jobProgress", () => lifecycle.jobProgress(db, jobId)),
    listRows: (jobId, page) => guarded("listRows", () => lifecycle.listRows(db, jobId, page)),
  };
}

function createBulkJobQueue(db: Database): BulkJobQueue {
  return {
    runnableJobs: () => guarded("runnableJobs", () => queue.runnableJobs(db)),
    nextLeaseEndInMs: (owner) =>
      guarded("nextLeaseEndInMs", () => queue.nextLeaseEndInMs(db, owner)),
    claimJob: (jobId, owner, leaseMs) =>
      guarded("claimJob", () => queue.claimJob(db, jobId, owner, leaseMs)),
    releaseJob: (jobId, owner) => guarded("releaseJob", () => queue.releaseJob(db, jobId, owner)),
    claimNextRows: (jobId, owner, limit) =>
      guarded("claimNextRows", () => queue.claimNextRows(db, jobId, owner, limit)),
    nextDueInMs: (jobId) => guarded("nextDueInMs", () => queue.nextDueInMs(db, jobId)),
    setRowHistory: (rowId, historyId) =>
      guarded("setRowHistory", () => queue.setRowHistory(db, rowId, historyId)),
    completeRow: (rowId, outcome) =>
      guarded("completeRow", () => queue.completeRow(db, rowId, outcome)),
    requeueRow: (rowId, delayMs, last) =>
      guarded("requeueRow", () => queue.requeueRow(db, rowId, delayMs, last)),
    strandedRows: (jobId, olderThanMs) =>
      guarded("strandedRows", () => queue.strandedRows(db, jobId, olderThanMs)),
    finishIfDone: (jobId) => guarded("finishIfDone", () => queue.finishIfDone(db, jobId)),
  };
}

export function createBulkJobStore(db: Database): BulkJobStore {
  return { ...createBulkJobLifecycle(db), ...createBulkJobQueue(db) };
}
