import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MINIMAL_GUESTS, MINIMAL_STALE_GUESTS, type LocalTenant } from "../src/index";
import { callGraph, expectGraphError, expectSuccess } from "./helpers/graph-client";
import { graphAs } from "./helpers/graph-session";
import { startTestTenant } from "./helpers/local-tenant";

let tenant: LocalTenant;
let admin: Client;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(async () => {
  tenant.reset("stale");
  // Megan Bowen is a User Administrator.
  admin = await graphAs(tenant, "megan", ["User.ReadWrite.All"]);
});

const EVENTUAL = { ConsistencyLevel: "eventual" };
const pendingId = MINIMAL_GUESTS.pending.id;
const [stale45, stale75, stale120] = MINIMAL_STALE_GUESTS.map(([id]) => id);

async function remove(id: string, client: Client = admin) {
  return callGraph(client, `/users/${id}`, { method: "DELETE" });
}

describe("the stale seed (minimal plus old pending guests)", () => {
  it("holds pending guests invited 10, 45, 75 and 120 days ago", async () => {
    const body = expectSuccess(
      await callGraph(
        admin,
        "/users?$filter=externalUserState eq 'PendingAcceptance'&$select=id,createdDateTime&$count=true",
        { headers: EVENTUAL },
      ),
      200,
      "userCollection",
    );
    const ages = (body.value as { createdDateTime: string }[])
      .map((user) => Math.round((Date.now() - Date.parse(user.createdDateTime)) / 86_400_000))
      .sort((a, b) => a - b);
    expect(ages).toEqual([10, 45, 75, 120]);
  });
});

describe("DELETE /users/{id}", () => {
  it("answers 204 and moves the user to deleted items, out of /users", async () => {
    const answer = await remove(stale120!);
    expect(answer.status).toBe(204);
    expectGraphError(await callGraph(admin, `/users/${stale120}`), 404, "Request_ResourceNotFound");
    const list = expectSuccess(await callGraph(admin, "/users?$select=id"), 200, "userCollection");
    expect(list.value.map((user: { id: string }) => user.id)).not.toContain(stale120);

    const deleted = await callGraph(admin, `/directory/deletedItems/${stale120}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({
      "@odata.type": "#microsoft.graph.user",
      id: stale120,
      displayName: "Stale Guest 120",
    });
    expect(
      Date.parse((deleted.body as { deletedDateTime: string }).deletedDateTime),
    ).toBeGreaterThan(Date.now() - 60_000);
  });

  it("answers 404 for a user already deleted", async () => {
    expect((await remove(stale45!)).status).toBe(204);
    expectGraphError(await remove(stale45!), 404, "Request_ResourceNotFound");
  });

  it("refuses a team lead (no role) and a token without User.ReadWrite.All with 403", async () => {
    const teamLead = await graphAs(tenant, "adele", ["User.ReadWrite.All"]);
    const refused = expectGraphError(
      await remove(pendingId, teamLead),
      403,
      "Authorization_RequestDenied",
    );
    expect(refused.message).toBe("Insufficient privileges to complete the operation.");
    const readOnly = await graphAs(tenant, "megan", ["User.Read.All"]);
    expectGraphError(await remove(pendingId, readOnly), 403, "Authorization_RequestDenied");
    expect(tenant.user(pendingId)).toBeDefined();
  });

  it("lets only a Global Administrator delete someone who holds an administrator role", async () => {
    expectGraphError(await remove(tenant.user("lee")!.id), 403, "Authorization_RequestDenied");
  });

  it("throttles writes over the directory write quota with 429 and Retry-After", async () => {
    tenant.updateSettings({ directoryWriteRateLimit: { requests: 2, windowSeconds: 60 } });
    expect((await remove(stale45!)).status).toBe(204);
    expect((await remove(stale75!)).status).toBe(204);
    const throttled = await remove(stale120!);
    expectGraphError(throttled, 429, "TooManyRequests");
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(tenant.user(stale120!)).toBeDefined();
  });
});

describe("GET /directory/deletedItems/microsoft.graph.user", () => {
  beforeEach(async () => {
    // A day apart, oldest deletion first: 45, then 75, then 120.
    for (const id of [stale45, stale75, stale120]) {
      expect((await remove(id!)).status).toBe(204);
      tenant.advanceClock(1);
    }
  });

  it("lists deleted users with paging", async () => {
    const first = await callGraph(admin, "/directory/deletedItems/microsoft.graph.user?$top=2");
    expect(first.status).toBe(200);
    const body = first.body as { value: { id: string }[]; "@odata.nextLink"?: string };
    expect(body.value).toHaveLength(2);
    expect(body["@odata.nextLink"]).toContain("$skiptoken=");
    const next = await callGraph(admin, body["@odata.nextLink"]!.replace(`${tenant.url}/v1.0`, ""));
    const rest = (next.body as { value: { id: string }[] }).value;
    expect([...body.value, ...rest].map((user) => user.id).sort()).toEqual(
      [stale45, stale75, stale120].sort(),
    );
  });

  it("orders by deletedDateTime only as an advanced query, with @odata.count", async () => {
    const refused = await callGraph(
      admin,
      "/directory/deletedItems/microsoft.graph.user?$orderby=deletedDateTime desc",
    );
    expectGraphError(refused, 400, "Request_UnsupportedQuery");
    const ordered = await callGraph(
      admin,
      "/directory/deletedItems/microsoft.graph.user?$count=true&$orderby=deletedDateTime desc&$select=id,displayName,deletedDateTime",
      { headers: EVENTUAL },
    );
    const body = ordered.body as { value: { id: string }[]; "@odata.count": number };
    expect(body["@odata.count"]).toBe(3);
    expect(body.value.map((user) => user.id)).toEqual([stale120, stale75, stale45]);
  });

  it("filters like /users", async () => {
    const filtered = await callGraph(
      admin,
      "/directory/deletedItems/microsoft.graph.user?$filter=startswith(displayName,'Stale Guest 7')",
    );
    expect((filtered.body as { value: { id: string }[] }).value.map((user) => user.id)).toEqual([
      stale75,
    ]);
  });

  it("refuses a team lead", async () => {
    const teamLead = await graphAs(tenant, "adele", ["User.Read.All"]);
    expectGraphError(
      await callGraph(teamLead, "/directory/deletedItems/microsoft.graph.user"),
      403,
      "Authorization_RequestDenied",
    );
  });

  it("purges deleted users 30 days after deletion", async () => {
    // stale120 was deleted one day ago on the tenant's clock.
    tenant.advanceClock(28);
    expect((await callGraph(admin, `/directory/deletedItems/${stale120}`)).status).toBe(200);
    tenant.advanceClock(1.01);
    expectGraphError(
      await callGraph(admin, `/directory/deletedItems/${stale120}`),
      404,
      "Request_ResourceNotFound",
    );
    const list = await callGraph(admin, "/directory/deletedItems/microsoft.graph.user");
    expect((list.body as { value: unknown[] }).value).toHaveLength(0);
  });
});

describe("POST /directory/deletedItems/{id}/restore", () => {
  it("answers 200 with the user, back in /users and pending", async () => {
    expect((await remove(stale75!)).status).toBe(204);
    const restored = await callGraph(admin, `/directory/deletedItems/${stale75}/restore`, {
      method: "POST",
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ "@odata.type": "#microsoft.graph.user", id: stale75 });
    const user = await callGraph(
      admin,
      `/users/${stale75}?$select=id,externalUserState,deletedDateTime`,
    );
    expect(user.body).toMatchObject({
      externalUserState: "PendingAcceptance",
      deletedDateTime: null,
    });
    expectGraphError(
      await callGraph(admin, `/directory/deletedItems/${stale75}`),
      404,
      "Request_ResourceNotFound",
    );
  });

  it("refuses when a live user took the address: 400 PropertyConflict, still deleted", async () => {
    expect((await remove(stale75!)).status).toBe(204);
    const inviter = await graphAs(tenant, "megan", ["User.Invite.All"]);
    const invited = await callGraph(inviter, "/invitations", {
      method: "POST",
      body: {
        invitedUserEmailAddress: MINIMAL_STALE_GUESTS[1][1],
        inviteRedirectUrl: "https://myapps.microsoft.com",
      },
    });
    expect(invited.status).toBe(201);
    const conflict = expectGraphError(
      await callGraph(admin, `/directory/deletedItems/${stale75}/restore`, { method: "POST" }),
      400,
      "Request_BadRequest",
    );
    expect(conflict.message).toMatch(/^Another object with the same value for property /);
    expect(tenant.deletedUser(stale75!)).toBeDefined();
  });

  it("refuses a team lead", async () => {
    expect((await remove(stale75!)).status).toBe(204);
    const teamLead = await graphAs(tenant, "adele", ["User.ReadWrite.All"]);
    expectGraphError(
      await callGraph(teamLead, `/directory/deletedItems/${stale75}/restore`, { method: "POST" }),
      403,
      "Authorization_RequestDenied",
    );
  });
});

describe("DELETE /directory/deletedItems/{id}", () => {
  it("deletes for good: 204, then 404", async () => {
    expect((await remove(stale45!)).status).toBe(204);
    const purged = await callGraph(admin, `/directory/deletedItems/${stale45}`, {
      method: "DELETE",
    });
    expect(purged.status).toBe(204);
    expectGraphError(
      await callGraph(admin, `/directory/deletedItems/${stale45}/restore`, { method: "POST" }),
      404,
      "Request_ResourceNotFound",
    );
  });
});
