import { afterAll, afterEach, beforeAll } from "vitest";
import { startLocalTenant, type LocalTenant } from "@/emulator/src/index";
import { validateAccessToken } from "@/lib/auth/validate-access-token";
import { prepareRows } from "@/lib/bulk/job-rows";
import { TokenVault } from "@/lib/bulk/token-vault";
import { BulkWorker, type BulkWorkerOptions } from "@/lib/bulk/worker";
import { resetServerConfig } from "@/lib/config/server-config";
import { shortGraphAttemptTimeout } from "./graph-attempt-timeout";
import { openTestStore, type TestBackend, type TestStore } from "./database-backends";

/**
 * The bulk worker end to end, for the test file that calls this: the local tenant in process (tokens,
 * on-behalf-of, Graph with its throttle), started before its tests and closed after them.
 */
export function bulkWorkerTenant() {
  let tenant: LocalTenant | undefined;
  // An act-then-delay answer comes long after this.
  shortGraphAttemptTimeout();
  const savedUrl = process.env.LOCAL_TENANT_URL;

  beforeAll(async () => {
    tenant = await startLocalTenant({ port: 0, seed: "minimal" });
    process.env.LOCAL_TENANT_URL = tenant.url;
    resetServerConfig();
  });
  afterAll(async () => {
    await tenant?.close();
    if (savedUrl === undefined) delete process.env.LOCAL_TENANT_URL;
    else process.env.LOCAL_TENANT_URL = savedUrl;
    resetServerConfig();
  });

  const live = (): LocalTenant => {
    if (!tenant) throw new Error("the local tenant starts in beforeAll");
    return tenant;
  };
  // The tenant exists only once beforeAll ran: hand out a stand-in that reaches it then.
  const standIn = new Proxy({} as LocalTenant, {
    get: (_target, property) => Reflect.get(live(), property),
  });

  const callerFor = async (user: string) =>
    validateAccessToken((await live().issueToken({ user, audience: "portal-api" })).accessToken);

  let run = 0;
  const addresses = (count: number) => {
    run += 1;
    return Array.from(
      { length: count },
      (_, index) => `bulk${run}.${index}.${Date.now()}@fabrikam.com`,
    );
  };

  const acceptedPosts = (email: string) =>
    live()
      .requests({ pathPrefix: "/v1.0/invitations", method: "POST" })
      .filter(
        (entry) =>
          entry.status === 201 &&
          (entry.body as { invitedUserEmailAddress?: string }).invitedUserEmailAddress === email,
      ).length;

  return { tenant: standIn, callerFor, addresses, acceptedPosts };
}

/** A job store on one backend, and workers on it that stop after each test. */
export function bulkWorkersOn(backend: TestBackend, tenant: LocalTenant) {
  let test: TestStore | undefined;
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
  const store = () => {
    if (!test) throw new Error("the store opens in beforeAll");
    return test.store;
  };

  async function jobFor(
    emails: string[],
    ownerOid: string,
    extraCells: string[][] = [],
    sendEmail: "true" | "false" = "false",
  ) {
    const jobs = store().jobs;
    const cells = [...emails.map((email) => [email, sendEmail]), ...extraCells];
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
      store: async () => store(),
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

  async function until(done: () => Promise<boolean>, timeoutMs = 90_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error("timed out");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const status = async (jobId: string) => (await store().jobs.getJob(jobId))?.status;

  /** The raw database, for tests that fake what a crash leaves behind. */
  const database = () => {
    if (!test) throw new Error("the store opens in beforeAll");
    return test.db;
  };

  return { store, database, workers, jobFor, worker, until, status };
}
