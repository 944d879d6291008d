import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { postInvitation } from "@/lib/graph/invitations";
import { availableBackends } from "@/test-support/database-backends";
import { bulkWorkerTenant, bulkWorkersOn } from "@/test-support/bulk-worker-harness";
import { startGuestJob, type JobGuest } from "./guest-jobs";
import { TokenVault } from "./token-vault";

// Reminder and removal jobs: the bulk machinery with a job kind, against the local tenant in process.
const { tenant, callerFor, addresses } = bulkWorkerTenant();
const REDIRECT = "https://myapps.microsoft.com";

/** Pending guests invited silently (no e-mail yet), as the stale clean-up finds them. */
async function pendingGuests(caller: Caller, count: number): Promise<JobGuest[]> {
  const guests: JobGuest[] = [];
  for (const email of addresses(count)) {
    const { invitation } = await postInvitation(caller, {
      invitedUserEmailAddress: email,
      inviteRedirectUrl: REDIRECT,
      sendInvitationMessage: false,
    });
    guests.push({ id: invitation.invitedUser!.id!, email, displayName: null });
  }
  return guests;
}

const deletesOf = (id: string) =>
  tenant.requests({ pathPrefix: `/v1.0/users/${id}`, method: "DELETE" }).length;

describe.each(availableBackends())("reminder and removal jobs on $name", (backend) => {
  const { store, database, worker, until, status } = bulkWorkersOn(backend, tenant);

  it("keeps the job kind, invite by default", async () => {
    const owner = { oid: "owner-kind", name: "Owner" };
    const invite = await store().jobs.createJob({
      ownerOid: owner.oid,
      fileName: "guests.csv",
      format: "simple",
      headers: ["email"],
      totalRows: 0,
    });
    expect(invite.kind).toBe("invite");
    const removal = await startGuestJob(store(), owner, "remove", [], REDIRECT);
    expect((await store().jobs.getJob(removal.id))?.kind).toBe("remove");
    await expect(
      database().execute(sql`update bulk_jobs set kind = 'archive' where id = ${removal.id}`),
    ).rejects.toThrow();
  });

  it("removes each guest once, to deleted items, recorded as guest_delete with the job", async () => {
    const megan = await callerFor("megan");
    const guests = await pendingGuests(megan, 3);
    const vault = new TokenVault();
    vault.put(megan);
    const job = await startGuestJob(store(), megan, "remove", guests, REDIRECT);
    worker(vault);
    await until(async () => (await status(job.id)) === "completed");

    const { counts } = await store().jobs.progress(job.id);
    expect(counts).toMatchObject({ succeeded: 3, failed: 0 });
    for (const guest of guests) {
      expect(deletesOf(guest.id)).toBe(1);
      expect(tenant.deletedUser(guest.id)).toBeDefined();
    }
    const changes = await store().changes.list({ jobId: job.id, limit: 10 });
    expect(changes.map((change) => [change.kind, change.outcome, change.actorOid])).toEqual(
      guests.map(() => ["guest_delete", "succeeded", megan.oid]),
    );
  });

  it("settles a DELETE whose answer was lost by asking Graph, without sending it again", async () => {
    const megan = await callerFor("megan");
    const [guest] = await pendingGuests(megan, 1);
    tenant.injectFault({
      path: `/v1.0/users/${guest!.id}`,
      method: "DELETE",
      kind: "act-then-status",
      status: 504,
    });
    const vault = new TokenVault();
    vault.put(megan);
    const job = await startGuestJob(store(), megan, "remove", [guest!], REDIRECT);
    worker(vault);
    await until(async () => (await status(job.id)) === "completed");

    const { rows } = await store().jobs.listRows(job.id, { offset: 0, limit: 5 });
    expect(rows[0]).toMatchObject({ state: "succeeded", errorCode: "outcome_recovered" });
    expect(deletesOf(guest!.id)).toBe(1);
    const [change] = await store().changes.list({ jobId: job.id, limit: 5 });
    expect(change?.outcome).toBe("succeeded");
  });

  it("fails a team lead's removals as forbidden and leaves the guests", async () => {
    const adele = await callerFor("adele");
    const [guest] = await pendingGuests(adele, 1);
    const vault = new TokenVault();
    vault.put(adele);
    const job = await startGuestJob(store(), adele, "remove", [guest!], REDIRECT);
    worker(vault);
    await until(async () => (await status(job.id)) === "completed");
    const { rows } = await store().jobs.listRows(job.id, { offset: 0, limit: 5 });
    expect(rows[0]).toMatchObject({ state: "failed", errorCode: "forbidden" });
    expect(tenant.user(guest!.id)).toBeDefined();
  });

  it("sends each reminder once, recorded as a resend", async () => {
    const adele = await callerFor("adele");
    const guests = await pendingGuests(adele, 3);
    const vault = new TokenVault();
    vault.put(adele);
    const job = await startGuestJob(store(), adele, "remind", guests, REDIRECT);
    worker(vault);
    await until(async () => (await status(job.id)) === "completed");

    for (const guest of guests) expect(tenant.emailsSent({ to: guest.email })).toHaveLength(1);
    const history = await store().listHistory({ inviterOid: adele.oid, kind: "resend", limit: 50 });
    const ids = guests.map((guest) => guest.id);
    expect(history.items.filter((item) => ids.includes(item.guestUserId ?? ""))).toHaveLength(3);
  });

  it("a reminder job interrupted and taken over by a new worker sends each reminder exactly once", async () => {
    const adele = await callerFor("adele");
    const guests = await pendingGuests(adele, 6);
    const vault = new TokenVault();
    vault.put(adele);
    // Slow answers, one at a time: the first worker is stopped with part of the job done.
    tenant.updateSettings({ latencyMs: { invitations: 150 } });
    try {
      const job = await startGuestJob(store(), adele, "remind", guests, REDIRECT);
      const first = worker(vault, { concurrency: 1 });
      await until(async () => (await store().jobs.progress(job.id)).counts.succeeded >= 2);
      await first.stop();
      const { counts } = await store().jobs.progress(job.id);
      expect(counts.queued).toBeGreaterThan(0);

      worker(vault);
      await until(async () => (await status(job.id)) === "completed");
      for (const guest of guests) expect(tenant.emailsSent({ to: guest.email })).toHaveLength(1);
    } finally {
      tenant.updateSettings({ latencyMs: { invitations: 0 } });
    }
  });
});
