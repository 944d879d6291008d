"use server";

import { z } from "zod";
import { ActionFailure } from "@/lib/server-action/action-failure";
import type { ActionResult } from "@/lib/server-action/action-result";
import { createAction } from "@/lib/server-action/create-action";
import type { Caller } from "@/lib/auth/caller";
import { overseesAllInvitations } from "@/lib/auth/caller-roles";
import { findUsersByMail } from "@/lib/graph/users-by-mail";
import {
  estimateSecondsLeft,
  summarizeJob,
  viewRow,
  type BulkJobProgressView,
  type BulkJobSummary,
  type BulkRowView,
} from "@/lib/bulk/job-view";
import { prepareRows } from "@/lib/bulk/job-rows";
import { MAX_ADDRESSES_PER_CHECK, MAX_BULK_ROWS } from "@/lib/bulk/limits";
import { ensureBulkWorker } from "@/lib/bulk/worker";
import { getServerConfig } from "@/lib/config/server-config";
import { BULK_ROW_STATES, getStore, type BulkJobRecord } from "@/lib/db";

const invalid = { error: "validation.invalid" };
const jobIdSchema = z.object({ jobId: z.uuid(invalid) });
const cellSchema = z.string(invalid).max(10_000, invalid);

async function jobFor(caller: Caller, jobId: string, access: "view" | "control") {
  const store = await getStore();
  const job = await store.jobs.getJob(jobId);
  const allowed =
    job &&
    (job.ownerOid === caller.oid || (access === "view" && (await overseesAllInvitations(caller))));
  // Someone else's job answers like a missing one.
  if (!job || !allowed) throw new ActionFailure("forbidden");
  return { store, job };
}

/** The owner's browser brings a fresh token with every poll; the worker keeps it in memory only. */
async function refreshToken(caller: Caller, job: BulkJobRecord): Promise<void> {
  if (job.ownerOid !== caller.oid) return;
  const worker = await ensureBulkWorker();
  const accepted = worker.vault.put(caller);
  if (accepted && job.status === "paused" && job.pauseReason === "sign_in") {
    await (await getStore()).jobs.resumeJob(job.id, "sign_in");
  }
  worker.wake();
}

const createJobAction = createAction({
  name: "createBulkJob",
  schema: z.object({
    fileName: z.string(invalid).trim().min(1, invalid).max(255, invalid),
    format: z.enum(["admin_center", "simple"], invalid),
    headers: z
      .array(z.string(invalid).max(500, invalid), invalid)
      .min(1, invalid)
      .max(100, invalid),
    totalRows: z.number(invalid).int(invalid).min(1, invalid).max(MAX_BULK_ROWS, invalid),
  }),
  handler: async (input, { caller }) => {
    const store = await getStore();
    const job = await store.jobs.createJob({
      ownerOid: caller.oid,
      ownerName: caller.name || null,
      ownerUpn: caller.upn || null,
      ...input,
    });
    return { jobId: job.id };
  },
});

const addRowsAction = createAction({
  name: "addBulkJobRows",
  schema: z.object({
    jobId: z.uuid(invalid),
    rows: z
      .array(
        z.object({
          rowNumber: z.number(invalid).int(invalid).min(1, invalid).max(1_000_000, invalid),
          cells: z.array(cellSchema, invalid).max(100, invalid),
          skip: z.enum(["already_pending", "left_out"], invalid).optional(),
        }),
        invalid,
      )
      .min(1, invalid)
      .max(1_000, invalid),
  }),
  handler: async ({ jobId, rows }, { caller }) => {
    const { store, job } = await jobFor(caller, jobId, "control");
    if (job.status !== "draft") throw new ActionFailure("validation");
    const seen = await store.jobs.queuedAddresses(job.id);
    const prepared = prepareRows(
      rows,
      { headers: job.headers, format: job.format === "admin_center" ? "admin_center" : "simple" },
      getServerConfig().defaultRedirectUrl,
      seen,
    );
    const added = await store.jobs.addRows(job.id, prepared);
    return { added, queued: prepared.filter((row) => row.state === "queued").length };
  },
});

const startJobAction = createAction({
  name: "startBulkJob",
  schema: jobIdSchema,
  handler: async ({ jobId }, { caller }) => {
    const { store, job } = await jobFor(caller, jobId, "control");
    const worker = await ensureBulkWorker();
    worker.vault.put(caller);
    const started = await store.jobs.startJob(job.id);
    if (!started) throw new ActionFailure("validation");
    worker.wake();
    return summarizeJob(started, caller.oid);
  },
});

const progressAction = createAction({
  name: "getBulkJobProgress",
  schema: jobIdSchema,
  handler: async ({ jobId }, { caller }): Promise<BulkJobProgressView> => {
    const { store, job } = await jobFor(caller, jobId, "view");
    await refreshToken(caller, job);
    const current = (await store.jobs.getJob(job.id)) ?? job;
    const progress = await store.jobs.progress(job.id);
    return {
      job: summarizeJob(current, caller.oid),
      counts: progress.counts,
      etaSeconds: estimateSecondsLeft(current, progress),
    };
  },
});

const listRowsAction = createAction({
  name: "listBulkJobRows",
  schema: z.object({
    jobId: z.uuid(invalid),
    offset: z.number(invalid).int(invalid).min(0, invalid).max(MAX_BULK_ROWS, invalid),
    limit: z.number(invalid).int(invalid).min(1, invalid).max(MAX_BULK_ROWS, invalid),
    states: z.array(z.enum(BULK_ROW_STATES, invalid), invalid).max(6, invalid).optional(),
  }),
  handler: async ({ jobId, offset, limit, states }, { caller }) => {
    const { store, job } = await jobFor(caller, jobId, "view");
    const page = await store.jobs.listRows(job.id, {
      offset,
      limit,
      ...(states ? { states } : {}),
    });
    return {
      total: page.total,
      rows: page.rows.map((row) => viewRow(row, true)),
    };
  },
});

const resultsAction = createAction({
  name: "getBulkJobResults",
  schema: jobIdSchema,
  handler: async ({ jobId }, { caller }) => {
    const { store, job } = await jobFor(caller, jobId, "view");
    const { rows } = await store.jobs.listRows(job.id, { offset: 0, limit: MAX_BULK_ROWS });
    return {
      fileName: job.fileName,
      headers: job.headers,
      rows: rows.map((row) => ({ cells: row.cells, ...viewRow(row, true) })),
    };
  },
});

const listJobsAction = createAction({
  name: "listBulkJobs",
  schema: z.object({}),
  handler: async (_input, { caller }): Promise<BulkJobSummary[]> => {
    const store = await getStore();
    const everyone = await overseesAllInvitations(caller);
    const jobs = await store.jobs.listJobs({
      limit: 50,
      ...(everyone ? {} : { ownerOid: caller.oid }),
    });
    return jobs.map((job) => summarizeJob(job, caller.oid));
  },
});

function controlAction(name: string, change: "pause" | "resume" | "cancel") {
  return createAction({
    name,
    schema: jobIdSchema,
    handler: async ({ jobId }, { caller }) => {
      const { store, job } = await jobFor(caller, jobId, "control");
      const worker = await ensureBulkWorker();
      if (change === "resume") worker.vault.put(caller);
      const changed =
        change === "pause"
          ? await store.jobs.pauseJob(job.id, "user")
          : change === "resume"
            ? await store.jobs.resumeJob(job.id)
            : await store.jobs.cancelJob(job.id);
      worker.wake();
      return summarizeJob(changed ?? job, caller.oid);
    },
  });
}

const pauseAction = controlAction("pauseBulkJob", "pause");
const resumeAction = controlAction("resumeBulkJob", "resume");
const cancelAction = controlAction("cancelBulkJob", "cancel");

const pendingCheckAction = createAction({
  name: "checkExistingAddresses",
  schema: z.object({
    addresses: z
      .array(z.string(invalid).max(320, invalid), invalid)
      .min(1, invalid)
      .max(MAX_ADDRESSES_PER_CHECK, invalid),
  }),
  handler: async ({ addresses }, { caller }) => {
    const matches = await findUsersByMail(caller, addresses);
    return matches.map((match) => ({
      mail: match.mail,
      pending: match.externalUserState === "PendingAcceptance",
      guest: match.userType === "Guest",
    }));
  },
});

/** Starts a draft job for a file; rows follow with addBulkJobRows, then startBulkJob. */
export async function createBulkJob(accessToken: string, input: unknown) {
  return createJobAction(accessToken, input);
}

/** Adds up to 1,000 rows to the caller's draft job; the server checks every row again. */
export async function addBulkJobRows(accessToken: string, input: unknown) {
  return addRowsAction(accessToken, input);
}

export async function startBulkJob(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<BulkJobSummary>> {
  return startJobAction(accessToken, input);
}

/** Counts and time left; from the owner, also the fresh token the worker acts with. */
export async function getBulkJobProgress(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<BulkJobProgressView>> {
  return progressAction(accessToken, input);
}

export async function listBulkJobRows(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<{ total: number; rows: BulkRowView[] }>> {
  return listRowsAction(accessToken, input);
}

export async function getBulkJobResults(accessToken: string, input: unknown) {
  return resultsAction(accessToken, input);
}

export async function listBulkJobs(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<BulkJobSummary[]>> {
  return listJobsAction(accessToken, input);
}

export async function pauseBulkJob(accessToken: string, input: unknown) {
  return pauseAction(accessToken, input);
}

export async function resumeBulkJob(accessToken: string, input: unknown) {
  return resumeAction(accessToken, input);
}

export async function cancelBulkJob(accessToken: string, input: unknown) {
  return cancelAction(accessToken, input);
}

/** Which of these addresses already belong to someone in the tenant (pending guests especially). */
export async function checkExistingAddresses(accessToken: string, input: unknown) {
  return pendingCheckAction(accessToken, input);
}
