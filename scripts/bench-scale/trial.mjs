// bench:scale: one take-over trial. Both instances hold the owner's token (their progress polls
// alternate, as behind a load balancer), so either may take the job: the one that holds it is the
// one whose metrics show queued rows, and that one is killed.
import { createJob, lostAndTwice, progress } from "./jobs.mjs";
import { sleep, startPortal } from "./processes.mjs";

export const METRICS_TOKEN = "bench-scale-metrics-token";

async function queuedOn(portal) {
  const response = await fetch(`${portal.url}/api/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  }).catch(() => undefined);
  if (!response?.ok) return 0;
  const line = (await response.text())
    .split("\n")
    .find((l) => l.startsWith("portal_bulk_rows_queued "));
  return line ? Number(line.split(" ")[1]) : 0;
}

export async function killTrial({
  root,
  portals,
  ports,
  env,
  ids,
  owner,
  control,
  db,
  rows,
  trial,
}) {
  await Promise.all(portals.map((portal) => portal.ready));
  const prefix = `kill${trial}-${Date.now()}`;
  const jobId = await createJob(portals[trial % 2], ids, owner, prefix, rows);
  const started = Date.now();
  const succeeded = async () =>
    Number(
      (
        await db.query(
          "select count(*) filter (where state = 'succeeded') as n from bulk_job_rows where job_id = $1",
          [jobId],
        )
      ).rows[0].n,
    );
  const killAt = started + 300 + Math.random() * Math.max(0, (rows / 28) * 1000 - 800);
  let poll = 0;
  let holder = -1;
  for (;;) {
    await progress(portals[poll++ % 2], ids, owner, jobId);
    if (Date.now() >= killAt) {
      const queued = await Promise.all(portals.map(queuedOn));
      holder = queued.findIndex((count) => count > 0);
      if (holder >= 0 || (await succeeded()) >= rows) break;
    }
    await sleep(100);
  }
  if (holder < 0)
    return { prefix, beforeKill: true, ...(await lostAndTwice(control, prefix, rows)) };

  const survivor = 1 - holder;
  portals[holder].proc.kill("SIGKILL");
  const killedAt = Date.now();
  await portals[holder].exited;
  // Counted once the holder is gone: rows it completed just before the kill are not a resume.
  const atKill = await succeeded();
  const leaseOwner = async () =>
    (await db.query("select lease_owner from bulk_jobs where id = $1", [jobId])).rows[0]
      ?.lease_owner ?? null;
  const deadOwner = await leaseOwner();
  let tookOverAt;
  portals[holder] = startPortal(root, ports[holder], env);
  portals[holder].ready.catch(() => undefined);
  let resumedAt;
  while ((await progress(portals[survivor], ids, owner, jobId))?.job.status !== "completed") {
    if (tookOverAt === undefined) {
      const owner = await leaseOwner();
      if (owner !== null && owner !== deadOwner) tookOverAt = Date.now();
    }
    if (resumedAt === undefined && (await succeeded()) > atKill) resumedAt = Date.now();
    await sleep(100);
  }
  return {
    prefix,
    beforeKill: false,
    killedAfterMs: killedAt - started,
    atKill,
    resumeMs: resumedAt === undefined ? undefined : resumedAt - killedAt,
    takeOverMs: tookOverAt === undefined ? undefined : tookOverAt - killedAt,
    ...(await lostAndTwice(control, prefix, rows)),
  };
}
