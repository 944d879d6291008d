import { beforeEach, describe, expect, it } from "vitest";
import { MINIMAL_GUESTS, PEOPLE } from "@/emulator/src/index";
import { getStore } from "@/lib/db";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import {
  addGuestSponsorAction,
  getSponsorCapabilities,
  listGuestSponsors,
  removeGuestSponsorAction,
} from "./actions";

// The Sponsors dialog's actions end to end: the local tenant in process and a throw-away PGlite.
const local = setUpActionTests("sponsor-actions");
const guest = MINIMAL_GUESTS.pending.id;
const sponsorIdsOfGuest = () => local.tenant.user(guest)?.sponsorIds ?? [];

beforeEach(() => local.tenant.reset("minimal"));

async function changesOfGuest(guestUserId = guest) {
  return (await getStore()).changes.list({ guestUserId, limit: 50 });
}

describe("who may change sponsors", () => {
  it("User and Global Administrators may; a team lead, a Guest Inviter and helpdesk may not", async () => {
    for (const [person, canManage] of [
      ["megan", true],
      ["nestor", true],
      ["adele", false],
      ["isaiah", false],
      ["lee", false],
    ] as const) {
      const result = await getSponsorCapabilities(await local.tokenFor(person), {});
      expect(result, person).toEqual({ ok: true, data: { canManage } });
    }
  });

  it("refuses a direct call by someone not allowed, before Graph is asked or anything recorded", async () => {
    const before = local.tenant.requests({ pathPrefix: `/v1.0/users/${guest}/sponsors` }).length;
    const input = { guestUserId: guest, sponsorId: PEOPLE.isaiah.id };
    for (const action of [addGuestSponsorAction, removeGuestSponsorAction, listGuestSponsors]) {
      const result = await action(await local.tokenFor("adele"), input);
      expect(result).toEqual({ ok: false, error: { code: "forbidden" } });
    }
    expect(local.tenant.requests({ pathPrefix: `/v1.0/users/${guest}/sponsors` })).toHaveLength(
      before,
    );
    expect(await changesOfGuest()).toEqual([]);
    expect(sponsorIdsOfGuest()).toEqual([PEOPLE.adele.id]);
  });
});

describe("validation", () => {
  it("refuses ids that are not GUIDs, with field errors", async () => {
    const result = await addGuestSponsorAction(await local.tokenFor("megan"), {
      guestUserId: "not-a-guid",
      sponsorId: `${PEOPLE.isaiah.id}' or 1 eq 1`,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "validation" },
      fieldErrors: {
        guestUserId: [{ key: "validation.invalid" }],
        sponsorId: [{ key: "validation.invalid" }],
      },
    });
  });

  it("an unknown guest, a member instead of a guest, an unknown sponsor or a guest as sponsor change nothing", async () => {
    const token = await local.tokenFor("megan");
    const unknown = "00000000-0000-4000-8000-0000000000aa";
    expect(
      await addGuestSponsorAction(token, { guestUserId: unknown, sponsorId: PEOPLE.isaiah.id }),
    ).toMatchObject({ ok: true, data: { status: "guest_not_found" } });
    expect(
      await addGuestSponsorAction(token, {
        guestUserId: PEOPLE.adele.id,
        sponsorId: PEOPLE.isaiah.id,
      }),
    ).toMatchObject({ ok: true, data: { status: "guest_not_found" } });
    expect(
      await addGuestSponsorAction(token, { guestUserId: guest, sponsorId: unknown }),
    ).toMatchObject({ ok: true, data: { status: "sponsor_not_found" } });
    expect(
      await addGuestSponsorAction(token, {
        guestUserId: guest,
        sponsorId: MINIMAL_GUESTS.accepted.id,
      }),
    ).toMatchObject({ ok: true, data: { status: "sponsor_not_found" } });
    expect(await changesOfGuest()).toEqual([]);
    expect(sponsorIdsOfGuest()).toEqual([PEOPLE.adele.id]);
  });

  it("an existing sponsor, a sixth sponsor and removing a non-sponsor are refused without a Graph write", async () => {
    const token = await local.tokenFor("megan");
    expect(
      await addGuestSponsorAction(token, { guestUserId: guest, sponsorId: PEOPLE.adele.id }),
    ).toMatchObject({ ok: true, data: { status: "already_sponsor" } });
    expect(
      await removeGuestSponsorAction(token, { guestUserId: guest, sponsorId: PEOPLE.isaiah.id }),
    ).toMatchObject({ ok: true, data: { status: "not_a_sponsor" } });
    for (const person of [PEOPLE.isaiah, PEOPLE.lee, PEOPLE.megan, PEOPLE.nestor]) {
      const added = await addGuestSponsorAction(token, {
        guestUserId: guest,
        sponsorId: person.id,
      });
      expect(added).toMatchObject({ ok: true, data: { status: "added" } });
    }
    const writesBefore = local.tenant.requests({
      pathPrefix: `/v1.0/users/${guest}/sponsors/$ref`,
    }).length;
    expect(
      await addGuestSponsorAction(token, { guestUserId: guest, sponsorId: PEOPLE.pradeep.id }),
    ).toMatchObject({ ok: true, data: { status: "sponsors_full" } });
    expect(
      local.tenant.requests({ pathPrefix: `/v1.0/users/${guest}/sponsors/$ref` }),
    ).toHaveLength(writesBefore);
    expect(await changesOfGuest()).toHaveLength(4);
  });
});

describe("recording", () => {
  it("records an added and a removed sponsor with who did it and Graph's request id", async () => {
    const token = await local.tokenFor("megan");
    const added = await addGuestSponsorAction(token, {
      guestUserId: guest,
      sponsorId: PEOPLE.isaiah.id,
    });
    expect(added).toMatchObject({
      ok: true,
      data: {
        status: "added",
        confirmedByReading: false,
        sponsors: [
          { id: PEOPLE.adele.id, displayName: "Adele Vance" },
          { id: PEOPLE.isaiah.id, displayName: "Isaiah Langer", mail: PEOPLE.isaiah.mail },
        ],
      },
    });
    const removed = await removeGuestSponsorAction(token, {
      guestUserId: guest,
      sponsorId: PEOPLE.adele.id,
    });
    expect(removed).toMatchObject({
      ok: true,
      data: { status: "removed", sponsors: [{ id: PEOPLE.isaiah.id }] },
    });
    expect(sponsorIdsOfGuest()).toEqual([PEOPLE.isaiah.id]);
    const [removal, addition] = await changesOfGuest();
    expect(addition).toMatchObject({
      kind: "sponsor_add",
      outcome: "succeeded",
      actorOid: PEOPLE.megan.id,
      actorName: "Megan Bowen",
      guestUserId: guest,
      guestEmail: MINIMAL_GUESTS.pending.email,
      guestDisplayName: MINIMAL_GUESTS.pending.displayName,
      targetId: PEOPLE.isaiah.id,
      targetName: "Isaiah Langer",
      requestId: expect.any(String),
    });
    expect(removal).toMatchObject({
      kind: "sponsor_remove",
      outcome: "succeeded",
      targetId: PEOPLE.adele.id,
      targetName: "Adele Vance",
    });
  });

  it("records Graph's refusal with its code and request id", async () => {
    // The role check passes on the token's claim; Graph still decides (here: it refuses every write).
    local.tenant.injectFault({
      path: `/v1.0/users/${guest}/sponsors/$ref`,
      kind: "status",
      status: 403,
    });
    const result = await addGuestSponsorAction(await local.tokenFor("megan"), {
      guestUserId: guest,
      sponsorId: PEOPLE.isaiah.id,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "forbidden", requestId: expect.any(String) },
    });
    const [change] = await changesOfGuest();
    expect(change).toMatchObject({
      kind: "sponsor_add",
      outcome: "failed",
      requestId: expect.any(String),
    });
    expect(change?.errorCode).toBeTruthy();
  });

  it("a lost answer is settled by reading: recorded once as succeeded, sent once", async () => {
    const before = (await changesOfGuest()).length;
    local.tenant.injectFault({
      path: `/v1.0/users/${guest}/sponsors/$ref`,
      kind: "act-then-status",
      status: 504,
    });
    const result = await addGuestSponsorAction(await local.tokenFor("megan"), {
      guestUserId: guest,
      sponsorId: PEOPLE.isaiah.id,
    });
    expect(result).toMatchObject({ ok: true, data: { status: "added", confirmedByReading: true } });
    expect(
      local.tenant.requests({ pathPrefix: `/v1.0/users/${guest}/sponsors/$ref`, method: "POST" }),
    ).toHaveLength(1);
    const changes = await changesOfGuest();
    expect(changes).toHaveLength(before + 1);
    expect(changes[0]).toMatchObject({ outcome: "succeeded", targetId: PEOPLE.isaiah.id });
  });

  it("an unknown outcome is tried again on the same record; 'already a sponsor' then means done", async () => {
    const token = await local.tokenFor("megan");
    const input = { guestUserId: guest, sponsorId: PEOPLE.lee.id };
    // Graph acts, then answers 504 a while later; meanwhile the sponsors become unreadable.
    local.tenant.injectFault({
      path: `/v1.0/users/${guest}/sponsors/$ref`,
      kind: "act-then-status",
      status: 504,
      delayMs: 3_000,
    });
    const first = addGuestSponsorAction(token, input);
    await expect.poll(() => sponsorIdsOfGuest().includes(PEOPLE.lee.id)).toBe(true);
    local.tenant.injectFault({
      path: `/v1.0/users/${guest}/sponsors`,
      method: "GET",
      kind: "status",
      status: 500,
      count: 5,
    });
    expect(await first).toMatchObject({ ok: false, error: { code: "outcome_unknown" } });
    local.tenant.clearFaults();
    const [failed] = await changesOfGuest();
    expect(failed).toMatchObject({
      kind: "sponsor_add",
      targetId: PEOPLE.lee.id,
      outcome: "failed",
      errorCode: "outcome_unknown",
    });
    const before = (await changesOfGuest()).length;
    const again = await addGuestSponsorAction(token, input);
    expect(again).toMatchObject({ ok: true, data: { status: "already_sponsor" } });
    const changes = await changesOfGuest();
    expect(changes).toHaveLength(before);
    expect(changes.find((change) => change.id === failed?.id)).toMatchObject({
      outcome: "succeeded",
      attemptCount: 2,
    });
    expect(
      local.tenant.requests({ pathPrefix: `/v1.0/users/${guest}/sponsors/$ref`, method: "POST" }),
    ).toHaveLength(1);
  });
});
