import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MINIMAL_GUESTS, PEOPLE, SEED_GROUPS, type LocalTenant } from "../src/index";
import { callGraph, expectGraphError } from "./helpers/graph-client";
import { graphAs } from "./helpers/graph-session";
import { startTestTenant } from "./helpers/local-tenant";

let tenant: LocalTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset("minimal"));

const EVENTUAL = { ConsistencyLevel: "eventual" };
const GUEST = MINIMAL_GUESTS.pending.id;
const reference = (id: string) => ({
  "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${id}`,
});

function addMember(client: Client, groupId: string, body: unknown = reference(GUEST)) {
  return callGraph(client, `/groups/${groupId}/members/$ref`, { method: "POST", body });
}

type GroupPage = { value: Record<string, unknown>[]; "@odata.nextLink"?: string };

async function page(client: Client, path: string, headers: Record<string, string> = {}) {
  const answer = await callGraph(client, path, { headers });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as GroupPage;
}

describe("GET /me/ownedObjects/microsoft.graph.group", () => {
  it("lists the groups the caller owns, with their type, and pages them", async () => {
    const adele = await graphAs(tenant, "adele", ["GroupMember.Read.All"]);
    const all = await page(
      adele,
      "/me/ownedObjects/microsoft.graph.group?$select=id,displayName,groupTypes,mailEnabled,securityEnabled,membershipRule",
    );
    expect(all.value.map((group) => group.displayName).sort()).toEqual(
      [
        SEED_GROUPS.partnerProjects,
        SEED_GROUPS.campaignReview,
        SEED_GROUPS.assetLibrary,
        SEED_GROUPS.allMarketing,
      ]
        .map((group) => group.displayName)
        .sort(),
    );
    const dynamic = all.value.find((group) => group.id === SEED_GROUPS.allMarketing.id)!;
    expect(dynamic.groupTypes).toEqual(["DynamicMembership"]);
    expect(dynamic.membershipRule).toMatch(/department/);
    const unified = all.value.find((group) => group.id === SEED_GROUPS.partnerProjects.id)!;
    expect(unified).toMatchObject({ groupTypes: ["Unified"], mailEnabled: true });

    const first = await page(adele, "/me/ownedObjects/microsoft.graph.group?$top=3");
    expect(first.value).toHaveLength(3);
    expect(first["@odata.nextLink"]).toBeDefined();
    // The SDK treats only https URLs as absolute: hand it the link's path on this tenant.
    const next = await callGraph(
      adele,
      first["@odata.nextLink"]!.slice(`${tenant.url}/v1.0`.length),
    );
    expect((next.body as GroupPage).value).toHaveLength(1);
  });

  it("gives only type and id to a caller without a group permission", async () => {
    const adele = await graphAs(tenant, "adele", ["User.Read"]);
    const body = await page(adele, "/me/ownedObjects/microsoft.graph.group");
    expect(body.value).toHaveLength(4);
    expect(body.value[0]!.id).toBeTruthy();
    expect(body.value[0]!.displayName).toBeNull();
  });

  it("refuses $search without ConsistencyLevel: eventual and answers it with the header", async () => {
    const adele = await graphAs(tenant, "adele", ["GroupMember.Read.All"]);
    const path = `/me/ownedObjects/microsoft.graph.group?$search=${encodeURIComponent('"displayName:campaign"')}`;
    expectGraphError(await callGraph(adele, path), 400, "Request_UnsupportedQuery");
    const body = await page(adele, path, EVENTUAL);
    expect(body.value.map((group) => group.id)).toEqual([SEED_GROUPS.campaignReview.id]);
  });
});

describe("GET /groups", () => {
  it("filters by startswith(displayName) without the header, and searches only with it", async () => {
    const megan = await graphAs(tenant, "megan", ["GroupMember.Read.All"]);
    const filtered = await page(
      megan,
      `/groups?$filter=${encodeURIComponent("startswith(displayName,'fin')")}`,
    );
    expect(filtered.value.map((group) => group.id)).toEqual([SEED_GROUPS.financeReports.id]);
    const search = `/groups?$search=${encodeURIComponent('"displayName:partner"')}`;
    expectGraphError(await callGraph(megan, search), 400, "Request_UnsupportedQuery");
    const found = await page(megan, search, EVENTUAL);
    expect(found.value.map((group) => group.id).sort()).toEqual(
      [SEED_GROUPS.partnerProjects.id, SEED_GROUPS.salesPartners.id].sort(),
    );
  });

  it("needs a group permission", async () => {
    const megan = await graphAs(tenant, "megan", ["User.Read"]);
    expectGraphError(await callGraph(megan, "/groups"), 403, "Authorization_RequestDenied");
  });
});

describe("POST /groups/{id}/members/$ref", () => {
  it("adds an owner's guest with 204, then says the reference already exists", async () => {
    const adele = await graphAs(tenant, "adele", ["GroupMember.ReadWrite.All"]);
    const added = await addMember(adele, SEED_GROUPS.partnerProjects.id);
    expect(added.status).toBe(204);
    const again = expectGraphError(
      await addMember(adele, SEED_GROUPS.partnerProjects.id),
      400,
      "Request_BadRequest",
    );
    expect(again.message).toBe(
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
  });

  it("refuses a person who neither owns the group nor holds a role, and a dynamic group to anyone", async () => {
    const adele = await graphAs(tenant, "adele", ["GroupMember.ReadWrite.All"]);
    const notOwned = expectGraphError(
      await addMember(adele, SEED_GROUPS.financeReports.id),
      403,
      "Authorization_RequestDenied",
    );
    expect(notOwned.message).toBe("Insufficient privileges to complete the operation.");
    expectGraphError(
      await addMember(adele, SEED_GROUPS.allMarketing.id),
      403,
      "Authorization_RequestDenied",
    );
    const megan = await graphAs(tenant, "megan", ["GroupMember.ReadWrite.All"]);
    expect((await addMember(megan, SEED_GROUPS.financeReports.id)).status).toBe(204);
    expectGraphError(
      await addMember(megan, SEED_GROUPS.allMarketing.id),
      403,
      "Authorization_RequestDenied",
    );
  });

  it("needs GroupMember.ReadWrite.All on the token", async () => {
    const adele = await graphAs(tenant, "adele", ["GroupMember.Read.All"]);
    expectGraphError(
      await addMember(adele, SEED_GROUPS.partnerProjects.id),
      403,
      "Authorization_RequestDenied",
    );
  });

  it("answers 404 for an unknown group or member and 400 for a bad reference", async () => {
    const adele = await graphAs(tenant, "adele", ["GroupMember.ReadWrite.All"]);
    const unknown = "00000000-0000-4000-8000-00000000abcd";
    const missing = expectGraphError(
      await addMember(adele, unknown),
      404,
      "Request_ResourceNotFound",
    );
    expect(missing.message).toContain(unknown);
    expectGraphError(
      await addMember(adele, SEED_GROUPS.partnerProjects.id, reference(unknown)),
      404,
      "Request_ResourceNotFound",
    );
    const bad = expectGraphError(
      await addMember(adele, SEED_GROUPS.partnerProjects.id, { "@odata.id": "not-a-reference" }),
      400,
      "Request_BadRequest",
    );
    expect(bad.message).toBe("Invalid object identifier 'not-a-reference'.");
  });

  it("loses the answer after acting when a fault says so, and checkMemberGroups then tells", async () => {
    const adele = await graphAs(tenant, "adele", ["GroupMember.ReadWrite.All"]);
    tenant.injectFault({
      path: `/v1.0/groups/${SEED_GROUPS.campaignReview.id}/members`,
      method: "POST",
      kind: "act-then-status",
      status: 504,
    });
    expect((await addMember(adele, SEED_GROUPS.campaignReview.id)).status).toBe(504);
    const reader = await graphAs(tenant, "adele", ["GroupMember.Read.All"]);
    const check = await callGraph(reader, `/users/${GUEST}/checkMemberGroups`, {
      method: "POST",
      body: { groupIds: [SEED_GROUPS.campaignReview.id, SEED_GROUPS.partnerProjects.id] },
    });
    expect(check.status).toBe(200);
    expect((check.body as { value: string[] }).value).toEqual([SEED_GROUPS.campaignReview.id]);
  });
});

describe("POST /users/{id}/checkMemberGroups", () => {
  it("refuses more than 20 ids and an unknown user", async () => {
    const reader = await graphAs(tenant, "adele", ["GroupMember.Read.All"]);
    const ids = Array.from(
      { length: 21 },
      (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    );
    expectGraphError(
      await callGraph(reader, `/users/${PEOPLE.adele.id}/checkMemberGroups`, {
        method: "POST",
        body: { groupIds: ids },
      }),
      400,
    );
    expectGraphError(
      await callGraph(reader, `/users/00000000-0000-4000-8000-00000000ffff/checkMemberGroups`, {
        method: "POST",
        body: { groupIds: [] },
      }),
      404,
      "Request_ResourceNotFound",
    );
  });
});
