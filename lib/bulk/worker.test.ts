import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startLocalTenant, type LocalTenant } from "@/emulator/src/index";
import { validateAccessToken } from "@/lib/auth/validate-access-token";
import { resetServerConfig } from "@/lib/config/server-config";
import { availableBackends, openTestStore, type TestStore } from "@/test-support/database-backends";
import { postInvitation } from "@/lib/graph/invitations";
import { prepareRows } from "./job-rows";
import { TokenVault } from "./token-vault";
import { BulkWorker, type BulkWorkerOptions } from "./worker";

// The worker end to end: the local tenant in process (tokens, on-behalf-of, Graph with its throttle)
// and the job store on each available backend.
let tenant: LocalTenant;
const savedUrl = process.env.LOCAL_TENANT_URL;

beforeAll(async () => {
  tenant = await startLocalTenant({ port: 0, seed: "minimal" });
  process.env.LOCAL_TENANT_URL = tenant.url;
  resetServerConfig();
});
afterAll(async () => {
  await tenant.close();
  if (savedUrl === undefined) delete process.env.LOCAL_TENANT_URL;
  else process.env.LOCAL_TENANT_URL = savedUrl;
  resetServerConfig();
});

const callerFor = async (user: string) =>
  validateAccessToken((await tenant.issueToken({ user, audience: "portal-api" })).accessToken);

let run = 0;
const addresses = (count: number) => {
  run += 1;
  return Array.from(
    { length: count },
    (_, index) => `bulk${run}.${index}.${Date.now()}@fabrikam.com`,
  );
};

const acceptedPosts = (email: string) =>
  tenant
    .requests({ pathPrefix: "/v1.0/invitations", method: "POST" })
    .filter(
      (entry) =>
        entry.status === 201 &&
        (entry.body as { invitedUserEmailAddress?: string }).invitedUserEmailAddress === email,
    ).length;

describe.each(availableBackends())("bulk worker on $name", (backend) => {
  let test: TestStore;
  const workers: BulkWorker[] = [];
  beforeAll(async () => {
    test = await openTestStore(backend);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    tenant.clearFaults();
    tenant.updateSettings({ invitationRateLimit: { requests: 150, windowSeconds: 5 } });
  });
  afterAll(async () => {
    await test?.dispose();
  });

  async function jobFor(emails: string[], ownerOid: string, extraCells: string[][] = []) {
    const jobs = test.store.jobs;
    const cells = [...emails.map((email) => [email, "false"]), ...extraCells];
    const job = await jobs.createJob({
      ownerOid,
      ownerName: "Adele Vance",
      fileName: "guests.csv",
      format: "simple",
      headers: ["email", "sendEmail"],
      totalRows: cells.length,
    });
    const prepared = prepareRows(
      cells.map((row, index) => ({ rowNumber: index + 2, cells: row })),
      { headers: ["email", "sendEmail"], format: "simple" },
      { defaultRedirectUrl: "https://myapps.microsoft.com", localTenant: true },
      new Map(),
    );
    await jobs.addRows(job.id, prepared);
    await jobs.startJob(job.id);
    return job;
  }

  function worker(vault: TokenVault, options: Partial<BulkWorkerOptions> = {}) {
    const created = new BulkWorker({
      store: async () => test.store,
      vault,
      scanMs: 50,
      leaseMs: 3_000,
      strandedAfterMs: 200,
      ...options,
    });
    workers.push(created);
    created.start();
    return created;
  }

  async function until(done: () => Promise<boolean>, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error("timed out");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const status = async (jobId: string) => (await test.store.jobs.getJob(jobId))?.status;

  it("sends every valid row once, records each in the history, and completes the job", async () => {
    const caller = await callerFor("adele");
    const vault = new TokenVault();
    vault.put(caller);
    const emails = addresses(6);
    const job = await jobFor(emails, caller.oid, [
      ["not-an-address", ""],
      [emails[0]!.toUpperCase(), ""],
    ]);
    worker(vault);
    await until(async () => (await status(job.id)) === "completed");

    const { counts } = await test.store.jobs.progress(job.id);
    expect(counts).toMatchObject({ succeeded: 6, skipped: 2, queued: 0, sending: 0 });
    for (const email of emails) expect(acceptedPosts(email)).toBe(1);
    const { rows } = await test.store.jobs.listRows(job.id, { offset: 0, limit: 10 });
    expect(rows[0]).toMatchObject({
      state: "succeeded",
      guestUserId: expect.any(String),
      redeemUrl: expect.stringContaining("redeem"),
      requestId: expect.any(String),
    });
    expect(rows.slice(6).map((row) => row.errorCode)).toEqual(["invalid", "duplicate"]);
    const history = await test.store.listHistory({
      inviterOid: caller.oid,
      kind: "bulk",
      limit: 50,
    });
    expect(history.items.filter((item) => emails.includes(item.guestEmail))).toHaveLength(6);
    expect(history.items.every((item) => item.outcome === "succeeded")).toBe(true);
  });

  it("keeps sending through throttling: throttled rows wait and go again, none twice", async () => {
    tenant.updateSettings({ invitationRateLimit: { requests: 4, windowSeconds: 1 } });
    const caller = await callerFor("adele");
    const vault = new TokenVault();
    vault.put(caller);
    const emails = addresses(16);
    const before = tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" }).length;
    const job = await jobFor(emails, caller.oid);
    worker(vault);
    await until(async () => (await status(job.id)) === "completed", 60_000);
    const posts = tenant
      .requests({ pathPrefix: "/v1.0/invitations", method: "POST" })
      .slice(before);
    expect(posts.some((entry) => entry.status === 429)).toBe(true);
    for (const email of emails) expect(acceptedPosts(email)).toBe(1);
    expect((await test.store.jobs.progress(job.id)).counts.succeeded).toBe(16);
  });

  it("after a crash, resolves rows left in sending against Graph instead of sending them again", async () => {
    const caller = await callerFor("adele");
    const jobs = test.store.jobs;
    const [arrived, lost, untouched] = addresses(3);
    const job = await jobFor(
      [arrived!, lost!, "pending.guest@fabrikam.com", untouched!],
      caller.oid,
    );
    // A worker that died: it claimed the job and three rows, and only the first POST reached Graph.
    await jobs.claimJob(job.id, "dead-worker", 60_000);
    for (let index = 0; index < 3; index += 1) await jobs.claimNextRow(job.id, "dead-worker");
    await postInvitation(caller, {
      invitedUserEmailAddress: arrived!,
      inviteRedirectUrl: "https://myapps.microsoft.com",
      sendInvitationMessage: false,
    });
    await test.db.execute(
      sql`update bulk_jobs set lease_expires_at = now() - interval '1 second' where id = ${job.id}`,
    );
    const postsBefore = acceptedPosts(arrived!);

    const vault = new TokenVault();
    vault.put(caller);
    worker(vault);
    await until(async () => (await status(job.id)) === "completed");

    const { rows } = await jobs.listRows(job.id, { offset: 0, limit: 10 });
    expect(rows.map((row) => [row.state, row.errorCode])).toEqual([
      ["succeeded", "outcome_recovered"],
      ["succeeded", null],
      ["failed", "outcome_unknown"],
      ["succeeded", null],
    ]);
    expect(acceptedPosts(arrived!)).toBe(postsBefore);
    expect(acceptedPosts(lost!)).toBe(1);
    expect(acceptedPosts("pending.guest@fabrikam.com")).toBe(0);
    expect(acceptedPosts(untouched!)).toBe(1);
  });

  it("never sends a row twice with two workers on one database", async () => {
    const caller = await callerFor("adele");
    const vaultA = new TokenVault();
    const vaultB = new TokenVault();
    vaultA.put(caller);
    vaultB.put(caller);
    const emails = addresses(12);
    const job = await jobFor(emails, caller.oid);
    worker(vaultA, { concurrency: 3 });
    worker(vaultB, { concurrency: 3 });
    await until(async () => (await status(job.id)) === "completed");
    for (const email of emails) expect(acceptedPosts(email)).toBe(1);
  });

  it("pauses for sign-in without a token, and when the platform refuses the token", async () => {
    const caller = await callerFor("lee");
    const emails = addresses(3);
    const noToken = await jobFor(emails, caller.oid);
    worker(new TokenVault(), { signInGraceMs: 0 });
    await until(async () => (await status(noToken.id)) === "paused");
    expect((await test.store.jobs.getJob(noToken.id))?.pauseReason).toBe("sign_in");
    await Promise.all(workers.splice(0).map((running) => running.stop()));

    tenant.revokeSessions("lee");
    const vault = new TokenVault();
    vault.put(caller);
    await test.store.jobs.resumeJob(noToken.id, "sign_in");
    worker(vault);
    await until(async () => (await status(noToken.id)) === "paused");
    expect((await test.store.jobs.progress(noToken.id)).counts).toMatchObject({ queued: 3 });
    for (const email of emails) expect(acceptedPosts(email)).toBe(0);
    // The refused token cannot resume the job; a new one can.
    expect(vault.put(caller)).toBe(false);
    const fresh = await callerFor("lee");
    expect(vault.put(fresh)).toBe(true);
  });
});
