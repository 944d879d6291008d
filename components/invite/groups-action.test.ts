import { describe, expect, it } from "vitest";
import { PEOPLE, SEED_GROUPS } from "@/emulator/src/index";
import { getStore } from "@/lib/db";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import { retryMembership, searchGroupsToJoin, sendInvitation } from "./actions";

// Groups chosen on the invite form, end to end: the local tenant's Graph, the real history store.

const local = setUpActionTests("invite-groups");

let counter = 0;
const newAddress = () => `groups${++counter}.${Date.now()}@fabrikam.com`;

type Group = { id: string; displayName: string };
const chosen = (...groups: Group[]) =>
  groups.map((group) => ({ id: group.id, displayName: group.displayName }));

const send = async (
  email: string,
  groups: Group[],
  options: { user?: string; idempotencyKey?: string } = {},
) =>
  sendInvitation(await local.tokenFor(options.user ?? "adele"), {
    values: {
      email,
      displayName: "Group Guest",
      redirectUrl: "https://myapps.microsoft.com",
      userType: "Guest",
      sendInvitationMessage: false,
      messageLanguage: "",
      customMessage: "",
      ccRecipient: "",
      sponsors: [],
      groups: chosen(...groups),
    },
    idempotencyKey: options.idempotencyKey ?? crypto.randomUUID(),
  });

const membershipPosts = (groupId: string) =>
  local.tenant
    .requests({ pathPrefix: `/v1.0/groups/${groupId}/members`, method: "POST" })
    .filter((entry) => entry.path.endsWith("/$ref"));

describe("groups on the invite form", () => {
  it("offers a team lead the groups she owns, dynamic ones marked, and an administrator any group", async () => {
    const mine = await searchGroupsToJoin(await local.tokenFor("adele"), { query: "" });
    expect(mine).toMatchObject({ ok: true, data: { scope: "owned" } });
    if (!mine.ok) return;
    expect(mine.data.groups.map((group) => [group.displayName, group.kind, group.dynamic])).toEqual(
      [
        ["All Marketing", "security", true],
        ["Campaign Review", "microsoft365", false],
        ["Marketing Asset Library Readers", "security", false],
        ["Marketing Partner Projects", "microsoft365", false],
      ],
    );
    const admin = await searchGroupsToJoin(await local.tokenFor("megan"), { query: "fin" });
    expect(admin).toMatchObject({
      ok: true,
      data: { scope: "all", groups: [{ id: SEED_GROUPS.financeReports.id }] },
    });
  });

  it("adds the guest to each group as a recorded step; a failure stays failed until Retry adds it", async () => {
    local.tenant.injectFault({
      path: `/v1.0/groups/${SEED_GROUPS.campaignReview.id}/members`,
      method: "POST",
      kind: "status",
      status: 500,
      count: 1,
    });
    const result = await send(newAddress(), [
      SEED_GROUPS.partnerProjects,
      SEED_GROUPS.campaignReview,
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { guestUserId, historyId, memberships } = result.data;
    expect(memberships).toEqual([
      expect.objectContaining({ groupId: SEED_GROUPS.partnerProjects.id, status: "added" }),
      // A 500 may come after Graph acted: Graph was asked, and the guest is not a member.
      expect.objectContaining({
        groupId: SEED_GROUPS.campaignReview.id,
        status: "failed",
        errorCode: "not_sent",
      }),
    ]);
    expect(local.tenant.groupMembers(SEED_GROUPS.partnerProjects.id)).toContain(guestUserId);
    expect(local.tenant.groupMembers(SEED_GROUPS.campaignReview.id)).not.toContain(guestUserId);

    const recorded = await (
      await getStore()
    ).changes.list({
      historyIds: [historyId!],
      kinds: ["group_member_add"],
      limit: 10,
    });
    expect(recorded.map((change) => [change.targetName, change.outcome]).sort()).toEqual([
      ["Campaign Review", "failed"],
      ["Marketing Partner Projects", "succeeded"],
    ]);

    const failed = memberships[1]!;
    const retried = await retryMembership(await local.tokenFor("adele"), {
      changeId: failed.changeId,
    });
    expect(retried).toMatchObject({ ok: true, data: { status: "added" } });
    expect(local.tenant.groupMembers(SEED_GROUPS.campaignReview.id)).toContain(guestUserId);
    // A retry of a change that succeeded does not go to Graph again.
    const posts = membershipPosts(SEED_GROUPS.campaignReview.id).length;
    const again = await retryMembership(await local.tokenFor("adele"), {
      changeId: failed.changeId,
    });
    expect(again).toMatchObject({ ok: true, data: { status: "added" } });
    expect(membershipPosts(SEED_GROUPS.campaignReview.id)).toHaveLength(posts);
    // Someone else's change is not theirs to retry.
    expect(
      await retryMembership(await local.tokenFor("isaiah"), { changeId: failed.changeId }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("records the step pending before Graph is called", async () => {
    local.tenant.injectFault({
      path: `/v1.0/groups/${SEED_GROUPS.assetLibrary.id}/members`,
      method: "POST",
      kind: "hang",
      delayMs: 1_500,
    });
    const sending = send(newAddress(), [SEED_GROUPS.assetLibrary]);
    const store = await getStore();
    await expect
      .poll(async () =>
        (
          await store.changes.list({
            actorOid: PEOPLE.adele.id,
            kinds: ["group_member_add"],
            outcome: "pending",
            limit: 10,
          })
        ).map((change) => change.targetId),
      )
      .toContain(SEED_GROUPS.assetLibrary.id);
    const result = await sending;
    expect(result).toMatchObject({ ok: true, data: { memberships: [{ status: "added" }] } });
  });

  it("settles a lost membership answer by asking Graph: added once", async () => {
    local.tenant.injectFault({
      path: `/v1.0/groups/${SEED_GROUPS.partnerProjects.id}/members`,
      method: "POST",
      kind: "act-then-status",
      status: 504,
    });
    const result = await send(newAddress(), [SEED_GROUPS.partnerProjects]);
    expect(result).toMatchObject({ ok: true, data: { memberships: [{ status: "added" }] } });
  });

  it("answers a replayed submission from the record without adding again", async () => {
    const idempotencyKey = crypto.randomUUID();
    const email = newAddress();
    const first = await send(email, [SEED_GROUPS.partnerProjects], { idempotencyKey });
    const posts = membershipPosts(SEED_GROUPS.partnerProjects.id).length;
    const replay = await send(email, [SEED_GROUPS.partnerProjects], { idempotencyKey });
    expect(first.ok && replay.ok).toBe(true);
    if (!first.ok || !replay.ok) return;
    expect(replay.data.memberships).toEqual(first.data.memberships);
    expect(membershipPosts(SEED_GROUPS.partnerProjects.id)).toHaveLength(posts);
  });

  it("refuses a group the person does not own, or a dynamic one, before inviting anyone", async () => {
    const email = newAddress();
    const notOwned = await send(email, [SEED_GROUPS.financeReports]);
    expect(notOwned).toMatchObject({
      ok: false,
      error: { code: "validation" },
      fieldErrors: { groups: [{ key: "validation.groups.notSelectable" }] },
    });
    const dynamic = await send(email, [SEED_GROUPS.allMarketing]);
    expect(dynamic).toMatchObject({
      ok: false,
      fieldErrors: { groups: [{ key: "validation.groups.dynamic" }] },
    });
    expect(
      local.tenant.invitations().filter((made) => made.invitedUserEmailAddress === email),
    ).toEqual([]);
  });

  it("lets an administrator add the guest to a group she does not own", async () => {
    const result = await send(newAddress(), [SEED_GROUPS.financeReports], { user: "megan" });
    expect(result).toMatchObject({ ok: true, data: { memberships: [{ status: "added" }] } });
  });

  it("refuses a malformed groups list with a field error", async () => {
    const result = await sendInvitation(await local.tokenFor("adele"), {
      values: {
        email: newAddress(),
        redirectUrl: "https://myapps.microsoft.com",
        userType: "Guest",
        sendInvitationMessage: false,
        sponsors: [],
        groups: [
          { id: "not-a-guid", displayName: "x" },
          { id: SEED_GROUPS.campaignReview.id, displayName: "a" },
          { id: SEED_GROUPS.campaignReview.id, displayName: "b" },
        ],
      },
      idempotencyKey: crypto.randomUUID(),
    });
    expect(result).toMatchObject({ ok: false, error: { code: "validation" } });
    if (result.ok) return;
    const keys = Object.values(result.fieldErrors ?? {}).flatMap((errors) =>
      errors.map((error) => error.key),
    );
    expect(keys).toEqual(
      expect.arrayContaining(["validation.groups.invalidId", "validation.groups.duplicate"]),
    );
  });
});
