import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MINIMAL_GUESTS, PEOPLE, type LocalTenant } from "../src/index";
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
  tenant.reset("minimal");
  admin = await graphAs(tenant, "megan", ["User.ReadWrite.All"]);
});

const guest = MINIMAL_GUESTS.pending.id;
const sponsorsPath = `/users/${guest}/sponsors`;
const reference = (id: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/users/${id}` });

async function sponsorIds(client: Client = admin): Promise<string[]> {
  const body = expectSuccess(
    await callGraph(client, sponsorsPath),
    200,
    "directoryObjectCollection",
  );
  return (body.value as { id: string }[]).map((sponsor) => sponsor.id);
}

describe("GET /users/{id}/sponsors", () => {
  it("lists users as directoryObjects with @odata.type, default properties or $select", async () => {
    const answer = await callGraph(admin, sponsorsPath);
    const body = expectSuccess(answer, 200, "directoryObjectCollection");
    expect(body["@odata.context"]).toBe(`${tenant.url}/v1.0/$metadata#directoryObjects`);
    expect(body.value).toEqual([
      expect.objectContaining({
        "@odata.type": "#microsoft.graph.user",
        id: PEOPLE.adele.id,
        displayName: "Adele Vance",
        mail: PEOPLE.adele.mail,
        userPrincipalName: PEOPLE.adele.userPrincipalName,
      }),
    ]);
    const selected = expectSuccess(
      await callGraph(admin, `${sponsorsPath}?$select=displayName,mail`),
      200,
      "directoryObjectCollection",
    );
    expect(selected.value).toEqual([
      {
        "@odata.type": "#microsoft.graph.user",
        displayName: "Adele Vance",
        mail: PEOPLE.adele.mail,
        id: PEOPLE.adele.id,
      },
    ]);
  });

  it("answers 404 for an unknown user and 403 without a read permission", async () => {
    const unknown = "00000000-0000-4000-8000-00000000dead";
    const missing = expectGraphError(
      await callGraph(admin, `/users/${unknown}/sponsors`),
      404,
      "Request_ResourceNotFound",
    );
    expect(missing.message).toContain(unknown);
    const noScope = await graphAs(tenant, "megan", ["User.Invite.All"]);
    expectGraphError(await callGraph(noScope, sponsorsPath), 403, "Authorization_RequestDenied");
  });
});

describe("POST /users/{id}/sponsors/$ref", () => {
  it("adds a sponsor with 204 and no body", async () => {
    const answer = await callGraph(admin, `${sponsorsPath}/$ref`, {
      method: "POST",
      body: reference(PEOPLE.isaiah.id),
    });
    expect(answer.status).toBe(204);
    expect(answer.body).toBe("");
    expect(await sponsorIds()).toEqual([PEOPLE.adele.id, PEOPLE.isaiah.id]);
  });

  it("refuses an existing sponsor, an unknown one and a sixth one with Graph's errors", async () => {
    const again = expectGraphError(
      await callGraph(admin, `${sponsorsPath}/$ref`, {
        method: "POST",
        body: reference(PEOPLE.adele.id),
      }),
      400,
      "Request_BadRequest",
    );
    expect(again.message).toBe(
      "One or more added object references already exist for the following modified properties: 'sponsors'.",
    );
    const unknown = "00000000-0000-4000-8000-00000000beef";
    expectGraphError(
      await callGraph(admin, `${sponsorsPath}/$ref`, { method: "POST", body: reference(unknown) }),
      404,
      "Request_ResourceNotFound",
    );
    for (const person of [PEOPLE.isaiah, PEOPLE.lee, PEOPLE.megan, PEOPLE.nestor]) {
      const added = await callGraph(admin, `${sponsorsPath}/$ref`, {
        method: "POST",
        body: reference(person.id),
      });
      expect(added.status).toBe(204);
    }
    expectGraphError(
      await callGraph(admin, `${sponsorsPath}/$ref`, {
        method: "POST",
        body: reference(PEOPLE.pradeep.id),
      }),
      400,
      "Request_BadRequest",
    );
    expect(await sponsorIds()).toHaveLength(5);
  });

  it("refuses a body without a reference", async () => {
    expectGraphError(
      await callGraph(admin, `${sponsorsPath}/$ref`, { method: "POST", body: { id: "x" } }),
      400,
    );
  });

  it("needs User.ReadWrite.All and the User Administrator or Directory Writers role", async () => {
    const readOnly = await graphAs(tenant, "megan", ["User.Read.All"]);
    const helpdesk = await graphAs(tenant, "lee", ["User.ReadWrite.All"]);
    const teamLead = await graphAs(tenant, "adele", ["User.ReadWrite.All"]);
    const guestInviter = await graphAs(tenant, "isaiah", ["User.ReadWrite.All"]);
    for (const client of [readOnly, helpdesk, teamLead, guestInviter]) {
      const refused = expectGraphError(
        await callGraph(client, `${sponsorsPath}/$ref`, {
          method: "POST",
          body: reference(PEOPLE.pradeep.id),
        }),
        403,
        "Authorization_RequestDenied",
      );
      expect(refused.message).toBe("Insufficient privileges to complete the operation.");
    }
    const globalAdmin = await graphAs(tenant, "nestor", ["User.ReadWrite.All"]);
    const added = await callGraph(globalAdmin, `${sponsorsPath}/$ref`, {
      method: "POST",
      body: reference(PEOPLE.pradeep.id),
    });
    expect(added.status).toBe(204);
  });
});

describe("DELETE /users/{id}/sponsors/{id}/$ref", () => {
  it("removes a sponsor with 204, then 404 for one who is not a sponsor", async () => {
    const path = `${sponsorsPath}/${PEOPLE.adele.id}/$ref`;
    const removed = await callGraph(admin, path, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect(await sponsorIds()).toEqual([]);
    const again = expectGraphError(
      await callGraph(admin, path, { method: "DELETE" }),
      404,
      "Request_ResourceNotFound",
    );
    expect(again.message).toContain(PEOPLE.adele.id);
  });

  it("refuses a caller without the role, and leaves the sponsors alone", async () => {
    const teamLead = await graphAs(tenant, "adele", ["User.ReadWrite.All"]);
    expectGraphError(
      await callGraph(teamLead, `${sponsorsPath}/${PEOPLE.adele.id}/$ref`, { method: "DELETE" }),
      403,
      "Authorization_RequestDenied",
    );
    expect(await sponsorIds()).toEqual([PEOPLE.adele.id]);
  });

  it("answers 405 for a method Graph does not take on the reference", async () => {
    expectGraphError(
      await callGraph(admin, `${sponsorsPath}/${PEOPLE.adele.id}/$ref`, {
        method: "PATCH",
        body: {},
      }),
      405,
    );
  });
});
