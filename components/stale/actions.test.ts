import { beforeEach, describe, expect, it } from "vitest";
import { MINIMAL_GUESTS, MINIMAL_STALE_GUESTS } from "@/emulator/src/index";
import { getBulkJobProgress, listBulkJobRows } from "@/components/bulk/actions";
import { listPendingInvitations } from "@/components/pending/actions";
import { stopBulkWorker } from "@/lib/bulk/worker";
import { getStore } from "@/lib/db";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import {
  listRecentlyRemovedGuests,
  restoreRemovedGuest,
  startStaleInvitationsJob,
} from "./actions";

// The clean-up of invitations never accepted, end to end on the server: the local tenant's stale
// seed (pending guests invited 10, 45, 75 and 120 days ago) in process and a throw-away PGlite.

const local = setUpActionTests("stale-actions", { beforeClose: stopBulkWorker });
const [stale45, stale75, stale120] = MINIMAL_STALE_GUESTS.map(([id]) => id) as [
  string,
  string,
  string,
];

beforeEach(() => {
  local.tenant.reset("stale");
});

function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`action failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

async function finished(token: string, jobId: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const progress = unwrap(await getBulkJobProgress(token, { jobId }));
    if (progress.job.status === "completed") return progress;
    if (Date.now() > deadline) throw new Error(`still ${progress.job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the stale filter on the pending list", () => {
  it("counts and lists only guests invited more than 30, 60 or 90 days ago", async () => {
    const token = await local.tokenFor("megan");
    const older30 = unwrap(await listPendingInvitations(token, { olderThanDays: 30 }));
    expect(older30.count).toBe(3);
    expect(older30.rows.map((row) => row.id)).toEqual([stale120, stale75, stale45]);
    const older90 = unwrap(await listPendingInvitations(token, { olderThanDays: 90 }));
    expect(older90.rows.map((row) => row.id)).toEqual([stale120]);
    const refused = await listPendingInvitations(token, { olderThanDays: 45 });
    expect(refused).toMatchObject({ ok: false, error: { code: "validation" } });
  });
});

describe("removal jobs", () => {
  it("removes the chosen stale guests only, then restores one, all recorded", async () => {
    const token = await local.tokenFor("megan");
    // The 10-day guest is not stale: the server leaves it out whatever the browser sent.
    const job = unwrap(
      await startStaleInvitationsJob(token, {
        kind: "remove",
        olderThanDays: 30,
        guestIds: [stale45, stale75, MINIMAL_GUESTS.pending.id],
      }),
    );
    expect(job).toMatchObject({ kind: "remove", totalRows: 2 });
    const progress = await finished(token, job.id);
    expect(progress.counts).toMatchObject({ succeeded: 2, failed: 0 });
    const rows = unwrap(await listBulkJobRows(token, { jobId: job.id, offset: 0, limit: 10 }));
    expect(rows.rows.map((row) => row.state)).toEqual(["succeeded", "succeeded"]);
    expect(local.tenant.deletedUser(stale45)).toBeDefined();
    expect(local.tenant.user(MINIMAL_GUESTS.pending.id)).toBeDefined();

    const removed = unwrap(await listRecentlyRemovedGuests(token, {}));
    expect(removed.map((guest) => [guest.id, guest.daysLeft, guest.removedHere]).sort()).toEqual(
      [
        [stale45, 30, true],
        [stale75, 30, true],
      ].sort(),
    );
    expect(unwrap(await restoreRemovedGuest(token, { guestUserId: stale45 }))).toMatchObject({
      status: "ok",
    });
    expect(local.tenant.user(stale45)).toBeDefined();
    const store = await getStore();
    const changes = await store.changes.list({ guestUserId: stale45, limit: 10 });
    expect(changes.map((change) => [change.kind, change.outcome])).toEqual([
      ["guest_restore", "succeeded"],
      ["guest_delete", "succeeded"],
    ]);
  });

  it("refuses a team lead: no removal, no deleted items, no restore", async () => {
    const token = await local.tokenFor("adele");
    expect(
      await startStaleInvitationsJob(token, { kind: "remove", olderThanDays: 30, guestIds: null }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await listRecentlyRemovedGuests(token, {})).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await restoreRemovedGuest(token, { guestUserId: stale45 })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(local.tenant.user(stale45)).toBeDefined();
  });
});

describe("reminder jobs", () => {
  it("reminds every guest matching the filter once, resolved by the server", async () => {
    const token = await local.tokenFor("adele");
    const job = unwrap(
      await startStaleInvitationsJob(token, { kind: "remind", olderThanDays: 60, guestIds: null }),
    );
    expect(job).toMatchObject({ kind: "remind", totalRows: 2 });
    await finished(token, job.id);
    for (const [, email] of MINIMAL_STALE_GUESTS.slice(1))
      expect(local.tenant.emailsSent({ to: email })).toHaveLength(1);
    expect(local.tenant.emailsSent({ to: MINIMAL_STALE_GUESTS[0][1] })).toHaveLength(0);
  });
});
