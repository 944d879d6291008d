import * as queries from "./bulk-job-queries";
import type { Database } from "./connection";
import type { BulkJobRecord, BulkJobRowRecord, BulkPauseReason, BulkRowState } from "./schema";
import { guarded } from "./store-error";

export type {
  BulkJobCounts,
  BulkJobProgress,
  NewBulkJob,
  NewBulkRow,
  RowOutcome,
} from "./bulk-job-queries";
export type { BulkJobRecord, BulkJobRowRecord, BulkPauseReason, BulkRowState };

/** Bulk invitation jobs and their rows (lib/bulk works through them). */
export interface BulkJobStore {
  createJob(job: queries.NewBulkJob): Promise<BulkJobRecord>;
  addRows(jobId: string, rows: queries.NewBulkRow[]): Promise<number>;
  queuedAddresses(jobId: string): Promise<Map<string, number>>;
  startJob(jobId: string): Promise<BulkJobRecord | undefined>;
  getJob(jobId: string): Promise<BulkJobRecord | undefined>;
  listJobs(filter: { ownerOid?: string; limit: number }): Promise<BulkJobRecord[]>;
  pauseJob(jobId: string, reason: BulkPauseReason): Promise<BulkJobRecord | undefined>;
  resumeJob(jobId: string, onlyReason?: BulkPauseReason): Promise<BulkJobRecord | undefined>;
  cancelJob(jobId: string): Promise<BulkJobRecord | undefined>;
  progress(jobId: string): Promise<queries.BulkJobProgress>;
  listRows(
    jobId: string,
    page: { offset: number; limit: number; states?: BulkRowState[] },
  ): Promise<{ rows: BulkJobRowRecord[]; total: number }>;
  runnableJobs(): Promise<BulkJobRecord[]>;
  claimJob(jobId: string, owner: string, leaseMs: number): Promise<BulkJobRecord | undefined>;
  releaseJob(jobId: string, owner: string): Promise<void>;
  claimNextRow(jobId: string, owner: string): Promise<BulkJobRowRecord | undefined>;
  nextDueInMs(jobId: string): Promise<number | undefined>;
  setRowHistory(rowId: string, historyId: string): Promise<void>;
  completeRow(rowId: string, outcome: queries.RowOutcome): Promise<BulkJobRowRecord | undefined>;
  requeueRow(
    rowId: string,
    delayMs: number,
    last?: { errorCode?: string | null; requestId?: string | null },
  ): Promise<void>;
  strandedRows(jobId: string, olderThanMs: number): Promise<BulkJobRowRecord[]>;
  finishIfDone(jobId: string): Promise<boolean>;
}

export function createBulkJobStore(db: Database): BulkJobStore {
  return {
    createJob: (job) => guarded("createJob", () => queries.createJob(db, job)),
    addRows: (jobId, rows) => guarded("addRows", () => queries.addRows(db, jobId, rows)),
    queuedAddresses: (jobId) =>
      guarded("queuedAddresses", () => queries.queuedAddresses(db, jobId)),
    startJob: (jobId) => guarded("startJob", () => queries.startJob(db, jobId)),
    getJob: (jobId) => guarded("getJob", () => queries.getJob(db, jobId)),
    listJobs: (filter) => guarded("listJobs", () => queries.listJobs(db, filter)),
    pauseJob: (jobId, reason) => guarded("pauseJob", () => queries.pauseJob(db, jobId, reason)),
    resumeJob: (jobId, onlyReason) =>
      guarded("resumeJob", () => queries.resumeJob(db, jobId, onlyReason)),
    cancelJob: (jobId) => guarded("cancelJob", () => queries.cancelJob(db, jobId)),
    progress: (jobId) => guarded("jobProgress", () => queries.jobProgress(db, jobId)),
    listRows: (jobId, page) => guarded("listRows", () => queries.listRows(db, jobId, page)),
    runnableJobs: () => guarded("runnableJobs", () => queries.runnableJobs(db)),
    claimJob: (jobId, owner, leaseMs) =>
      guarded("claimJob", () => queries.claimJob(db, jobId, owner, leaseMs)),
    releaseJob: (jobId, owner) => guarded("releaseJob", () => queries.releaseJob(db, jobId, owner)),
    claimNextRow: (jobId, owner) =>
      guarded("claimNextRow", () => queries.claimNextRow(db, jobId, owner)),
    nextDueInMs: (jobId) => guarded("nextDueInMs", () => queries.nextDueInMs(db, jobId)),
    setRowHistory: (rowId, historyId) =>
      guarded("setRowHistory", () => queries.setRowHistory(db, rowId, historyId)),
    completeRow: (rowId, outcome) =>
      guarded("completeRow", () => queries.completeRow(db, rowId, outcome)),
    requeueRow: (rowId, delayMs, last) =>
      guarded("requeueRow", () => queries.requeueRow(db, rowId, delayMs, last)),
    strandedRows: (jobId, olderThanMs) =>
      guarded("strandedRows", () => queries.strandedRows(db, jobId, olderThanMs)),
    finishIfDone: (jobId) => guarded("finishIfDone", () => queries.finishIfDone(db, jobId)),
  };
}
