import { describe, expect, it } from "vitest";
import { inProcessLocalTenant } from "@/test-support/in-process-local-tenant";
import { MINIMAL_GUESTS, SEED_GROUPS } from "@/emulator/src/index";
import { GraphFailure } from "./graph-failure";
import { addGroupMember, isGroupMember, listOwnedGroups, searchGroups } from "./groups";

// The group functions against the local tenant, in process: real tokens, on-behalf-of and Graph routes.
const { tenant: localTenant, signedIn } = inProcessLocalTenant("minimal");

const GUEST = MINIMAL_GUESTS.accepted.id;
const membersPath = (groupId: string) => `/v1.0/groups/${groupId}/members`;

describe("groups through lib/graph", () => {
  it("lists the caller's owned groups with their kind, filtered by name", async () => {
    const adele = await signedIn("adele");
    const all = await listOwnedGroups(adele);
    expect(all.map((group) => [group.displayName, group.kind, group.dynamic])).toEqual([
      ["All Marketing", "security", true],
      ["Campaign Review", "microsoft365", false],
      ["Marketing Asset Library Readers", "security", false],
      ["Marketing Partner Projects", "microsoft365", false],
    ]);
    expect((await listOwnedGroups(adele, "market")).map((group) => group.id)).toEqual([
      SEED_GROUPS.allMarketing.id,
      SEED_GROUPS.assetLibrary.id,
      SEED_GROUPS.partnerProjects.id,
    ]);
  });

  it("searches every group by the start of its name, quotes included", async () => {
    const megan = await signedIn("megan");
    expect((await searchGroups(megan, "Sales")).map((group) => group.id)).toEqual([
      SEED_GROUPS.salesPartners.id,
    ]);
    expect(await searchGroups(megan, "O'Brien")).toEqual([]);
    expect(await searchGroups(megan, "  ")).toEqual([]);
  });

  it("adds a member once; again is already_member; membership checks agree", async () => {
    const adele = await signedIn("adele");
    const groupId = SEED_GROUPS.assetLibrary.id;
    expect(await isGroupMember(adele, groupId, GUEST)).toBe(false);
    expect(await addGroupMember(adele, groupId, GUEST)).toMatchObject({
      outcome: "added",
      requestId: expect.any(String),
    });
    expect(await isGroupMember(adele, groupId, GUEST)).toBe(true);
    expect(await addGroupMember(adele, groupId, GUEST)).toMatchObject({
      outcome: "already_member",
    });
  });

  it("maps a refusal to forbidden with Graph's request id", async () => {
    const adele = await signedIn("adele");
    const refused = await addGroupMember(adele, SEED_GROUPS.financeReports.id, GUEST).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(GraphFailure);
    expect(refused).toMatchObject({
      code: "forbidden",
      status: 403,
      requestId: expect.any(String),
    });
  });

  it("after a lost answer asks Graph: member is success, not a member is not_sent", async () => {
    const adele = await signedIn("adele");
    const groupId = SEED_GROUPS.campaignReview.id;
    localTenant().injectFault({
      path: membersPath(groupId),
      method: "POST",
      kind: "act-then-drop",
    });
    expect(await addGroupMember(adele, groupId, GUEST)).toMatchObject({
      outcome: "added",
      settled: true,
    });
    expect(localTenant().groupMembers(groupId)).toContain(GUEST);

    const other = SEED_GROUPS.partnerProjects.id;
    localTenant().injectFault({
      path: membersPath(other),
      method: "POST",
      kind: "status",
      status: 503,
    });
    await expect(addGroupMember(adele, other, GUEST)).rejects.toMatchObject({ code: "not_sent" });
    expect(localTenant().groupMembers(other)).not.toContain(GUEST);
    // Exactly one POST each: nothing is sent twice.
    expect(localTenant().requests({ pathPrefix: membersPath(other), method: "POST" })).toHaveLength(
      1,
    );
  });

  it("says outcome_unknown when the check cannot be answered either", async () => {
    const adele = await signedIn("adele");
    const groupId = SEED_GROUPS.partnerProjects.id;
    localTenant().injectFault({
      path: membersPath(groupId),
      method: "POST",
      kind: "status",
      status: 500,
    });
    localTenant().injectFault({
      path: `/v1.0/users/${GUEST}/checkMemberGroups`,
      kind: "status",
      status: 500,
    });
    await expect(addGroupMember(adele, groupId, GUEST)).rejects.toMatchObject({
      code: "outcome_unknown",
    });
  });
});
