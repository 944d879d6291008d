import { describe, expect, it } from "vitest";
import type { NewBulkRow } from "./bulk-types";
import { availableBackends, newInviterOid, setUpTestStore } from "@/test-support/database-backends";
import { claimOneRow } from "@/test-support/claim-one-row";

const request = (email: string) => ({
  invitedUserEmailAddress: email,
  inviteRedirectUrl: "https://myapps.microsoft.com",
});

function queuedRows(count: number, first = 2): NewBulkRow[] {
  return Array.from({ length: count }, (_, index) => {
    const email = `guest${index}@fabrikam.com`;
    return {
      rowNumber: first + index,
      cells: [email],
      email,
      request: request(email),
      state: "queued",
    };
  });
}

describe.each(availableBackends())("bulk job store on $name", (backend) => {
  const { store, db } = setUpTestStore(backend);

  const draftJob = (totalRows: number) =>
    store().jobs.createJob({
      ownerOid: newInviterOid(),
      fileName: "guests.csv",
      format: "simple",
      headers: ["email"],
      totalRows,
    });

  async function runningJob(rowCount: number) {
    const jobs = store().jobs;
    const job = await draftJob(rowCount);
    await jobs.addRows(job.id, queuedRows(rowCount));
    const started = await jobs.startJob(job.id);
    expect(started?.status).toBe("running");
    return job;
  }

  it("keeps a draft until every row has arrived; a repeated batch adds nothing", async () => {
    const jobs = store().jobs;
    const job = await draftJob(3);
    expect(await jobs.addRows(job.id, queuedRows(2))).toBe(2);
    expect(await jobs.addRows(job.id, queuedRows(2))).toBe(0);
    expect(await jobs.startJob(job.id)).toBeUndefined();
    await jobs.addRows(job.id, [
      {
        rowNumber: 4,
        cells: ["bad"],
        email: "bad",
        request: null,
        state: "skipped",
        errorCode: "invalid",
      },
    ]);
    expect([...(await jobs.queuedAddresses(job.id)).entries()]).toEqual([
      ["guest0@fabrikam.com", 2],
      ["guest1@fabrikam.com", 3],
    ]);
    expect((await jobs.startJob(job.id))?.status).toBe("running");
    expect((await jobs.progress(job.id)).counts).toMatchObject({ queued: 2, skipped: 1 });
  });

  it("lets one worker hold a job's lease at a time, and only the holder claims rows", async () => {
    const jobs = store().jobs;
    const job = await runningJob(3);
    expect(await jobs.claimJob(job.id, "worker-a", 60_000)).toBeDefined();
    expect(await jobs.claimJob(job.id, "worker-b", 60_000)).toBeUndefined();
    expect(await claimOneRow(jobs, job.id, "worker-b")).toBeUndefined();
    const row = await claimOneRow(jobs, job.id, "worker-a");
    expect(row).toMatchObject({ rowNumber: 2, state: "sending", attemptCount: 1 });
    expect(row?.sendingAt).toBeInstanceOf(Date);
    await jobs.releaseJob(job.id, "worker-a");
    expect(await jobs.claimJob(job.id, "worker-b", 60_000)).toBeDefined();
  });

  it("never hands the same row to two claims racing for it", async () => {
    const jobs = store().jobs;
    const job = await runningJob(20);
    await jobs.claimJob(job.id, "worker-a", 60_000);
    const claimed = await Promise.all(
      Array.from({ length: 25 }, () => claimOneRow(jobs, job.id, "worker-a")),
    );
    const ids = claimed.flatMap((row) => (row ? [row.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThanOrEqual(20);
  });

  it("claims a batch of rows in row order, none twice across batches racing for them", async () => {
    const jobs = store().jobs;
    const job = await runningJob(20);
    await jobs.claimJob(job.id, "worker-a", 60_000);
    expect(await jobs.claimNextRows(job.id, "worker-b", 5)).toEqual([]);
    const first = await jobs.claimNextRows(job.id, "worker-a", 5);
    expect(first.map((row) => row.rowNumber)).toEqual([2, 3, 4, 5, 6]);
    expect(first.every((row) => row.state === "sending" && row.attemptCount === 1)).toBe(true);
    const racing = await Promise.all(
      Array.from({ length: 6 }, () => jobs.claimNextRows(job.id, "worker-a", 4)),
    );
    const ids = [...first, ...racing.flat()].map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(20);
    expect(await jobs.claimNextRows(job.id, "worker-a", 5)).toEqual([]);
  });

  it("takes over a job whose lease has expired", async () => {
    const jobs = store().jobs;
    const job = await runningJob(1);
    await jobs.claimJob(job.id, "worker-a", 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await jobs.runnableJobs()).map((found) => found.id)).toContain(job.id);
    expect(await jobs.claimJob(job.id, "worker-b", 60_000)).toBeDefined();
    expect(await claimOneRow(jobs, job.id, "worker-a")).toBeUndefined();
  });

  it("requeues a throttled row until it is due, finds stranded rows, completes the job", async () => {
    const jobs = store().jobs;
    const job = await runningJob(2);
    await jobs.claimJob(job.id, "w", 60_000);
    const first = await claimOneRow(jobs, job.id, "w");
    await jobs.requeueRow(first!.id, 60_000, { errorCode: "throttled" });
    const second = await claimOneRow(jobs, job.id, "w");
    expect(second?.rowNumber).toBe(3);
    expect(await claimOneRow(jobs, job.id, "w")).toBeUndefined();
    expect(await jobs.nextDueInMs(job.id)).toBeGreaterThan(50_000);

    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await jobs.strandedRows(job.id, 10)).map((row) => row.id)).toEqual([second!.id]);
    await jobs.completeRow(second!.id, { state: "succeeded", guestUserId: "u1", redeemUrl: "r" });
    expect(await jobs.finishIfDone(job.id)).toBe(false);
    // Completing twice does nothing: only a row in `sending` can finish.
    expect(await jobs.completeRow(second!.id, { state: "failed" })).toBeUndefined();

    await jobs.requeueRow(first!.id, 0);
    await db().execute(
      // Arrange what time would: the throttled row is due now.
      (await import("drizzle-orm"))
        .sql`update bulk_job_rows set not_before = now() - interval '1 second' where id = ${first!.id}`,
    );
    const again = await claimOneRow(jobs, job.id, "w");
    expect(again).toMatchObject({ id: first!.id, attemptCount: 2 });
    await jobs.completeRow(again!.id, { state: "failed", errorCode: "graph_error" });
    expect(await jobs.finishIfDone(job.id)).toBe(true);
    const done = await jobs.getJob(job.id);
    expect(done).toMatchObject({ status: "completed", leaseOwner: null });
    expect((await jobs.progress(job.id)).counts).toMatchObject({ succeeded: 1, failed: 1 });
  });

  it("pauses, resumes and cancels; a sign-in pause never overrides the person's own", async () => {
    const jobs = store().jobs;
    const job = await runningJob(3);
    expect((await jobs.pauseJob(job.id, "user"))?.pauseReason).toBe("user");
    expect(await jobs.pauseJob(job.id, "sign_in")).toBeUndefined();
    expect(await jobs.resumeJob(job.id, "sign_in")).toBeUndefined();
    expect((await jobs.resumeJob(job.id))?.status).toBe("running");
    expect((await jobs.pauseJob(job.id, "sign_in"))?.pauseReason).toBe("sign_in");
    expect((await jobs.resumeJob(job.id, "sign_in"))?.status).toBe("running");

    await jobs.claimJob(job.id, "w", 60_000);
    const inFlight = await claimOneRow(jobs, job.id, "w");
    expect((await jobs.cancelJob(job.id))?.status).toBe("cancelled");
    expect(await claimOneRow(jobs, job.id, "w")).toBeUndefined();
    expect((await jobs.progress(job.id)).counts).toMatchObject({ cancelled: 2, sending: 1 });
    expect(await jobs.completeRow(inFlight!.id, { state: "succeeded" })).toBeDefined();
    expect((await jobs.getJob(job.id))?.status).toBe("cancelled");
  });

  it("lists an owner's jobs newest first, without drafts, and pages through rows", async () => {
    const jobs = store().jobs;
    const ownerOid = newInviterOid();
    const make = async (name: string) => {
      const job = await jobs.createJob({
        ownerOid,
        fileName: name,
        format: "simple",
        headers: ["email"],
        totalRows: 5,
      });
      await jobs.addRows(job.id, queuedRows(5));
      return job;
    };
    const older = await make("older.csv");
    await jobs.startJob(older.id);
    await make("draft.csv");
    const newer = await make("newer.csv");
    await jobs.startJob(newer.id);
    expect((await jobs.listJobs({ ownerOid, limit: 10 })).map((job) => job.fileName)).toEqual([
      "newer.csv",
      "older.csv",
    ]);
    const page = await jobs.listRows(newer.id, { offset: 2, limit: 2 });
    expect(page.total).toBe(5);
    expect(page.rows.map((row) => row.rowNumber)).toEqual([4, 5]);
    expect(await jobs.getJob("not-a-uuid")).toBeUndefined();
  });
});
