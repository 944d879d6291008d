import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { createStore, type InvitationStore } from "@/lib/db";
import type { PendingGuest, PendingGuestPage, PendingGuestQuery } from "@/lib/graph/pending-guests";
import {
  availableBackends,
  newInviterOid,
  setUpTestStore,
  type ScratchDatabase,
} from "@/test-support/database-backends";
import { sweepStaleDigests } from "./housekeeping";
import { isoWeekOf } from "./iso-week";
import { readStaleDigestPolicy, saveStaleDigestPolicy } from "./policy";
import { staleDigestPolicySchema } from "./policy-schema";
import { dismissWeeklyList, weeklyStaleList, type PendingLookup } from "./weekly-list";

const DAY = 86_400_000;
// A Wednesday: ISO week 2026-W49 runs from Monday 30 November to Sunday 6 December.
const NOW = new Date("2026-12-02T10:00:00.000Z");
const clockAt = (moment: Date) => () => moment;

function callerFor(oid: string, name = "Adele Vance"): Caller {
  return {
    oid,
    tid: "tenant",
    name,
    upn: `${oid}@contoso.example`,
    roles: [],
    wids: [],
    rawToken: "",
  };
}

/** Graph's pending guests, as the lookup sees them; counts the requests it answers. */
function pendingDirectory(guests: PendingGuest[]) {
  const byId = new Map(guests.map((guest) => [guest.id, guest]));
  const calls: PendingGuestQuery[] = [];
  let gate: Promise<void> = Promise.resolve();
  const lookup: PendingLookup = async (_caller, query): Promise<PendingGuestPage> => {
    calls.push(query);
    await gate;
    return { guests: (query.ids ?? []).flatMap((id) => byId.get(id) ?? []), nextLink: null };
  };
  return {
    lookup,
    calls,
    /** Holds every request until the returned function is called. */
    hold(): () => void {
      let release = () => {};
      gate = new Promise((resolve) => (release = resolve));
      return () => release();
    },
    accept(id: string) {
      byId.delete(id);
    },
  };
}

function guest(name: string, createdDaysAgo: number, now = NOW): PendingGuest {
  return {
    id: randomUUID(),
    displayName: name,
    mail: `${name.toLowerCase().replace(/ /g, ".")}@fabrikam.com`,
    userPrincipalName: `${name}#EXT#@contoso.example`,
    createdDateTime: new Date(now.getTime() - createdDaysAgo * DAY).toISOString(),
    sponsors: null,
  };
}

describe("isoWeekOf", () => {
  it.each([
    ["2026-12-02T10:00:00Z", "2026-W49"],
    ["2026-11-30T00:00:00Z", "2026-W49"],
    ["2026-12-06T23:59:59Z", "2026-W49"],
    ["2026-12-07T00:00:00Z", "2026-W50"],
    ["2021-01-03T12:00:00Z", "2020-W53"],
    ["2024-12-30T12:00:00Z", "2025-W01"],
  ])("%s is in %s", (moment, week) => {
    expect(isoWeekOf(new Date(moment))).toBe(week);
  });
});

describe("the policy's schema", () => {
  it("accepts whole days from 7 to 365 and refuses anything else with the days message", () => {
    expect(staleDigestPolicySchema.safeParse({ enabled: true, olderThanDays: 7 }).success).toBe(
      true,
    );
    expect(staleDigestPolicySchema.safeParse({ enabled: false, olderThanDays: 365 }).success).toBe(
      true,
    );
    for (const olderThanDays of [6, 366, 30.5, "30", null, Number.NaN, undefined]) {
      const parsed = staleDigestPolicySchema.safeParse({ enabled: true, olderThanDays });
      expect(parsed.success, String(olderThanDays)).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({
        message: "validation.staleDigest.days",
        path: ["olderThanDays"],
      });
    }
    expect(staleDigestPolicySchema.safeParse({ enabled: "yes", olderThanDays: 30 }).success).toBe(
      false,
    );
  });
});

describe.each(availableBackends())("the weekly stale list on $name", (backend) => {
  const { store, record } = setUpTestStore(backend);
  const admin = callerFor(newInviterOid(), "Megan Bowen");

  /** Guests `inviter` invited through the portal (succeeded attempts in the history). */
  async function invitedBy(inviter: Caller, guests: PendingGuest[]) {
    for (const each of guests) {
      await record(
        { inviterOid: inviter.oid, inviterName: inviter.name, guestEmail: each.mail ?? "" },
        { outcome: "succeeded", guestUserId: each.id },
      );
    }
  }

  it("is off by default, and then lists nothing and asks Graph nothing", async () => {
    const policy = await readStaleDigestPolicy(store());
    expect(policy).toMatchObject({
      enabled: false,
      olderThanDays: 30,
      revision: 0,
      updatedBy: null,
    });
    const directory = pendingDirectory([]);
    const view = await weeklyStaleList(callerFor(newInviterOid()), {
      store: store(),
      clock: clockAt(NOW),
      lookup: directory.lookup,
    });
    expect(view).toEqual({ status: "off" });
    expect(directory.calls).toHaveLength(0);
  });

  it("records who changed the policy and when, one revision per save", async () => {
    const first = await saveStaleDigestPolicy(
      admin,
      { enabled: true, olderThanDays: 30 },
      clockAt(NOW),
      store(),
    );
    expect(first).toMatchObject({
      enabled: true,
      olderThanDays: 30,
      updatedBy: "Megan Bowen",
      updatedAt: NOW.toISOString(),
    });
    const later = new Date(NOW.getTime() + 60_000);
    const second = await saveStaleDigestPolicy(
      callerFor(newInviterOid(), "Nestor Wilke"),
      { enabled: true, olderThanDays: 45 },
      clockAt(later),
      store(),
    );
    expect(second.revision).toBe(first.revision + 1);
    expect(await readStaleDigestPolicy(store())).toMatchObject({
      olderThanDays: 45,
      updatedBy: "Nestor Wilke",
      updatedAt: later.toISOString(),
    });
  });

  it("lists the inviter's own pending guests older than N days only, oldest first", async () => {
    await saveStaleDigestPolicy(admin, { enabled: true, olderThanDays: 30 }, clockAt(NOW), store());
    const lead = callerFor(newInviterOid());
    const other = callerFor(newInviterOid(), "Lee Gu");
    const old = guest("Old Guest", 45);
    const older = guest("Older Guest", 90);
    const recent = guest("Recent Guest", 10);
    const boundary = guest("Boundary Guest", 30);
    const accepted = guest("Accepted Guest", 60);
    const othersOld = guest("Someone Elses Guest", 60);
    const takenOver = guest("Reinvited By Lee", 60);
    await invitedBy(lead, [old, older, recent, boundary, accepted, takenOver]);
    await invitedBy(other, [othersOld, takenOver]);
    const directory = pendingDirectory([
      old,
      older,
      recent,
      boundary,
      accepted,
      othersOld,
      takenOver,
    ]);
    directory.accept(accepted.id);

    const view = await weeklyStaleList(lead, {
      store: store(),
      clock: clockAt(NOW),
      lookup: directory.lookup,
    });
    expect(view).toMatchObject({ status: "ready", isoWeek: "2026-W49", olderThanDays: 30 });
    if (view.status !== "ready") return;
    expect(view.guests.map((each) => each.displayName)).toEqual(["Older Guest", "Old Guest"]);
    expect(view.guests[1]).toEqual({
      guestUserId: old.id,
      email: old.mail,
      displayName: "Old Guest",
      invitedAt: old.createdDateTime,
    });
    expect(view.dismissed).toBe(false);
  });

  it("is computed once per ISO week per inviter, even when two requests race", async () => {
    await saveStaleDigestPolicy(admin, { enabled: true, olderThanDays: 30 }, clockAt(NOW), store());
    const lead = callerFor(newInviterOid());
    const old = guest("Stale One", 40);
    await invitedBy(lead, [old]);
    const directory = pendingDirectory([old]);
    const options = { store: store(), clock: clockAt(NOW), lookup: directory.lookup };

    const release = directory.hold();
    const first = weeklyStaleList(lead, options);
    await expect.poll(() => directory.calls.length).toBe(1);
    // While the first is asking Graph, the second neither asks nor claims: it is told to wait.
    expect(await weeklyStaleList(lead, options)).toEqual({ status: "computing" });
    release();
    const computed = await first;
    expect(computed).toMatchObject({ status: "ready" });

    // Later that week the guest is gone from Graph: the stored list stands, Graph is not asked.
    directory.accept(old.id);
    const friday = await weeklyStaleList(lead, {
      ...options,
      clock: clockAt(new Date(NOW.getTime() + 2 * DAY)),
    });
    expect(friday).toEqual(computed);
    expect(directory.calls).toHaveLength(1);

    // Next week is computed again.
    const nextWeek = await weeklyStaleList(lead, {
      ...options,
      clock: clockAt(new Date(NOW.getTime() + 7 * DAY)),
    });
    expect(nextWeek).toMatchObject({ status: "ready", isoWeek: "2026-W50", guests: [] });
    expect(directory.calls).toHaveLength(2);
  });

  it("computes once when many requests race", async () => {
    await saveStaleDigestPolicy(admin, { enabled: true, olderThanDays: 30 }, clockAt(NOW), store());
    const lead = callerFor(newInviterOid());
    const old = guest("Raced", 40);
    await invitedBy(lead, [old]);
    const directory = pendingDirectory([old]);
    const options = { store: store(), clock: clockAt(NOW), lookup: directory.lookup };
    const views = await Promise.all(
      Array.from({ length: 6 }, () => weeklyStaleList(lead, options)),
    );
    expect(directory.calls).toHaveLength(1);
    expect(views.filter((view) => view.status === "ready")).not.toHaveLength(0);
    const after = await weeklyStaleList(lead, options);
    expect(after).toMatchObject({ status: "ready", guests: [{ guestUserId: old.id }] });
  });

  it("gives a failed computation back, so the next visit tries again", async () => {
    await saveStaleDigestPolicy(admin, { enabled: true, olderThanDays: 30 }, clockAt(NOW), store());
    const lead = callerFor(newInviterOid());
    const old = guest("After Failure", 40);
    await invitedBy(lead, [old]);
    const failing: PendingLookup = async () => {
      throw new Error("Graph unreachable");
    };
    await expect(
      weeklyStaleList(lead, { store: store(), clock: clockAt(NOW), lookup: failing }),
    ).rejects.toThrow("Graph unreachable");
    const directory = pendingDirectory([old]);
    expect(
      await weeklyStaleList(lead, {
        store: store(),
        clock: clockAt(NOW),
        lookup: directory.lookup,
      }),
    ).toMatchObject({ status: "ready", guests: [{ guestUserId: old.id }] });
  });

  it("a changed policy is computed afresh that week, with its own N", async () => {
    const lead = callerFor(newInviterOid());
    const fortyDays = guest("Forty Days", 40);
    await invitedBy(lead, [fortyDays]);
    const directory = pendingDirectory([fortyDays]);
    const options = { store: store(), clock: clockAt(NOW), lookup: directory.lookup };
    await saveStaleDigestPolicy(admin, { enabled: true, olderThanDays: 30 }, clockAt(NOW), store());
    expect(await weeklyStaleList(lead, options)).toMatchObject({
      guests: [{ displayName: "Forty Days" }],
    });
    await saveStaleDigestPolicy(admin, { enabled: true, olderThanDays: 60 }, clockAt(NOW), store());
    expect(await weeklyStaleList(lead, options)).toMatchObject({ olderThanDays: 60, guests: [] });
    await saveStaleDigestPolicy(
      admin,
      { enabled: false, olderThanDays: 60 },
      clockAt(NOW),
      store(),
    );
    expect(await weeklyStaleList(lead, options)).toEqual({ status: "off" });
  });

  it("is dismissed for the week by its inviter only", async () => {
    await saveStaleDigestPolicy(admin, { enabled: true, olderThanDays: 30 }, clockAt(NOW), store());
    const lead = callerFor(newInviterOid());
    const old = guest("Dismissed", 40);
    await invitedBy(lead, [old]);
    const directory = pendingDirectory([old]);
    const options = { store: store(), clock: clockAt(NOW), lookup: directory.lookup };
    const view = await weeklyStaleList(lead, options);
    if (view.status !== "ready") throw new Error("expected a list");
    const intruder = callerFor(newInviterOid());
    expect(await dismissWeeklyList(intruder, view.runId, clockAt(NOW), store())).toEqual({
      dismissed: false,
    });
    expect(await weeklyStaleList(lead, options)).toMatchObject({ dismissed: false });
    expect(await dismissWeeklyList(lead, view.runId, clockAt(NOW), store())).toEqual({
      dismissed: true,
    });
    expect(await weeklyStaleList(lead, options)).toMatchObject({ dismissed: true });
  });

  it("the hourly sweep deletes lists older than eight weeks only", async () => {
    await saveStaleDigestPolicy(admin, { enabled: true, olderThanDays: 30 }, clockAt(NOW), store());
    const lead = callerFor(newInviterOid());
    const old = guest("Swept", 40);
    await invitedBy(lead, [old]);
    const directory = pendingDirectory([old]);
    const at = (weeks: number) => clockAt(new Date(NOW.getTime() + weeks * 7 * DAY));
    for (const weeks of [0, 5, 9]) {
      await weeklyStaleList(lead, { store: store(), clock: at(weeks), lookup: directory.lookup });
    }
    expect(directory.calls).toHaveLength(3);
    expect(await sweepStaleDigests(store(), at(9))).toBeGreaterThanOrEqual(1);
    const week = (weeks: number) => ({
      isoWeek: isoWeekOf(at(weeks)()),
      inviterOid: lead.oid,
      policyRevision: 0,
    });
    const revision = (await readStaleDigestPolicy(store())).revision;
    const find = (weeks: number) =>
      store().staleDigest.find({ ...week(weeks), policyRevision: revision });
    expect(await find(0)).toBeUndefined();
    expect(await find(5)).toBeDefined();
    expect(await find(9)).toBeDefined();
  });
});

// Two portal instances sharing one PostgreSQL: two stores, two connection pools, one database.
describe.each(availableBackends().filter((backend) => backend.name === "postgres"))(
  "two instances on $name",
  (backend) => {
    let scratch: ScratchDatabase | undefined;
    let instances: InvitationStore[] = [];
    beforeAll(async () => {
      scratch = await backend.scratchDatabase();
      instances = [await createStore(scratch.options), await createStore(scratch.options)];
    });
    afterAll(async () => {
      await Promise.all(instances.map((instance) => instance.close()));
      await scratch?.dispose();
    });

    it("computes an inviter's week once across instances", async () => {
      const [a, b] = instances as [InvitationStore, InvitationStore];
      const admin = callerFor(newInviterOid(), "Megan Bowen");
      await saveStaleDigestPolicy(admin, { enabled: true, olderThanDays: 30 }, clockAt(NOW), a);
      const lead = callerFor(newInviterOid());
      const old = guest("Shared", 50);
      const { attempt } = await a.beginAttempt({
        kind: "single",
        inviterOid: lead.oid,
        guestEmail: old.mail ?? "",
        userType: "Guest",
        redirectUrl: "https://myapps.microsoft.com",
        sendInvitationMessage: false,
      });
      await a.completeAttempt(attempt.id, { outcome: "succeeded", guestUserId: old.id });
      const directory = pendingDirectory([old]);
      const views = await Promise.all(
        [a, b, a, b].map((instance) =>
          weeklyStaleList(lead, { store: instance, clock: clockAt(NOW), lookup: directory.lookup }),
        ),
      );
      expect(directory.calls).toHaveLength(1);
      expect(views.some((view) => view.status === "ready")).toBe(true);
      expect(
        await weeklyStaleList(lead, { store: b, clock: clockAt(NOW), lookup: directory.lookup }),
      ).toMatchObject({ status: "ready", guests: [{ guestUserId: old.id }] });
    });
  },
);
