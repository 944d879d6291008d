import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { BulkJobProgressView, BulkRowView } from "../lib/bulk/job-view";
import { expect, test } from "./support/fixtures";
import { TENANT_URL } from "./support/local-tenant";
import { serverActionId } from "./support/server-action";
import {
  callAction,
  startStandalonePortal,
  stopStandalonePortal,
  type ActionAnswer,
  type StandalonePortal,
} from "./support/standalone-portal";

/*
 * SIGTERM to a real standalone server (docs/deploy.md#shutdown) while it sends a bulk job: it reports
 * itself not ready and refuses new actions while it drains, settles the rows it has in flight,
 * releases the job and exits 0; a second instance on the same database takes the job over at once
 * and finishes it, each row sent once. Both instances get a lease and a stranded-row delay of ten
 * minutes: a job that was not released, or a row left in `sending`, would hold the take-over past
 * this test's time.
 */

const ROWS = 32;
const LATENCY_MS = 3_000;
const FRESH_MS = 1_000;
const TEN_MINUTES = "600000";
const METRICS_TOKEN = "shutdown-test-metrics-token";

type Database = { url: string; dataDir: string; shared: boolean; drop: () => Promise<void> };

/** PostgreSQL when DATABASE_URL is set (a database of the test's own), else a fresh PGlite folder. */
async function freshDatabase(): Promise<Database> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "portal-shutdown-"));
  const server = process.env.DATABASE_URL;
  if (!server) {
    return { url: "", dataDir, shared: false, drop: () => rm(dataDir, { recursive: true }) };
  }
  const name = `shutdown_test_${randomUUID().replaceAll("-", "")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  return {
    url,
    dataDir,
    shared: true,
    drop: async () => {
      await admin(`drop database if exists ${name} with (force)`);
      await rm(dataDir, { recursive: true });
    },
  };
}

function data<T>(answer: ActionAnswer<T>, what: string): T {
  if (!answer.ok) throw new Error(`${what}: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

test("SIGTERM during a bulk job: not ready and refusing actions while draining, exit 0, another instance finishes the job at once, each row sent once", async ({
  tenant,
}) => {
  test.setTimeout(240_000);
  const database = await freshDatabase();
  const env = {
    LOCAL_TENANT_URL: TENANT_URL,
    DATABASE_URL: database.url,
    DATA_DIR: database.dataDir,
    ACTION_RATE_LIMIT: "1000",
    BULK_LEASE_MS: TEN_MINUTES,
    BULK_STRANDED_AFTER_MS: TEN_MINUTES,
    METRICS_TOKEN,
  };
  const ids = {
    create: await serverActionId("createBulkJob", "components/bulk/actions.ts"),
    add: await serverActionId("addBulkJobRows", "components/bulk/actions.ts"),
    start: await serverActionId("startBulkJob", "components/bulk/actions.ts"),
    progress: await serverActionId("getBulkJobProgress", "components/bulk/actions.ts"),
    rows: await serverActionId("listBulkJobRows", "components/bulk/actions.ts"),
  };
  const owner = await tenant.token({ user: "adele", audience: "portal-api" });
  const prefix = `drain-${Date.now()}`;
  let first: StandalonePortal | undefined;
  let second: StandalonePortal | undefined;
  try {
    first = await startStandalonePortal("portal-shutdown-first", env);
    const a = first;

    await test.step("metrics on the portal's port answer without the pages' proxy", async () => {
      const metrics = await fetch(`${a.url}/api/metrics`, {
        headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain("portal_bulk_rows_processed_total");
      expect(metrics.headers.get("content-security-policy")).toBeNull();
      const page = await fetch(`${a.url}/redirect`);
      expect(page.headers.get("content-security-policy")).toContain("script-src");
    });

    // Every invitation takes a while, so rows are in flight when the signal comes.
    await tenant.updateSettings({ latencyMs: { invitations: LATENCY_MS } });
    const progress = (portal: StandalonePortal) =>
      callAction<BulkJobProgressView>(portal, "/bulk", ids.progress, [owner, { jobId }]).then(
        (answer) => data(answer, "getBulkJobProgress"),
      );
    const { jobId } = data(
      await callAction<{ jobId: string }>(a, "/bulk", ids.create, [
        owner,
        {
          fileName: `${prefix}.csv`,
          format: "simple",
          headers: ["email", "displayName", "sendEmail"],
          totalRows: ROWS,
        },
      ]),
      "createBulkJob",
    );
    const rows = Array.from({ length: ROWS }, (_, index) => ({
      rowNumber: index + 2,
      cells: [`${prefix}.${index}@fabrikam.com`, `Drain ${index}`, "false"],
    }));
    data(await callAction(a, "/bulk", ids.add, [owner, { jobId, rows }]), "addBulkJobRows");
    data(await callAction(a, "/bulk", ids.start, [owner, { jobId }]), "startBulkJob");

    // With PostgreSQL the second instance runs beside the first, as when a deployment scales in.
    if (database.shared) second = await startStandalonePortal("portal-shutdown-second", env);

    // The middle of the job: some rows done, others queued, and a row whose POST reached the
    // tenant just now, so the drain lasts (the tenant holds it for LATENCY_MS) and can be watched.
    await expect
      .poll(async () => {
        const { counts } = await progress(a);
        return counts.succeeded >= 8 && counts.queued > 0;
      })
      .toBe(true);
    await expect
      .poll(
        async () =>
          (await tenant.requests({ path: "/v1.0/invitations", method: "POST" })).some(
            (entry) =>
              entry.status === null &&
              String(
                (entry.body as { invitedUserEmailAddress?: string } | null)
                  ?.invitedUserEmailAddress,
              ).startsWith(prefix) &&
              Date.now() - Date.parse(String(entry.time)) < FRESH_MS,
          ),
        { intervals: [50] },
      )
      .toBe(true);

    a.process.kill("SIGTERM");
    await test.step("while draining: not ready, and new actions refused with `draining`", async () => {
      const ready = await fetch(`${a.url}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ready: false, draining: true });
      const refused = await callAction(a, "/bulk", ids.progress, [owner, { jobId }]);
      expect(refused).toEqual({ ok: false, error: { code: "draining" } });
    });
    expect(await a.exited).toBe(0);

    second ??= await startStandalonePortal("portal-shutdown-second", env);
    const b = second;
    await test.step("the first left no row in `sending`", async () => {
      const left = data(
        await callAction<{ total: number; rows: BulkRowView[] }>(b, "/bulk", ids.rows, [
          owner,
          { jobId, offset: 0, limit: ROWS, states: ["sending"] },
        ]),
        "listBulkJobRows",
      );
      expect(left.total).toBe(0);
    });

    // The owner's page polls the instance the load balancer picks: it brings the worker a token.
    await expect
      .poll(async () => (await progress(b)).job.status, { timeout: 120_000 })
      .toBe("completed");
    const { counts } = await progress(b);
    expect(counts).toMatchObject({ succeeded: ROWS, failed: 0, queued: 0, sending: 0 });

    const sent = new Map<string, number>();
    for (const invitation of await tenant.invitations()) {
      const email = invitation.invitedUserEmailAddress.toLowerCase();
      if (email.startsWith(`${prefix}.`)) sent.set(email, (sent.get(email) ?? 0) + 1);
    }
    expect(sent.size).toBe(ROWS);
    expect([...sent.values()].filter((times) => times !== 1)).toEqual([]);

    b.process.kill("SIGTERM");
    expect(await b.exited).toBe(0);
  } finally {
    await stopStandalonePortal(first);
    await stopStandalonePortal(second);
    await database.drop();
  }
});
