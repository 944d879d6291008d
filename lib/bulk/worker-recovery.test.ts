import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { FaultSpec } from "@/emulator/src/index";
import { postInvitation } from "@/lib/graph/invitations";
import { availableBackends } from "@/test-support/database-backends";
import { bulkWorkerTenant, bulkWorkersOn } from "@/test-support/bulk-worker-harness";
import { TokenVault } from "./token-vault";
import { claimOneRow } from "@/test-support/claim-one-row";

// What the worker does when something went wrong: a crash, an answer lost after Graph acted, a shutdown.
const { tenant, callerFor, addresses, acceptedPosts } = bulkWorkerTenant();

describe.each(availableBackends())("bulk worker recovery on $name", (backend) => {
  const { store, database, jobFor, worker, until, status } = bulkWorkersOn(backend, tenant);

  it("after a crash, settles rows left in sending by asking Graph instead of sending them again", async () => {
    const caller = await callerFor("adele");
    const jobs = store().jobs;
    const [arrived, lost, untouched] = addresses(3);
    const pendingGuest = "pending.guest@fabrikam.com";
    const job = await jobFor([arrived!, lost!, pendingGuest, untouched!], caller.oid, [], "true");
    const pendingEmails = tenant.emailsSent({ to: pendingGuest }).length;
    // A worker that died: it claimed the job and three rows, and only the first POST reached Graph.
    await jobs.claimJob(job.id, "dead-worker", 60_000);
    for (let index = 0; index < 3; index += 1) await claimOneRow(jobs, job.id, "dead-worker");
    await postInvitation(caller, {
      invitedUserEmailAddress: arrived!,
      inviteRedirectUrl: "https://myapps.microsoft.com",
      sendInvitationMessage: true,
    });
    await database().execute(
      sql`update bulk_jobs set lease_expires_at = now() - interval '1 second' where id = ${job.id}`,
    );

    const vault = new TokenVault();
    vault.put(caller);
    worker(vault);
    await until(async () => (await status(job.id)) === "completed");

    const { rows } = await jobs.listRows(job.id, { offset: 0, limit: 10 });
    expect(rows.map((row) => [row.state, row.errorCode])).toEqual([
      ["succeeded", "outcome_recovered"],
      ["succeeded", expect.toBeOneOf([null, "not_sent"])],
      ["failed", "outcome_unknown"],
      ["succeeded", null],
    ]);
    // The arrived row gets a working link from a silent re-invitation; nobody gets two e-mails.
    expect((await fetch(rows[0]!.redeemUrl!)).status).toBe(200);
    for (const email of [arrived!, lost!, untouched!]) {
      expect(tenant.emailsSent({ to: email })).toHaveLength(1);
    }
    expect(tenant.emailsSent({ to: pendingGuest })).toHaveLength(pendingEmails);
    expect(acceptedPosts(pendingGuest)).toBe(0);
  });

  it.each([
    ["a 504 after acting", { kind: "act-then-status", status: 504 }],
    ["a dropped connection after acting", { kind: "act-then-drop" }],
    ["an answer slower than the portal waits", { kind: "act-then-delay", delayMs: 12_000 }],
  ] as [string, Omit<FaultSpec, "path">][])(
    "%s: the row is settled at once, one e-mail, a working link, recorded as recovered",
    async (_, fault) => {
      const caller = await callerFor("adele");
      const vault = new TokenVault();
      vault.put(caller);
      const [email] = addresses(1);
      const job = await jobFor([email!], caller.oid, [], "true");
      tenant.injectFault({ path: "/v1.0/invitations", ...fault });
      worker(vault);
      await until(async () => (await status(job.id)) === "completed");

      const { rows } = await store().jobs.listRows(job.id, { offset: 0, limit: 1 });
      expect(rows[0]).toMatchObject({ state: "succeeded", errorCode: "outcome_recovered" });
      expect(tenant.emailsSent({ to: email! })).toHaveLength(1);
      expect((await fetch(rows[0]!.redeemUrl!)).status).toBe(200);
      const history = await store().listHistory({
        inviterOid: caller.oid,
        kind: "bulk",
        limit: 50,
      });
      expect(history.items.filter((item) => item.guestEmail === email)).toEqual([
        expect.objectContaining({ outcome: "succeeded", errorCode: "outcome_recovered" }),
      ]);
    },
  );

  it("on shutdown settles what it holds and releases the job, which another worker takes at once", async () => {
    const caller = await callerFor("adele");
    const emails = addresses(40);
    const job = await jobFor(emails, caller.oid);
    const vaultA = new TokenVault();
    vaultA.put(caller);
    // Long leases and a long scan: only a released lease lets B start before the test times out.
    const long = { leaseMs: 600_000, scanMs: 600_000, strandedAfterMs: 600_000, concurrency: 4 };
    const first = worker(vaultA, long);
    await until(async () => (await store().jobs.progress(job.id)).counts.succeeded >= 5);

    await first.stop();

    const stopped = await store().jobs.progress(job.id);
    expect(stopped.counts.sending).toBe(0);
    expect(stopped.counts.succeeded).toBeLessThan(40);
    expect(await store().jobs.getJob(job.id)).toMatchObject({
      status: "running",
      leaseOwner: null,
    });
    const vaultB = new TokenVault();
    vaultB.put(caller);
    worker(vaultB, long);
    await until(async () => (await status(job.id)) === "completed");
    expect((await store().jobs.progress(job.id)).counts).toMatchObject({
      succeeded: 40,
      sending: 0,
    });
    for (const email of emails) expect(acceptedPosts(email)).toBe(1);
  });
});
