import { describe, expect, it } from "vitest";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import { inviteThroughAction } from "@/test-support/invited-guest";
import { getStore } from "@/lib/db";
import { readStaleDigestPolicy } from "@/lib/stale-digest/policy";
import { dismissWeeklyStaleList, getWeeklyStaleList } from "@/components/stale-digest/actions";
import { getSettingsAccess, getStaleDigestPolicy, updateStaleDigestPolicy } from "./actions";

// The settings and weekly-list actions on the server: the local tenant in process, a throw-away PGlite.

const local = setUpActionTests("settings-actions");
const tokenFor = local.tokenFor;

/** Moves a guest's creation back, as the local tenant's backdate control does. */
function backdate(guestUserId: string, daysAgo: number) {
  const user = local.tenant.user(guestUserId);
  if (!user) throw new Error(`no guest ${guestUserId}`);
  const moment = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  Object.assign(user, { createdDateTime: moment, externalUserStateChangeDateTime: moment });
}

describe("the stale-invitations policy actions", () => {
  it("tells administrators only that they may change the settings", async () => {
    for (const [person, may] of [
      ["megan", true],
      ["nestor", true],
      ["lee", false],
      ["adele", false],
      ["isaiah", false],
    ] as const) {
      const result = await getSettingsAccess(await tokenFor(person), {});
      expect(result, person).toEqual({ ok: true, data: { canChangeSettings: may } });
    }
  });

  it("is off by default; anyone but a User or Global Administrator is refused, nothing changed", async () => {
    const read = await getStaleDigestPolicy(await tokenFor("megan"), {});
    expect(read).toMatchObject({ ok: true, data: { enabled: false, olderThanDays: 30 } });
    for (const person of ["lee", "adele", "pradeep"]) {
      const token = await tokenFor(person);
      expect(await updateStaleDigestPolicy(token, { enabled: true, olderThanDays: 30 })).toEqual({
        ok: false,
        error: { code: "forbidden" },
      });
      expect(await getStaleDigestPolicy(token, {})).toEqual({
        ok: false,
        error: { code: "forbidden" },
      });
    }
    expect(await readStaleDigestPolicy()).toMatchObject({ enabled: false, revision: 0 });
  });

  it("refuses N outside 7–365 with the days message, nothing changed", async () => {
    const token = await tokenFor("nestor");
    for (const olderThanDays of [0, 6, 366, 12.5, "30"]) {
      expect(await updateStaleDigestPolicy(token, { enabled: true, olderThanDays })).toEqual({
        ok: false,
        error: { code: "validation" },
        fieldErrors: {
          olderThanDays: [
            { key: "validation.staleDigest.days", params: { minimum: 7, maximum: 365 } },
          ],
        },
      });
    }
    expect(await readStaleDigestPolicy()).toMatchObject({ enabled: false, revision: 0 });
  });

  it("an administrator turns it on; the inviter's first visit of the week lists their own stale guests", async () => {
    const saved = await updateStaleDigestPolicy(await tokenFor("megan"), {
      enabled: true,
      olderThanDays: 30,
    });
    expect(saved).toMatchObject({
      ok: true,
      data: { enabled: true, olderThanDays: 30, updatedBy: "Megan Bowen" },
    });

    const adele = await tokenFor("adele");
    const stale = await inviteThroughAction(adele, "stale");
    const fresh = await inviteThroughAction(adele, "fresh");
    const leesOld = await inviteThroughAction(await tokenFor("lee"), "lees");
    backdate(stale.guestUserId, 45);
    backdate(fresh.guestUserId, 5);
    backdate(leesOld.guestUserId, 60);

    const view = await getWeeklyStaleList(adele, {});
    expect(view.ok).toBe(true);
    if (!view.ok || view.data.status !== "ready") throw new Error(JSON.stringify(view));
    expect(view.data.guests.map((guest) => guest.email)).toEqual([stale.email]);
    expect(view.data.olderThanDays).toBe(30);

    // Stored for the week: a guest made stale later does not join this week's list.
    backdate(fresh.guestUserId, 40);
    const again = await getWeeklyStaleList(adele, {});
    expect(again).toEqual(view);

    // Lee's list is Lee's own.
    const lees = await getWeeklyStaleList(await tokenFor("lee"), {});
    expect(lees).toMatchObject({ ok: true, data: { guests: [{ email: leesOld.email }] } });

    // Only its inviter may dismiss it.
    const runId = view.data.runId;
    expect(await dismissWeeklyStaleList(await tokenFor("lee"), { runId })).toEqual({
      ok: true,
      data: { dismissed: false },
    });
    expect(await dismissWeeklyStaleList(adele, { runId: "not-a-uuid" })).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
    expect(await dismissWeeklyStaleList(adele, { runId })).toEqual({
      ok: true,
      data: { dismissed: true },
    });
    expect(await getWeeklyStaleList(adele, {})).toMatchObject({ data: { dismissed: true } });
    const store = await getStore();
    expect((await store.settings.get("stale_digest"))?.updatedByOid).toBeTruthy();
  });
});
