"use server";

import { z } from "zod";
import { existingAddresses } from "@/lib/bulk/existing-addresses";
import {
  addressesInput,
  jobIdInput,
  jobRowsInput,
  newJobInput,
  rowsPageInput,
} from "@/lib/bulk/job-input";
import { addDraftRows, changeJob, createDraftJob, startJob } from "@/lib/bulk/job-lifecycle";
import { jobProgress, jobResults, jobRowsPage, jobsFor } from "@/lib/bulk/job-progress";
import { createAction } from "@/lib/server-action/create-action";

/** Starts a draft job for a file; rows follow with addBulkJobRows, then startBulkJob. */
export const createBulkJob = createAction({
  name: "createBulkJob",
  schema: newJobInput,
  handler: (input, { caller }) => createDraftJob(caller, input),
});

/** Adds up to 1,000 rows to the caller's draft job; the server checks every row again. */
export const addBulkJobRows = createAction({
  name: "addBulkJobRows",
  schema: jobRowsInput,
  handler: (input, { caller }) => addDraftRows(caller, input),
});

export const startBulkJob = createAction({
  name: "startBulkJob",
  schema: jobIdInput,
  handler: ({ jobId }, { caller }) => startJob(caller, jobId),
});

/** Counts and time left; from the owner, also the fresh token the worker acts with. */
export const getBulkJobProgress = createAction({
  name: "getBulkJobProgress",
  schema: jobIdInput,
  handler: ({ jobId }, { caller }) => jobProgress(caller, jobId),
});

export const listBulkJobRows = createAction({
  name: "listBulkJobRows",
  schema: rowsPageInput,
  handler: (input, { caller }) => jobRowsPage(caller, input),
});

export const getBulkJobResults = createAction({
  name: "getBulkJobResults",
  schema: jobIdInput,
  handler: ({ jobId }, { caller }) => jobResults(caller, jobId),
});

export const listBulkJobs = createAction({
  name: "listBulkJobs",
  schema: z.object({}),
  handler: (_input, { caller }) => jobsFor(caller),
});

export const pauseBulkJob = createAction({
  name: "pauseBulkJob",
  schema: jobIdInput,
  handler: ({ jobId }, { caller }) => changeJob(caller, jobId, "pause"),
});

export const resumeBulkJob = createAction({
  name: "resumeBulkJob",
  schema: jobIdInput,
  handler: ({ jobId }, { caller }) => changeJob(caller, jobId, "resume"),
});

export const cancelBulkJob = createAction({
  name: "cancelBulkJob",
  schema: jobIdInput,
  handler: ({ jobId }, { caller }) => changeJob(caller, jobId, "cancel"),
});

/** Which of these addresses already belong to someone in the tenant (pending guests especially). */
export const checkExistingAddresses = createAction({
  name: "checkExistingAddresses",
  schema: addressesInput,
  handler: ({ addresses }, { caller }) => existingAddresses(caller, addresses),
});
