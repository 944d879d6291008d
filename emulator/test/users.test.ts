import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DIRECTORY_ROLE_TEMPLATES, MINIMAL_GUESTS, PEOPLE, type LocalTenant } from "../src/index";
import { callGraph, expectGraphError, expectSuccess } from "./helpers/graph-client";
import { graphAs } from "./helpers/graph-session";
import { assertMatchesSchema, assertOnlyDeclaredProperties } from "./helpers/graph-schemas";
import { startTestTenant } from "./helpers/local-tenant";

let tenant: LocalTenant;
let reader: Client;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(async () => {
  tenant.reset("minimal");
  reader = await graphAs(tenant, "adele", ["User.Read.All"]);
});

const EVENTUAL = { ConsistencyLevel: "eventual" };
const DEFAULT_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
];

async function list(path: string, headers: Record<string, string> = {}, client: Client = reader) {
  const body = expectSuccess(await callGraph(client, path, { headers }), 200, "userCollection");
  for (const user of body.value) assertOnlyDeclaredProperties("microsoft.graph.user", user);
  return body as {
    value: Record<string, unknown>[];
    "@odata.nextLink"?: string;
    "@odata.count"?: number;
    "@odata.context": string;
  };
}

const idsOf = (body: { value: Record<string, unknown>[] }) => body.value.map((user) => user.id);

describe("GET /users", () => {
  it("returns Graph's default properties and the rest only on $select", async () => {
    const body = await list("/users");
    expect(body.value).toHaveLength(8);
    expect(Object.keys(body.value[0]!).sort()).toEqual([...DEFAULT_PROPERTIES].sort());
    expect(body["@odata.context"]).toBe(`${tenant.url}/v1.0/$metadata#users`);

    const selected = await list(
      "/users?$select=id,displayName,externalUserState,externalUserStateChangeDateTime,userType,creationType,createdDateTime,otherMails,identities",
    );
    expect(selected["@odata.context"]).toContain("#users(id,displayName,externalUserState");
    const guest = selected.value.find((user) => user.id === MINIMAL_GUESTS.pending.id)!;
    expect(guest).toMatchObject({
      userType: "Guest",
      externalUserState: "PendingAcceptance",
      creationType: "Invitation",
      otherMails: [MINIMAL_GUESTS.pending.email],
    });
    expect(Object.keys(guest)).toHaveLength(9);
    // Graph writes date-times to the second, with Z.
    expect(guest.createdDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expectGraphError(await callGraph(reader, "/users?$select=id,nickname"), 400, "BadRequest");
  });

  it("filters with eq, startswith, any, in, and, or, without ConsistencyLevel", async () => {
    const cases: [string, string[]][] = [
      ["externalUserState eq 'PendingAcceptance'", [MINIMAL_GUESTS.pending.id]],
      ["userType eq 'Guest' and externalUserState eq 'Accepted'", [MINIMAL_GUESTS.accepted.id]],
      [`mail eq '${PEOPLE.adele.mail.toUpperCase()}'`, [PEOPLE.adele.id]],
      ["creationType eq 'Invitation'", [MINIMAL_GUESTS.pending.id, MINIMAL_GUESTS.accepted.id]],
      [
        "startswith(mail,'pend') or startswith(displayName,'Accepted')",
        [MINIMAL_GUESTS.pending.id, MINIMAL_GUESTS.accepted.id],
      ],
      ["startswith(userPrincipalName,'megan@')", [PEOPLE.megan.id]],
      [`otherMails/any(x:x eq '${MINIMAL_GUESTS.accepted.email}')`, [MINIMAL_GUESTS.accepted.id]],
      ["otherMails/any(x:startswith(x,'pending.'))", [MINIMAL_GUESTS.pending.id]],
      ["identities/any(i:i/issuerAssignedId eq 'lee@contoso.onmicrosoft.com')", [PEOPLE.lee.id]],
      [
        "userType in ('Guest') and (startswith(displayName,'P') or startswith(displayName,'Z'))",
        [MINIMAL_GUESTS.pending.id],
      ],
      [
        "createdDateTime ge 2000-01-01T00:00:00Z and userType eq 'Guest'",
        [MINIMAL_GUESTS.pending.id, MINIMAL_GUESTS.accepted.id],
      ],
    ];
    for (const [filter, expected] of cases) {
      const body = await list(`/users?$filter=${encodeURIComponent(filter)}&$select=id`);
      expect(idsOf(body), filter).toEqual(expected);
    }
  });

  it("answers bad filters with Graph's 400s", async () => {
    expectGraphError(
      await callGraph(reader, `/users?$filter=${encodeURIComponent("nickname eq 'x'")}`),
      400,
      "BadRequest",
    );
    expectGraphError(
      await callGraph(reader, `/users?$filter=${encodeURIComponent("aboutMe eq 'x'")}`),
      400,
      "Request_UnsupportedQuery",
    );
    expectGraphError(
      await callGraph(reader, `/users?$filter=${encodeURIComponent("mail eq")}`),
      400,
      "BadRequest",
    );
    expectGraphError(
      await callGraph(reader, `/users?$filter=${encodeURIComponent("accountEnabled eq 'yes'")}`),
      400,
      "BadRequest",
    );
    expectGraphError(
      await callGraph(reader, `/users?$filter=${encodeURIComponent("contains(mail,'a')")}`),
      400,
      "Request_UnsupportedQuery",
    );
  });

  it("enforces $top 1–999 with Graph's message and refuses $skip and foreign page tokens", async () => {
    expect(expectGraphError(await callGraph(reader, "/users?$top=1000"), 400).message).toBe(
      "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    );
    expect(expectGraphError(await callGraph(reader, "/users?$top=0"), 400).message).toBe(
      "Invalid page size specified: '0'. Must be between 1 and 999 inclusive.",
    );
    expectGraphError(await callGraph(reader, "/users?$top=ten"), 400, "BadRequest");
    expect(expectGraphError(await callGraph(reader, "/users?$skip=10"), 400).message).toBe(
      "'$skip' is not supported by the service.",
    );
    expectGraphError(
      await callGraph(reader, "/users?$skiptoken=abc"),
      400,
      "Directory_ExpiredPageToken",
    );
    expectGraphError(await callGraph(reader, "/users?$apply=x"), 400, "BadRequest");
  });

  it("walks 2,500 guests through @odata.nextLink with the Graph client", async () => {
    tenant.seedGuests({ count: 2500, externalUserState: "PendingAcceptance" });
    // The SDK treats only https URLs as absolute, so the walk hands it the nextLink's path on this
    // origin (what the portal's paging helper does too).
    const relative = (link: string) => {
      expect(link.startsWith(`${tenant.url}/v1.0/users?`)).toBe(true);
      return link.slice(`${tenant.url}/v1.0`.length);
    };
    const walk = async (start: string, headers: Record<string, string> = {}) => {
      const ids = new Set<unknown>();
      let pages = 0;
      let link: string | undefined = start;
      while (link) {
        const body: Awaited<ReturnType<typeof list>> = await list(link, headers);
        pages++;
        for (const id of idsOf(body)) ids.add(id);
        link = body["@odata.nextLink"] ? relative(body["@odata.nextLink"]) : undefined;
      }
      return { ids, pages };
    };
    const pending = await walk(
      "/users?$filter=externalUserState eq 'PendingAcceptance'&$select=id,mail,externalUserState&$top=999",
    );
    expect(pending).toEqual({ ids: expect.any(Set), pages: 3 });
    expect(pending.ids.size).toBe(2501);
    const everyone = await walk("/users?$select=id&$top=500");
    expect(everyone.ids.size).toBe(2508);
    expect(everyone.pages).toBe(6);
    const sorted = await walk("/users?$select=id,displayName&$orderby=displayName&$top=999");
    expect(sorted.ids.size).toBe(2508);
  });

  it("answers advanced queries (ne, endswith, not, $orderby=createdDateTime, $search) once ConsistencyLevel: eventual and $count=true are sent", async () => {
    const ne = `/users?$filter=${encodeURIComponent("userType ne 'Member'")}&$select=id`;
    expectGraphError(await callGraph(reader, ne), 400, "Request_UnsupportedQuery");
    expectGraphError(
      await callGraph(reader, ne, { headers: EVENTUAL }),
      400,
      "Request_UnsupportedQuery",
    );
    expect(idsOf(await list(`${ne}&$count=true`, EVENTUAL))).toEqual([
      MINIMAL_GUESTS.pending.id,
      MINIMAL_GUESTS.accepted.id,
    ]);

    const endsWith = `/users?$filter=${encodeURIComponent("endswith(mail,'@northwind.example')")}&$select=id`;
    expectGraphError(await callGraph(reader, endsWith), 400, "Request_UnsupportedQuery");
    expect(idsOf(await list(`${endsWith}&$count=true`, EVENTUAL))).toEqual([
      MINIMAL_GUESTS.accepted.id,
    ]);

    const not = `/users?$filter=${encodeURIComponent("not(userType eq 'Member')")}&$select=id&$count=true`;
    expect(idsOf(await list(not, EVENTUAL))).toHaveLength(2);

    const byCreated = "/users?$orderby=createdDateTime desc&$select=id,createdDateTime";
    expectGraphError(await callGraph(reader, byCreated), 400, "Request_UnsupportedQuery");
    const sorted = await list(`${byCreated}&$count=true`, EVENTUAL);
    const dates = sorted.value.map((user) => Date.parse(String(user.createdDateTime)));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(sorted["@odata.count"]).toBe(8);

    const byName = await list("/users?$orderby=displayName&$select=displayName");
    const names = byName.value.map((user) => String(user.displayName));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

    const search = '/users?$search="displayName:accep"&$select=id';
    expectGraphError(await callGraph(reader, search), 400, "Request_UnsupportedQuery");
    expect(idsOf(await list(search, EVENTUAL))).toEqual([MINIMAL_GUESTS.accepted.id]);
    expect(
      idsOf(
        await list('/users?$search="mail:megan" OR "displayName:lee"&$select=id', EVENTUAL),
      ).sort(),
    ).toEqual([PEOPLE.lee.id, PEOPLE.megan.id].sort());
    expectGraphError(await callGraph(reader, "/users?$search=lee", { headers: EVENTUAL }), 400);
  });

  it("reports @odata.count on the first page only", async () => {
    tenant.seedGuests({ count: 30 });
    const first = await list("/users?$count=true&$top=10&$select=id", EVENTUAL);
    expect(first["@odata.count"]).toBe(38);
    const second = await list(
      first["@odata.nextLink"]!.slice(`${tenant.url}/v1.0`.length),
      EVENTUAL,
    );
    expect(second["@odata.count"]).toBeUndefined();
    const count = await callGraph(reader, "/users/$count", { headers: EVENTUAL });
    expect(count.status).toBe(200);
    assertMatchesSchema("ODataCountResponse", Number(count.body));
    expect(Number(count.body)).toBe(38);
    expectGraphError(await callGraph(reader, "/users/$count"), 400);
  });

  it("shows only the basic profile with User.ReadBasic.All and refuses guests and User.Invite.All", async () => {
    const basic = await graphAs(tenant, "adele", ["User.ReadBasic.All"]);
    const body = await list(
      "/users?$select=id,displayName,mail,externalUserState,jobTitle",
      {},
      basic,
    );
    const megan = body.value.find((user) => user.id === PEOPLE.megan.id)!;
    expect(megan).toMatchObject({
      displayName: "Megan Bowen",
      mail: PEOPLE.megan.mail,
      externalUserState: null,
      jobTitle: null,
    });
    tenant.updateSettings({ readBasicSelectOfOtherProperties: "forbidden" });
    expectGraphError(
      await callGraph(basic, "/users?$select=id,externalUserState"),
      403,
      "Authorization_RequestDenied",
    );

    expectGraphError(
      await callGraph(await graphAs(tenant, "adele", ["User.Invite.All"]), "/users"),
      403,
      "Authorization_RequestDenied",
    );
    expectGraphError(
      await callGraph(
        await graphAs(tenant, MINIMAL_GUESTS.accepted.id, ["User.Read.All"]),
        "/users",
      ),
      403,
      "Authorization_RequestDenied",
    );
  });
});

describe("GET and PATCH /users/{id}", () => {
  it("reads a user by id or userPrincipalName, and answers 404 in Graph's words", async () => {
    const byId = expectSuccess(
      await callGraph(reader, `/users/${PEOPLE.lee.id}`),
      200,
      "microsoft.graph.user",
    );
    expect(byId).toMatchObject({
      "@odata.context": `${tenant.url}/v1.0/$metadata#users/$entity`,
      displayName: "Lee Gu",
    });
    const upn = `${MINIMAL_GUESTS.pending.email.replace("@", "_")}#EXT#@contoso.onmicrosoft.com`;
    const byUpn = expectSuccess(
      await callGraph(reader, `/users/${encodeURIComponent(upn)}?$select=id,userType`),
      200,
      "microsoft.graph.user",
    );
    expect(byUpn).toMatchObject({ id: MINIMAL_GUESTS.pending.id, userType: "Guest" });
    const missing = "00000000-0000-0000-0000-000000000001";
    expect(
      expectGraphError(
        await callGraph(reader, `/users/${missing}`),
        404,
        "Request_ResourceNotFound",
      ).message,
    ).toBe(
      `Resource '${missing}' does not exist or one of its queried reference-property objects are not present.`,
    );
  });

  it("hides a just-invited user for the configured replication delay", async () => {
    tenant.updateSettings({ replicationDelayMs: 300 });
    const inviter = await graphAs(tenant, "adele", ["User.Invite.All"]);
    const invitation = expectSuccess(
      await callGraph(inviter, "/invitations", {
        method: "POST",
        body: {
          invitedUserEmailAddress: "late@fabrikam.com",
          inviteRedirectUrl: "https://example.com",
        },
      }),
      201,
      "microsoft.graph.invitation",
    );
    expectGraphError(await callGraph(reader, `/users/${invitation.invitedUser.id}`), 404);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expectSuccess(
      await callGraph(reader, `/users/${invitation.invitedUser.id}`),
      200,
      "microsoft.graph.user",
    );
  });

  it("updates displayName, mail and otherMails for an administrator, and answers 204", async () => {
    const admin = await graphAs(tenant, "megan", ["User.ReadWrite.All"]);
    const patched = await callGraph(admin, `/users/${MINIMAL_GUESTS.pending.id}`, {
      method: "PATCH",
      body: {
        displayName: "Renamed Guest",
        mail: "renamed@fabrikam.com",
        otherMails: ["renamed@fabrikam.com", "alt@fabrikam.com"],
      },
    });
    expect(patched.status).toBe(204);
    const user = expectSuccess(
      await callGraph(
        reader,
        `/users/${MINIMAL_GUESTS.pending.id}?$select=displayName,mail,otherMails`,
      ),
      200,
      "microsoft.graph.user",
    );
    expect(user).toMatchObject({
      displayName: "Renamed Guest",
      mail: "renamed@fabrikam.com",
      otherMails: ["renamed@fabrikam.com", "alt@fabrikam.com"],
    });
    const byOtherMail = await list(
      `/users?$filter=${encodeURIComponent("otherMails/any(x:x eq 'alt@fabrikam.com')")}&$select=id`,
    );
    expect(idsOf(byOtherMail)).toEqual([MINIMAL_GUESTS.pending.id]);
  });

  it("refuses updates without User.ReadWrite.All or the role, bad bodies and a mail that is taken", async () => {
    const path = `/users/${MINIMAL_GUESTS.pending.id}`;
    expectGraphError(
      await callGraph(await graphAs(tenant, "megan", ["User.Read.All"]), path, {
        method: "PATCH",
        body: { displayName: "x" },
      }),
      403,
      "Authorization_RequestDenied",
    );
    expectGraphError(
      await callGraph(await graphAs(tenant, "adele", ["User.ReadWrite.All"]), path, {
        method: "PATCH",
        body: { displayName: "x" },
      }),
      403,
      "Authorization_RequestDenied",
    );
    const admin = await graphAs(tenant, "megan", ["User.ReadWrite.All"]);
    expectGraphError(
      await callGraph(admin, path, { method: "PATCH", body: { nickname: "x" } }),
      400,
      "BadRequest",
    );
    expectGraphError(
      await callGraph(admin, path, { method: "PATCH", body: { otherMails: "a@b.example" } }),
      400,
      "BadRequest",
    );
    expectGraphError(
      await callGraph(admin, path, { method: "PATCH", body: { mail: "not-an-address" } }),
      400,
    );
    const conflict = await callGraph(admin, path, {
      method: "PATCH",
      body: { mail: PEOPLE.adele.mail },
    });
    expect(expectGraphError(conflict, 400, "Request_BadRequest").message).toBe(
      "Another object with the same value for property proxyAddresses already exists.",
    );
    expect((conflict.body as { error: { details: unknown } }).error.details).toEqual([
      expect.objectContaining({ code: "ObjectConflict", target: "proxyAddresses" }),
      expect.objectContaining({ code: "ConflictingObjects", target: PEOPLE.adele.id }),
    ]);
    expectGraphError(await callGraph(admin, path, { method: "PUT", body: {} }), 405);
  });
});

describe("GET /me and /me/memberOf", () => {
  it("returns the caller and their directory roles", async () => {
    const client = await graphAs(tenant, "lee", ["User.Read"]);
    const me = expectSuccess(
      await callGraph(client, "/me?$select=id,displayName,userType"),
      200,
      "microsoft.graph.user",
    );
    expect(me).toMatchObject({ id: PEOPLE.lee.id, displayName: "Lee Gu", userType: "Member" });
    const roles = expectSuccess(
      await callGraph(client, "/me/memberOf"),
      200,
      "directoryObjectCollection",
    );
    expect(roles.value).toEqual([
      expect.objectContaining({
        "@odata.type": "#microsoft.graph.directoryRole",
        displayName: "Helpdesk Administrator",
        roleTemplateId: DIRECTORY_ROLE_TEMPLATES.helpdeskAdministrator,
      }),
    ]);
    const none = expectSuccess(
      await callGraph(await graphAs(tenant, "adele", ["User.Read"]), "/me/memberOf"),
      200,
      "directoryObjectCollection",
    );
    expect(none.value).toEqual([]);
    expectGraphError(
      await callGraph(await graphAs(tenant, "adele", ["User.Invite.All"]), "/me"),
      403,
      "Authorization_RequestDenied",
    );
  });
});
