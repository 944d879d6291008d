import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PEOPLE, PORTAL_API_SCOPE, TENANT_ID, type LocalTenant } from "../src/index";
import { callGraph, expectGraphError, expectSuccess } from "./helpers/graph-client";
import { graphAs } from "./helpers/graph-session";
import type { CheckedBody } from "./helpers/graph-schemas";
import { confidentialClient, signIn, startTestTenant } from "./helpers/local-tenant";

let tenant: LocalTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset("minimal"));

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${tenant.url}/_emulator${path}`, {
    method,
    ...(body !== undefined
      ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }
      : {}),
  });
  return { status: response.status, body: (await response.json()) as CheckedBody };
}

const INVITATION = {
  invitedUserEmailAddress: "faulty@fabrikam.com",
  inviteRedirectUrl: "https://example.com",
};

describe("control API", () => {
  it("seeds 50,000 guests and still pages and counts them", async () => {
    const seeded = await control("POST", "/guests", { count: 50_000 });
    expect(seeded.status).toBe(200);
    expect(seeded.body).toMatchObject({ added: 50_000, total: 50_008 });

    const reader = await graphAs(tenant, "megan", ["User.Read.All"]);
    const page = expectSuccess(
      await callGraph(
        reader,
        "/users?$filter=externalUserState eq 'PendingAcceptance'&$select=id,externalUserState&$top=999&$count=true",
        { headers: { ConsistencyLevel: "eventual" } },
      ),
      200,
      "userCollection",
    );
    expect(page.value).toHaveLength(999);
    expect(page["@odata.count"]).toBeGreaterThan(30_000);
    const count = await callGraph(reader, "/users/$count", {
      headers: { ConsistencyLevel: "eventual" },
    });
    expect(Number(count.body)).toBe(50_008);
  });

  it("resets to a seed, with settings", async () => {
    expect((await control("POST", "/reset", { seed: "demo" })).body.users).toBeGreaterThan(30);
    expect((await control("POST", "/reset", { seed: "empty" })).body.users).toBe(0);
    const reset = await control("POST", "/reset", {
      seed: "minimal",
      settings: { allowInvitesFrom: "none" },
    });
    expect(reset.body.users).toBe(8);
    expect((await control("GET", "/settings")).body.allowInvitesFrom).toBe("none");
    expect((await control("POST", "/reset", { seed: "galaxy" })).status).toBe(400);
  });

  it("validates and merges settings, including latency per endpoint", async () => {
    expect((await control("PATCH", "/settings", { colour: "blue" })).status).toBe(400);
    expect((await control("PATCH", "/settings", { sendRetryAfter: "no" })).status).toBe(400);
    expect((await control("PATCH", "/settings", { allowInvitesFrom: "friends" })).status).toBe(400);
    expect((await control("PATCH", "/settings", { latencyMs: { warp: 3 } })).status).toBe(400);
    const patched = await control("PATCH", "/settings", {
      latencyMs: { me: 250 },
      domainDenyList: ["x.example"],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      latencyMs: { me: 250 },
      domainDenyList: ["x.example"],
      allowInvitesFrom: "everyone",
    });
    const client = await graphAs(tenant, "adele", ["User.Read"]);
    const started = Date.now();
    expect((await callGraph(client, "/me")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("injects 429 with and without Retry-After, 500 and 503 for the next N requests", async () => {
    const client = await graphAs(tenant, "adele", ["User.Invite.All"]);
    await control("POST", "/faults", {
      path: "/v1.0/invitations",
      kind: "status",
      status: 429,
      retryAfterSeconds: 7,
      count: 2,
    });
    for (let attempt = 0; attempt < 2; attempt++) {
      const throttled = await callGraph(client, "/invitations", {
        method: "POST",
        body: INVITATION,
      });
      expectGraphError(throttled, 429, "TooManyRequests");
      expect(throttled.headers.get("retry-after")).toBe("7");
    }
    expect(
      (await callGraph(client, "/invitations", { method: "POST", body: INVITATION })).status,
    ).toBe(201);

    await control("POST", "/faults", {
      path: "/v1.0/invitations",
      status: 429,
      retryAfterSeconds: null,
    });
    const bare = await callGraph(client, "/invitations", { method: "POST", body: INVITATION });
    expectGraphError(bare, 429);
    expect(bare.headers.get("retry-after")).toBeNull();

    await control("POST", "/faults", { path: "/v1.0/invitations", status: 500 });
    expectGraphError(
      await callGraph(client, "/invitations", { method: "POST", body: INVITATION }),
      500,
    );
    await control("POST", "/faults", {
      path: "/v1.0/invitations",
      status: 503,
      retryAfterSeconds: 1,
    });
    const unavailable = await callGraph(client, "/invitations", {
      method: "POST",
      body: INVITATION,
    });
    expectGraphError(unavailable, 503, "ServiceUnavailable");
    expect(unavailable.headers.get("retry-after")).toBe("1");
    expect((await control("GET", "/faults")).body).toEqual([]);
  });

  it("injects a hang, a dropped connection, and identity-side failures seen by msal-node", async () => {
    const client = await graphAs(tenant, "adele", ["User.Read"]);
    await control("POST", "/faults", { path: "/v1.0/me", kind: "hang", delayMs: 300 });
    const started = Date.now();
    expect((await callGraph(client, "/me")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    await control("POST", "/faults", { path: "/v1.0/me", kind: "drop" });
    await expect(fetch(`${tenant.url}/v1.0/me`)).rejects.toThrow();
    expect((await fetch(`${tenant.url}/_emulator/health`)).status).toBe(200);

    const { result } = await signIn(tenant, "adele");
    tenant.injectFault({ path: `/${TENANT_ID}/oauth2/v2.0/token`, kind: "status", status: 503 });
    await expect(
      confidentialClient(tenant).acquireTokenOnBehalfOf({
        oboAssertion: result.accessToken,
        scopes: ["https://graph.microsoft.com/User.Invite.All"],
      }),
    ).rejects.toMatchObject({
      errorCode: expect.stringMatching(/temporarily_unavailable|server_error|503/),
    });
  });

  it("keeps a request log without tokens, codes or secrets", async () => {
    const { result } = await signIn(tenant, "adele", [PORTAL_API_SCOPE, "offline_access"]);
    await confidentialClient(tenant).acquireTokenOnBehalfOf({
      oboAssertion: result.accessToken,
      scopes: ["https://graph.microsoft.com/User.Invite.All"],
    });
    const client = await graphAs(tenant, "adele", ["User.Invite.All"]);
    await callGraph(client, "/invitations", {
      method: "POST",
      body: INVITATION,
      headers: { "client-request-id": "trace-me" },
    });

    const invitations = (await control("GET", "/requests?path=/v1.0/invitations")).body;
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({
      method: "POST",
      path: "/v1.0/invitations",
      status: 201,
      body: INVITATION,
    });
    expect(invitations[0].headers["client-request-id"]).toBe("trace-me");
    expect(invitations[0].headers.authorization).toBeUndefined();

    const log = JSON.stringify((await control("GET", "/requests")).body);
    expect(log).not.toContain(result.accessToken);
    expect(log).not.toContain("local-tenant-secret-not-for-production");
    expect(log).not.toMatch(/"(code|assertion|refresh_token|code_verifier|client_secret)":/);
    expect(log).toContain('"grant_type":"urn:ietf:params:oauth:grant-type:jwt-bearer"');
    expect((await control("DELETE", "/requests")).status).toBe(200);
    expect((await control("GET", "/requests")).body).toEqual([]);
  });

  it("mints tokens, creates users, shows invitations and revokes sessions", async () => {
    const token = await control("POST", "/tokens", {
      user: "megan",
      audience: "graph",
      scopes: ["User.Read.All"],
    });
    expect(token.status).toBe(200);
    expect(typeof token.body.access_token).toBe("string");
    expect((await control("POST", "/tokens", { user: "nobody" })).status).toBe(404);

    const created = await control("POST", "/users", {
      email: "old.guest@litware.example",
      displayName: "Old Guest",
      createdDateTime: "2023-01-02T03:04:05Z",
    });
    expect(created.body).toMatchObject({
      userType: "Guest",
      externalUserState: "PendingAcceptance",
      createdDateTime: "2023-01-02T03:04:05.000Z",
    });
    expect((await control("POST", "/users", { email: "old.guest@litware.example" })).status).toBe(
      409,
    );
    expect((await control("GET", `/users/${created.body.id}`)).body.displayName).toBe("Old Guest");
    expect((await control("GET", "/users/adele")).body.id).toBe(PEOPLE.adele.id);

    const inviter = await graphAs(tenant, "adele", ["User.Invite.All"]);
    const invitation = expectSuccess(
      await callGraph(inviter, "/invitations", { method: "POST", body: INVITATION }),
      201,
      "microsoft.graph.invitation",
    );
    const recorded = (
      await control("GET", `/invitations?email=${INVITATION.invitedUserEmailAddress}`)
    ).body;
    expect(recorded[0]).toMatchObject({
      id: invitation.id,
      inviteRedeemUrl: invitation.inviteRedeemUrl,
      inviterId: PEOPLE.adele.id,
    });

    const revoked = await control("POST", "/users/adele/revoke-sessions");
    expect(Date.parse(revoked.body.signInSessionsValidFromDateTime)).toBeGreaterThan(
      Date.now() - 5000,
    );
    expect((await control("POST", "/faults", { path: "no-slash", status: 500 })).status).toBe(400);
    expect(
      (
        await fetch(`${tenant.url}/_emulator/reset`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{oops",
        })
      ).status,
    ).toBe(400);
  });
});
