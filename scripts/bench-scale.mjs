#!/usr/bin/env node
// `npm run bench:scale`: two portal instances (the standalone server, `npm run build` first) on one
// PostgreSQL, the local tenant's throttle on (150 invitation requests per 5 s). A bulk job of 1,000
// rows runs on one instance while single invitations go through the other: wall time beside the
// theoretical minimum, the share of 429 answers, rows lost or sent twice. Then 20 trials that
// SIGKILL the instance holding a job at a random moment: rows lost and sent twice across all
// trials, and the time until the other instance sends again. Figures, not a test.
//
// A fresh database on BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432/postgres) is
// created and dropped. Ports: BENCH_TENANT_PORT (4192), BENCH_PORTAL_PORTS (3193,3194).
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { killTrial, METRICS_TOKEN } from "./bench-scale/trial.mjs";
import {
  createJob,
  bulkActions,
  invitationPosts,
  lostAndTwice,
  median,
  progress,
  sendSingles,
} from "./bench-scale/jobs.mjs";
import {
  actionIds,
  sleep,
  startPortal,
  startTenant,
  tenantControl,
  waitFor,
} from "./bench-scale/processes.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROWS = Number(process.env.BENCH_ROWS ?? 1000);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 20);
const TRIAL_ROWS = Number(process.env.BENCH_TRIAL_ROWS ?? 200);
const TENANT_PORT = Number(process.env.BENCH_TENANT_PORT ?? 4192);
const PORTS = (process.env.BENCH_PORTAL_PORTS ?? "3193,3194").split(",").map(Number);
const DIST = process.env.NEXT_DIST_DIR ?? ".next";
// Shorter than the defaults (15 s, 30 s) so 20 take-overs fit in minutes.
const LEASE_MS = Number(process.env.BENCH_LEASE_MS ?? 5_000);
const STRANDED_MS = Number(process.env.BENCH_STRANDED_AFTER_MS ?? 8_000);
const SERVER = process.env.BENCH_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TENANT_URL = `http://127.0.0.1:${TENANT_PORT}`;

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
// The first 150 go at once, then 150 per 5 s: the fastest the tenant's own limit allows.
const minimumMs = (requests) => (Math.ceil(requests / 150) - 1) * 5_000;

async function onServer(statement) {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function main() {
  const dbName = `bench_scale_${Date.now()}`;
  await onServer(`create database ${dbName}`);
  const databaseUrl = Object.assign(new URL(SERVER), { pathname: `/${dbName}` }).toString();
  const tenant = startTenant(root, TENANT_PORT);
  const control = tenantControl(TENANT_URL);
  const env = {
    LOCAL_TENANT_URL: TENANT_URL,
    DATABASE_URL: databaseUrl,
    NEXT_DIST_DIR: DIST,
    BULK_LEASE_MS: String(LEASE_MS),
    BULK_STRANDED_AFTER_MS: String(STRANDED_MS),
    METRICS_TOKEN,
  };
  const portals = [];
  const db = new pg.Client({ connectionString: databaseUrl });
  try {
    await waitFor(async () => (await control("GET", "/health")) !== null, "the local tenant");
    await control("PATCH", "/settings", { requestLogLimit: 200_000 });
    // One after the other: they migrate the same database.
    for (const port of PORTS) {
      portals.push(startPortal(root, port, env));
      await portals.at(-1).ready;
    }
    await db.connect();
    const ids = bulkActions(actionIds(root, DIST));
    const token = async (user) =>
      (await control("POST", "/tokens", { user, audience: "portal-api", lifetimeSeconds: 3600 }))
        .access_token;
    const owner = await token("adele");
    const inviter = await token("lee");
    console.log(
      `bench:scale: 2 instances on PostgreSQL ${dbName}, local tenant throttle 150 / 5 s`,
    );

    // ------------------------------------------------------------ run 1: bulk on A, singles on B
    const prefix = `scale-${Date.now()}`;
    const since = Date.now();
    const jobId = await createJob(portals[0], ids, owner, prefix, ROWS);
    const started = Date.now();
    let finished = false;
    const singles = sendSingles(portals[1], ids, inviter, prefix, () => finished);
    while ((await progress(portals[0], ids, owner, jobId))?.job.status !== "completed")
      await sleep(250);
    const wall = Date.now() - started;
    finished = true;
    const { latencies, codes } = await singles;
    const posts = await invitationPosts(control, since, prefix);
    const run1 = await lostAndTwice(control, prefix, ROWS);
    const sentSingles = codes.sent ?? 0;
    console.log(`\nRun 1: ${ROWS}-row job on instance A, single invitations through instance B`);
    console.log(`  wall time (start → completed):  ${seconds(wall)} (polled every 0.25 s)`);
    console.log(`  first to last row accepted:     ${seconds(posts.rowSpanMs)} (the tenant's log)`);
    if (process.env.BENCH_TRACE)
      console.log(`  accepted per 0.5 s:             ${posts.perHalfSecond.join(" ")}`);
    console.log(
      `  theoretical minimum:            ${seconds(minimumMs(ROWS + sentSingles))} for ${ROWS} rows + ${sentSingles} singles (ratio ${(wall / minimumMs(ROWS + sentSingles)).toFixed(2)}); at a steady 30/s ${seconds(((ROWS + sentSingles) / 30) * 1000)} (ratio ${(wall / (((ROWS + sentSingles) / 30) * 1000)).toFixed(2)})`,
    );
    console.log(
      `  POST /invitations answered 429: ${posts.throttled} of ${posts.total} (${((100 * posts.throttled) / Math.max(1, posts.total)).toFixed(1)} %)`,
    );
    console.log(
      `  single invitations:             ${JSON.stringify(codes)}, median ${median(latencies)} ms, max ${Math.max(...latencies)} ms`,
    );
    console.log(
      `  rows lost: ${run1.lost}; rows whose e-mail went out twice: ${run1.twice}; silent re-invitations recovering a lost link: ${run1.relinked}`,
    );

    // ------------------------------------------------------------ run 2: SIGKILL the holder
    const totals = { lost: 0, twice: 0, relinked: 0, resumes: [], takeOvers: [], beforeKill: 0 };
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const context = {
        root,
        portals,
        ports: PORTS,
        env,
        ids,
        owner,
        control,
        db,
        rows: TRIAL_ROWS,
      };
      const result = await killTrial({ ...context, trial });
      totals.lost += result.lost;
      totals.twice += result.twice;
      totals.relinked += result.relinked;
      if (result.beforeKill) totals.beforeKill += 1;
      else if (result.resumeMs !== undefined) totals.resumes.push(result.resumeMs);
      if (result.takeOverMs !== undefined) totals.takeOvers.push(result.takeOverMs);
      console.log(
        result.beforeKill
          ? `  trial ${trial + 1}: finished before the kill; lost ${result.lost}, twice ${result.twice}, relinked ${result.relinked}`
          : `  trial ${trial + 1}: holder killed after ${seconds(result.killedAfterMs)} with ${result.atKill}/${TRIAL_ROWS} sent; the other took the job after ${result.takeOverMs === undefined ? "—" : seconds(result.takeOverMs)} and sent again after ${result.resumeMs === undefined ? "—" : seconds(result.resumeMs)}; lost ${result.lost}, twice ${result.twice}, relinked ${result.relinked}`,
      );
    }
    console.log(
      `\nRun 2: ${TRIALS} trials of ${TRIAL_ROWS} rows, the holder SIGKILLed at a random moment (lease ${seconds(LEASE_MS)}, stranded rows resolved after ${seconds(STRANDED_MS)})`,
    );
    console.log(
      `  rows lost: ${totals.lost}; rows whose e-mail went out twice: ${totals.twice}; silent re-invitations recovering a lost link: ${totals.relinked}`,
    );
    console.log(
      `  time to take the job over (its lease): median ${seconds(median(totals.takeOvers))}, max ${seconds(Math.max(...totals.takeOvers))} (lease ${seconds(LEASE_MS)})`,
    );
    console.log(
      `  time to send again (also waits for the tenant's budget the killed instance used): median ${seconds(median(totals.resumes))}, max ${seconds(Math.max(...totals.resumes))} (${totals.resumes.length} trials; ${totals.beforeKill} finished before the kill)`,
    );
  } finally {
    await db.end().catch(() => undefined);
    for (const portal of portals) portal.proc.kill("SIGTERM");
    await Promise.all(portals.map((portal) => portal.exited));
    tenant.kill("SIGTERM");
    await onServer(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
