import { describe, expect, it } from "vitest";
import { availableBackends } from "@/test-support/database-backends";
import { bulkWorkerTenant, bulkWorkersOn } from "@/test-support/bulk-worker-harness";
import { validateAccessToken } from "@/lib/auth/validate-access-token";
import { TokenVault } from "./token-vault";

// The worker end to end: the local tenant in process and the job store on each available backend.
const { tenant, callerFor, addresses, acceptedPosts } = bulkWorkerTenant();

describe.each(availableBackends())("bulk worker on $name", (backend) => {
  const { store, workers, jobFor, worker, until, status } = bulkWorkersOn(backend, tenant);

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

    const { counts } = await store().jobs.progress(job.id);
    expect(counts).toMatchObject({ succeeded: 6, skipped: 2, queued: 0, sending: 0 });
    for (const email of emails) expect(acceptedPosts(email)).toBe(1);
    const { rows } = await store().jobs.listRows(job.id, { offset: 0, limit: 10 });
    expect(rows[0]).toMatchObject({
      state: "succeeded",
      guestUserId: expect.any(String),
      redeemUrl: expect.stringContaining("redeem"),
      requestId: expect.any(String),
    });
    expect(rows.slice(6).map((row) => row.errorCode)).toEqual(["invalid", "duplicate"]);
    const history = await store().listHistory({
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
    expect((await store().jobs.progress(job.id)).counts.succeeded).toBe(16);
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
    expect((await store().jobs.getJob(noToken.id))?.pauseReason).toBe("sign_in");
    await Promise.all(workers.splice(0).map((running) => running.stop()));

    tenant.revokeSessions("lee");
    const vault = new TokenVault();
    vault.put(caller);
    await store().jobs.resumeJob(noToken.id, "sign_in");
    worker(vault);
    await until(async () => (await status(noToken.id)) === "paused");
    expect((await store().jobs.progress(noToken.id)).counts).toMatchObject({ queued: 3 });
    for (const email of emails) expect(acceptedPosts(email)).toBe(0);
    // The refused token cannot resume the job; a new one can.
    expect(vault.put(caller)).toBe(false);
    const fresh = await callerFor("lee");
    expect(vault.put(fresh)).toBe(true);
  });

  it("pauses for a sign-in with the claims when Conditional Access challenges the on-behalf-of exchange, keeping every row queued", async () => {
    // Megan's tenant asks for MFA on Microsoft Graph: her password-only token meets AADSTS50076
    // with a claims challenge on the on-behalf-of exchange (emulator/README.md, sign-in).
    tenant.setConditionalAccess("megan", "mfa");
    try {
      const caller = await callerFor("megan");
      const vault = new TokenVault();
      vault.put(caller);
      const emails = addresses(4);
      const job = await jobFor(emails, caller.oid);
      worker(vault, { concurrency: 2 });
      await until(async () => (await status(job.id)) === "paused");

      const paused = await store().jobs.getJob(job.id);
      expect(paused?.pauseReason).toBe("sign_in");
      expect(JSON.parse(paused?.signInClaims ?? "{}")).toMatchObject({
        access_token: { capolids: { essential: true } },
      });
      expect((await store().jobs.progress(job.id)).counts).toMatchObject({
        queued: 4,
        sending: 0,
        failed: 0,
        succeeded: 0,
      });
      for (const email of emails) expect(acceptedPosts(email)).toBe(0);
      // The token that met the challenge would meet it again: it cannot resume the job.
      expect(vault.put(caller)).toBe(false);

      // Megan signs in again with the claims (MFA); her new token resumes the job, as a poll does.
      const stronger = await validateAccessToken(
        (await tenant.issueToken({ user: "megan", audience: "portal-api", mfa: true })).accessToken,
      );
      expect(vault.put(stronger)).toBe(true);
      const resumed = await store().jobs.resumeJob(job.id, "sign_in");
      expect(resumed?.signInClaims).toBeNull();
      await until(async () => (await status(job.id)) === "completed");
      for (const email of emails) expect(acceptedPosts(email)).toBe(1);
      expect((await store().jobs.progress(job.id)).counts).toMatchObject({ succeeded: 4 });
    } finally {
      tenant.setConditionalAccess("megan", "none");
    }
  });
});
