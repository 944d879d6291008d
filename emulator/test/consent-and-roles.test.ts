import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  CONSENTED_GRAPH_SCOPES,
  DIRECTORY_ROLES,
  DIRECTORY_ROLE_TEMPLATES,
  PORTAL_CLIENT_ID,
  PORTAL_CLIENT_SECRET,
  type LocalTenant,
} from "../src/index";
import { callGraph, expectGraphError, expectSuccess, graphClient } from "./helpers/graph-client";
import { confidentialClient, signIn, startTestTenant } from "./helpers/local-tenant";
import { expectEntraError, oboFields, tokenRequest } from "./helpers/token-endpoint";

let tenant: LocalTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset("minimal"));

const GUEST_INVITER = DIRECTORY_ROLE_TEMPLATES.guestInviter;

async function graphTokenOnBehalfOf(assertion: string, scope: string): Promise<string> {
  const result = await confidentialClient(tenant).acquireTokenOnBehalfOf({
    oboAssertion: assertion,
    scopes: [scope],
  });
  return result!.accessToken;
}

describe("per-permission tenant consent", () => {
  it("grants every permission the portal uses by default", async () => {
    const { accessToken } = await tenant.issueToken({ user: "adele", audience: "portal-api" });
    for (const permission of CONSENTED_GRAPH_SCOPES) {
      const graph = await graphTokenOnBehalfOf(
        accessToken,
        `https://graph.microsoft.com/${permission}`,
      );
      expect(decodeJwt(graph).scp).toBe(permission);
    }
  });

  it("answers AADSTS65001 for a permission the tenant did not consent, and .default narrows to what it did", async () => {
    tenant.updateSettings({ consentedGraphScopes: ["User.Read", "User.Read.All"] });
    const { accessToken } = await tenant.issueToken({ user: "adele", audience: "portal-api" });
    const answer = await tokenRequest(
      tenant,
      oboFields(accessToken, "https://graph.microsoft.com/User.Invite.All", PORTAL_CLIENT_SECRET),
    );
    expectEntraError(answer, 400, "invalid_grant", 65001);
    expect(answer.body.suberror).toBe("consent_required");
    expect(answer.body.error_description).toMatch(
      new RegExp(
        `^AADSTS65001: The user or administrator has not consented to use the application with ID '${PORTAL_CLIENT_ID}' named 'Guest invitations portal'\\. Send an interactive authorization request for this user and resource\\.`,
      ),
    );
    const everything = await graphTokenOnBehalfOf(
      accessToken,
      "https://graph.microsoft.com/.default",
    );
    expect(decodeJwt(everything).scp).toBe("User.Read User.Read.All");

    const refused = await fetch(`${tenant.url}/_emulator/settings`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ consentedGraphScopes: "User.Read" }),
    });
    expect(refused.status).toBe(400);
  });
});

describe("wids and directory roles", () => {
  it("puts wids in API tokens only when groupMembershipClaims asks for directory roles", async () => {
    const cases = [
      [null, false],
      ["SecurityGroup", false],
      ["DirectoryRole", true],
      ["All", true],
    ] as const;
    for (const [groupMembershipClaims, expected] of cases) {
      tenant.updateSettings({ groupMembershipClaims });
      const { result } = await signIn(tenant, "lee");
      const minted = await tenant.issueToken({ user: "lee", audience: "portal-api" });
      for (const token of [result.accessToken, minted.accessToken]) {
        expect(decodeJwt(token).wids).toEqual(
          expected ? [DIRECTORY_ROLE_TEMPLATES.helpdeskAdministrator] : undefined,
        );
      }
    }
  });

  it("shows a role activated after sign-in in Graph at once, and in wids only after a new sign-in", async () => {
    tenant.updateSettings({ groupMembershipClaims: "DirectoryRole" });
    const before = await signIn(tenant, "adele");
    expect(decodeJwt(before.result.accessToken).wids).toBeUndefined();
    const graph = graphClient(
      tenant,
      await graphTokenOnBehalfOf(
        before.result.accessToken,
        "https://graph.microsoft.com/User.Read",
      ),
    );
    const roles = async () =>
      expectSuccess(
        await callGraph(graph, "/me/memberOf/microsoft.graph.directoryRole"),
        200,
        "directoryObjectCollection",
      ).value;
    expect(await roles()).toEqual([]);

    const activate = await fetch(`${tenant.url}/_emulator/users/adele/roles`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ roleTemplateId: GUEST_INVITER }),
    });
    expect(activate.status).toBe(200);
    expect(await roles()).toEqual([
      {
        "@odata.type": "#microsoft.graph.directoryRole",
        id: DIRECTORY_ROLES[GUEST_INVITER].id,
        deletedDateTime: null,
        description: DIRECTORY_ROLES[GUEST_INVITER].description,
        displayName: "Guest Inviter",
        roleTemplateId: GUEST_INVITER,
      },
    ]);
    expect(
      expectSuccess(await callGraph(graph, "/me/memberOf"), 200, "directoryObjectCollection").value,
    ).toHaveLength(1);
    const objects = await callGraph(graph, "/me/getMemberObjects", {
      method: "POST",
      body: { securityEnabledOnly: false },
    });
    expect(objects.status).toBe(200);
    expect(objects.body).toMatchObject({ value: [DIRECTORY_ROLES[GUEST_INVITER].id] });
    const securityOnly = await callGraph(graph, "/me/getMemberObjects", {
      method: "POST",
      body: { securityEnabledOnly: true },
    });
    expect(securityOnly.body).toMatchObject({ value: [] });
    expectGraphError(
      await callGraph(graph, "/me/getMemberObjects", { method: "POST", body: {} }),
      400,
    );
    expectGraphError(await callGraph(graph, "/me/getMemberObjects"), 405);

    const after = await signIn(tenant, "adele");
    expect(decodeJwt(after.result.accessToken).wids).toEqual([GUEST_INVITER]);
    expect(decodeJwt(before.result.accessToken).wids).toBeUndefined();

    const deactivate = await fetch(`${tenant.url}/_emulator/users/adele/roles/${GUEST_INVITER}`, {
      method: "DELETE",
    });
    expect(deactivate.status).toBe(200);
    expect(await roles()).toEqual([]);
    expect(decodeJwt(after.result.accessToken).wids).toEqual([GUEST_INVITER]);
  });

  it("refuses unknown roles and people, and needs a permission for memberships", async () => {
    const post = (person: string, roleTemplateId: string) =>
      fetch(`${tenant.url}/_emulator/users/${person}/roles`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ roleTemplateId }),
      });
    expect((await post("adele", "00000000-0000-0000-0000-000000000000")).status).toBe(400);
    expect((await post("nobody", GUEST_INVITER)).status).toBe(404);
    tenant.activateRole("megan", DIRECTORY_ROLE_TEMPLATES.globalAdministrator);
    expect(tenant.user("megan")?.directoryRoles).toContain(
      DIRECTORY_ROLE_TEMPLATES.globalAdministrator,
    );
    tenant.deactivateRole("megan", DIRECTORY_ROLE_TEMPLATES.userAdministrator);
    expect(tenant.user("megan")?.directoryRoles).toEqual([
      DIRECTORY_ROLE_TEMPLATES.globalAdministrator,
    ]);

    const { accessToken } = await tenant.issueToken({
      user: "megan",
      audience: "graph",
      scopes: ["User.Invite.All"],
    });
    expectGraphError(
      await callGraph(
        graphClient(tenant, accessToken),
        "/me/memberOf/microsoft.graph.directoryRole",
      ),
      403,
      "Authorization_RequestDenied",
    );
  });
});
