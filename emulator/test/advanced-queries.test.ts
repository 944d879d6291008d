import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { LocalTenant } from "../src/index";
import { callGraph, expectGraphError, expectSuccess } from "./helpers/graph-client";
import { graphAs } from "./helpers/graph-session";
import { startTestTenant } from "./helpers/local-tenant";

// Each rule of "Advanced query capabilities on Microsoft Entra ID objects" and the $expand notes,
// with the answer Graph gives (README, "Behaviour and its source").

let tenant: LocalTenant;
let reader: Client;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(async () => {
  tenant.reset("minimal");
  reader = await graphAs(tenant, "megan", ["User.Read.All", "User.Invite.All"]);
});

const EVENTUAL = { ConsistencyLevel: "eventual" };
const SEARCH_NEEDS_HEADER =
  "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'";

async function refusal(path: string, headers: Record<string, string> = {}) {
  return expectGraphError(
    await callGraph(reader, path, { headers }),
    400,
    "Request_UnsupportedQuery",
  ).message;
}

async function page(path: string, headers: Record<string, string> = {}) {
  return expectSuccess(await callGraph(reader, path, { headers }), 200, "userCollection") as {
    value: Record<string, unknown>[];
    "@odata.nextLink"?: string;
    "@odata.count"?: number;
  };
}

const nextPath = (link: string) => link.slice(`${tenant.url}/v1.0`.length);

describe("advanced query rules on GET /users", () => {
  it("refuses $search without ConsistencyLevel: eventual with Request_UnsupportedQuery", async () => {
    expect(await refusal('/users?$search="displayName:lee"')).toBe(SEARCH_NEEDS_HEADER);
  });

  it("ignores $count=true without the header instead of refusing it, and answers /users/$count with 400", async () => {
    const body = await page("/users?$count=true&$select=id");
    expect(body.value).toHaveLength(8);
    expect(body["@odata.count"]).toBeUndefined();
    expect((await page("/users?$count=true&$select=id", EVENTUAL))["@odata.count"]).toBe(8);
    expect(
      expectGraphError(await callGraph(reader, "/users/$count"), 400, "Request_BadRequest").message,
    ).toBe("$count is not currently supported.");
  });

  it("names the operator that needs the advanced query parameters", async () => {
    const endsWith = `/users?$filter=${encodeURIComponent("endswith(mail,'@fabrikam.com')")}&$select=id`;
    expect(await refusal(endsWith, EVENTUAL)).toBe(
      "Operator 'endsWith' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information",
    );
    const ne = `/users?$filter=${encodeURIComponent("userType ne 'Member'")}&$count=true`;
    expect(await refusal(ne)).toMatch(/^Operator 'ne' is not supported/);
  });

  it("sorts by createdDateTime only in an advanced query, in Graph's words", async () => {
    const byCreated = "/users?$orderby=createdDateTime desc&$select=id";
    expect(await refusal(byCreated)).toBe(
      "Unsupported sort property 'createdDateTime' for 'User'.",
    );
    expect(await refusal(byCreated, EVENTUAL)).toBe(
      "Unsupported sort property 'createdDateTime' for 'User'.",
    );
    expect((await page(`${byCreated}&$count=true`, EVENTUAL)).value).toHaveLength(8);
  });

  it("sorts only by displayName, userPrincipalName and createdDateTime, even in an advanced query", async () => {
    for (const property of ["mail", "surname", "externalUserStateChangeDateTime", "id"]) {
      expect(await refusal(`/users?$orderby=${property}&$count=true`, EVENTUAL)).toBe(
        `Unsupported sort property '${property}' for 'User'.`,
      );
    }
    expect((await page("/users?$orderby=userPrincipalName desc&$select=id")).value).toHaveLength(8);
  });

  it("refuses $filter with $orderby outside an advanced query", async () => {
    const path = `/users?$filter=${encodeURIComponent("userType eq 'Guest'")}&$orderby=displayName`;
    expect(await refusal(path)).toBe("Sorting not supported for current query.");
    expect((await page(`${path}&$count=true`, EVENTUAL)).value).toHaveLength(2);
  });

  it("refuses $expand with ConsistencyLevel: eventual, with or without $count and $search", async () => {
    const expand = "/users?$expand=sponsors($select=id)&$select=id";
    expect(await refusal(`${expand}&$count=true`, EVENTUAL)).toBe(SEARCH_NEEDS_HEADER);
    expect(await refusal(`${expand}&$search="displayName:lee"`, EVENTUAL)).toBe(
      SEARCH_NEEDS_HEADER,
    );
    expect(await refusal(expand, EVENTUAL)).toBe(SEARCH_NEEDS_HEADER);
    expect((await page(expand)).value).toHaveLength(8);
  });
});

describe("$expand limits", () => {
  it("holds at most 100 users on a page with $expand, whatever $top asks for", async () => {
    tenant.seedGuests({ count: 150 });
    const first = await page("/users?$expand=sponsors($select=id)&$select=id&$top=999");
    expect(first.value).toHaveLength(100);
    expect(first["@odata.nextLink"]).toBeDefined();
    const second = await page(nextPath(first["@odata.nextLink"]!));
    expect(second.value).toHaveLength(58);
    expect(second["@odata.nextLink"]).toBeUndefined();
    expect((await page("/users?$select=id&$top=999")).value).toHaveLength(158);
  });

  it("expands at most 20 sponsors", async () => {
    tenant.seedGuests({ count: 25 });
    const ids = (await page("/users?$select=id&$top=999")).value.map((user) => String(user.id));
    const invitation = expectSuccess(
      await callGraph(reader, "/invitations", {
        method: "POST",
        body: {
          invitedUserEmailAddress: "many.sponsors@fabrikam.com",
          inviteRedirectUrl: "https://example.com",
          invitedUserSponsors: ids.slice(0, 25).map((id) => ({ id })),
        },
      }),
      201,
      "microsoft.graph.invitation",
    );
    expect(invitation.invitedUserSponsors).toHaveLength(25);
    const user = expectSuccess(
      await callGraph(reader, `/users/${invitation.invitedUser.id}?$expand=sponsors($select=id)`),
      200,
      "microsoft.graph.user",
    );
    expect(user.sponsors).toHaveLength(20);
  });
});
