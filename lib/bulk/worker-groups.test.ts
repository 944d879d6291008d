import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SEED_GROUPS } from "@/emulator/src/index";
import type { Caller } from "@/lib/auth/caller";
import { groupVerdictsFor } from "@/lib/groups/bulk-row-groups";
import { availableBackends } from "@/test-support/database-backends";
import { bulkWorkerTenant, bulkWorkersOn } from "@/test-support/bulk-worker-harness";
import { mapColumns } from "./columns";
import { prepareRows } from "./job-rows";
import { groupIdsOf } from "./row-values";
import { rowGroupOutcomes } from "./row-groups";
import { TokenVault } from "./token-vault";

// Rows with a `groups` column, end to end: the owner's check, the worker adding each membership once
// as a recorded step, and what a crash or a refusal leaves.
const { tenant, callerFor, addresses } = bulkWorkerTenant();
const { partnerProjects, campaignReview, allMarketing, salesPartners } = SEED_GROUPS;
const headers = ["email", "sendEmail", "groups"];

const membershipPosts = (groupId: string) =>
  tenant
    .requests({ pathPrefix: `/v1.0/groups/${groupId}/members`, method: "POST" })
    .filter((entry) => entry.path.endsWith("/$ref"));
const membershipChecks = (userId: string) =>
  tenant.requests({ pathPrefix: `/v1.0/users/${userId}/checkMemberGroups`, method: "POST" });

describe.each(availableBackends())("bulk rows with groups on $name", (backend) => {
  const { store, database, worker, until, status } = bulkWorkersOn(backend, tenant);

  /** A started job from rows of [email, groups], checked for `caller` as addDraftRows does. */
  async function jobWithGroups(caller: Caller, rows: [string, string][]) {
    const jobs = store().jobs;
    const job = await jobs.createJob({
      ownerOid: caller.oid,
      ownerName: caller.name,
      fileName: "guests.csv",
      format: "simple",
      headers,
      totalRows: rows.length,
    });
    const column = mapColumns(headers, "simple").groups!;
    const incoming = rows.map(([email, groups], index) => ({
      rowNumber: index + 2,
      cells: [email, "false", groups],
    }));
    const verdicts = await groupVerdictsFor(
      caller,
      incoming.flatMap((row) => groupIdsOf(row.cells[column]!)),
    );
    const prepared = prepareRows(
      incoming,
      { headers, format: "simple" },
      { defaultRedirectUrl: "https://myapps.microsoft.com", localTenant: true },
      new Map(),
      verdicts,
    );
    await jobs.addRows(job.id, prepared);
    await jobs.startJob(job.id);
    return job;
  }

  const rowsOf = async (jobId: string) =>
    (await store().jobs.listRows(jobId, { offset: 0, limit: 20 })).rows;

  it("adds each invited guest to the row's groups once, recorded with the job and the row's history entry; a worker taking over adds nothing again", async () => {
    const caller = await callerFor("adele");
    const vault = new TokenVault();
    vault.put(caller);
    const [first, second] = addresses(2);
    const both = `${partnerProjects.id};${campaignReview.id}`;
    const job = await jobWithGroups(caller, [
      [first!, both],
      [second!, campaignReview.id],
    ]);
    worker(vault);
    await until(async () => (await status(job.id)) === "completed");

    const rows = await rowsOf(job.id);
    expect(rows.map((row) => row.state)).toEqual(["succeeded", "succeeded"]);
    const [one, two] = rows;
    expect(tenant.groupMembers(partnerProjects.id)).toContain(one!.guestUserId);
    expect(tenant.groupMembers(campaignReview.id)).toContain(one!.guestUserId);
    expect(tenant.groupMembers(campaignReview.id)).toContain(two!.guestUserId);
    expect(tenant.groupMembers(partnerProjects.id)).not.toContain(two!.guestUserId);

    const steps = await store().changes.list({
      jobId: job.id,
      kinds: ["group_member_add"],
      limit: 50,
    });
    expect(
      steps.map((step) => [step.historyId, step.targetName, step.outcome, step.guestUserId]).sort(),
    ).toEqual(
      [
        [one!.historyId, "Campaign Review", "succeeded", one!.guestUserId],
        [one!.historyId, "Marketing Partner Projects", "succeeded", one!.guestUserId],
        [two!.historyId, "Campaign Review", "succeeded", two!.guestUserId],
      ].sort(),
    );
    const outcomes = await rowGroupOutcomes(store(), job.id, rows);
    expect(outcomes.get(one!.id)).toEqual([
      { groupId: partnerProjects.id, groupName: partnerProjects.displayName, status: "added" },
      { groupId: campaignReview.id, groupName: campaignReview.displayName, status: "added" },
    ]);

    // A worker died after adding both groups: one step recorded, the other still pending, and the
    // row left in `sending`. The next worker settles the row and the pending step by asking Graph.
    const postsBefore = [partnerProjects.id, campaignReview.id].map(
      (id) => membershipPosts(id).length,
    );
    const checksBefore = membershipChecks(one!.guestUserId!).length;
    const pending = steps.find(
      (step) => step.historyId === one!.historyId && step.targetId === campaignReview.id,
    )!;
    const db = database();
    await db.execute(
      sql`update guest_changes set outcome = 'pending', updated_at = now() - interval '1 hour' where id = ${pending.id}`,
    );
    await db.execute(
      sql`update bulk_job_rows set state = 'sending', sending_at = now() - interval '1 hour', completed_at = null where id = ${one!.id}`,
    );
    await db.execute(
      sql`update bulk_jobs set status = 'running', finished_at = null, lease_owner = null, lease_expires_at = null where id = ${job.id}`,
    );
    worker(vault);
    await until(async () => (await status(job.id)) === "completed");

    expect((await rowsOf(job.id))[0]).toMatchObject({ state: "succeeded" });
    expect(membershipChecks(one!.guestUserId!).length).toBeGreaterThan(checksBefore);
    expect([partnerProjects.id, campaignReview.id].map((id) => membershipPosts(id).length)).toEqual(
      postsBefore,
    );
    const settled = await store().changes.get(pending.id);
    expect(settled).toMatchObject({ outcome: "succeeded", errorCode: null });
    expect(
      await store().changes.list({ jobId: job.id, kinds: ["group_member_add"], limit: 50 }),
    ).toHaveLength(3);
  });

  it("a membership Graph refuses leaves the invitation row succeeded, the step failed", async () => {
    const caller = await callerFor("adele");
    const vault = new TokenVault();
    vault.put(caller);
    const [email] = addresses(1);
    tenant.injectFault({
      path: `/v1.0/groups/${campaignReview.id}/members`,
      method: "POST",
      kind: "status",
      status: 403,
      count: 1,
    });
    const job = await jobWithGroups(caller, [
      [email!, `${campaignReview.id};${partnerProjects.id}`],
    ]);
    worker(vault);
    await until(async () => (await status(job.id)) === "completed");

    const rows = await rowsOf(job.id);
    expect(rows[0]).toMatchObject({ state: "succeeded", errorCode: null });
    const outcomes = (await rowGroupOutcomes(store(), job.id, rows)).get(rows[0]!.id);
    expect(outcomes).toEqual([
      expect.objectContaining({ groupId: campaignReview.id, status: "failed" }),
      expect.objectContaining({ groupId: partnerProjects.id, status: "added" }),
    ]);
    expect(outcomes?.[0]?.errorCode).toBeTruthy();
    expect(tenant.groupMembers(campaignReview.id)).not.toContain(rows[0]!.guestUserId);
    expect(tenant.groupMembers(partnerProjects.id)).toContain(rows[0]!.guestUserId);
  });

  it("skips, before anything is sent, a row naming a group its owner may not use", async () => {
    const caller = await callerFor("adele");
    const vault = new TokenVault();
    vault.put(caller);
    const [someoneElses, dynamic, fine] = addresses(3);
    const invitationsBefore = tenant.requests({
      pathPrefix: "/v1.0/invitations",
      method: "POST",
    }).length;
    const job = await jobWithGroups(caller, [
      [someoneElses!, salesPartners.id],
      [dynamic!, allMarketing.id],
      [fine!, partnerProjects.id],
    ]);
    const skipped = (await rowsOf(job.id)).slice(0, 2);
    expect(skipped.map((row) => [row.state, row.errorCode])).toEqual([
      ["skipped", "invalid"],
      ["skipped", "invalid"],
    ]);
    expect(skipped.map((row) => JSON.parse(row.errorMessage!))).toEqual([
      { key: "validation.groups.notSelectable", params: { name: salesPartners.id } },
      { key: "validation.groups.dynamic", params: { name: allMarketing.displayName } },
    ]);
    worker(vault);
    await until(async () => (await status(job.id)) === "completed");
    const sent = tenant
      .requests({ pathPrefix: "/v1.0/invitations", method: "POST" })
      .slice(invitationsBefore)
      .map((entry) => (entry.body as { invitedUserEmailAddress?: string }).invitedUserEmailAddress);
    expect(sent).toEqual([fine]);
    expect(membershipPosts(salesPartners.id)).toHaveLength(0);
  });
});
