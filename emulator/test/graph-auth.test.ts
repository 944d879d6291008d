import { SignJWT, decodeJwt, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalTenant } from "../src/index";
import { callGraph, expectGraphError, graphClient, type GraphAnswer } from "./helpers/graph-client";
import { graphAs } from "./helpers/graph-session";
import { startTestTenant } from "./helpers/local-tenant";

let tenant: LocalTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());

const INVITATION = {
  invitedUserEmailAddress: "someone@fabrikam.com",
  inviteRedirectUrl: "https://example.com",
};

describe("Graph authentication", () => {
  it("answers a missing token with 401 InvalidAuthenticationToken and a bearer challenge", async () => {
    const response = await fetch(`${tenant.url}/v1.0/me`);
    const answer: GraphAnswer = {
      status: response.status,
      headers: response.headers,
      body: await response.json(),
    };
    expect(expectGraphError(answer, 401, "InvalidAuthenticationToken").message).toBe(
      "Access token is empty.",
    );
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });

  it("refuses expired, malformed, foreign-signed and wrong-audience tokens", async () => {
    const expired = await tenant.issueToken({
      user: "adele",
      audience: "graph",
      lifetimeSeconds: 60,
      issuedAtOffsetSeconds: -3600,
    });
    expect(
      expectGraphError(
        await callGraph(graphClient(tenant, expired.accessToken), "/me"),
        401,
        "InvalidAuthenticationToken",
      ).message,
    ).toBe("Access token has expired or is not yet valid.");
    expectGraphError(
      await callGraph(graphClient(tenant, "not-a-jwt"), "/me"),
      401,
      "InvalidAuthenticationToken",
    );

    const genuine = await tenant.issueToken({ user: "adele", audience: "graph" });
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(decodeJwt(genuine.accessToken))
      .setProtectedHeader({ alg: "RS256", kid: "forged" })
      .sign(privateKey);
    expect(
      expectGraphError(
        await callGraph(graphClient(tenant, forged), "/me"),
        401,
        "InvalidAuthenticationToken",
      ).message,
    ).toBe("Access token validation failure.");

    const portalToken = await tenant.issueToken({ user: "adele", audience: "portal-api" });
    expect(
      expectGraphError(await callGraph(graphClient(tenant, portalToken.accessToken), "/me"), 401)
        .message,
    ).toBe("Access token validation failure. Invalid audience.");
  });

  it("echoes client-request-id and sends request-id on every answer", async () => {
    const client = await graphAs(tenant, "adele", ["User.Read"]);
    const answer = await callGraph(client, "/me", {
      headers: { "client-request-id": "my-correlation" },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("client-request-id")).toBe("my-correlation");
    expect(answer.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ["POST", "/invitations", ["User.ReadBasic.All", "User.Read.All"], INVITATION],
    ["GET", "/users", ["User.Invite.All", "User.Read"], undefined],
    ["GET", "/users/adele@contoso.onmicrosoft.com", ["User.Invite.All"], undefined],
    [
      "PATCH",
      "/users/pending.guest_fabrikam.com%23EXT%23@contoso.onmicrosoft.com",
      ["User.Read.All", "User.Invite.All"],
      { displayName: "x" },
    ],
    ["GET", "/me", ["User.Invite.All"], undefined],
    ["GET", "/me/memberOf", ["User.Invite.All"], undefined],
  ] as const)(
    "answers %s %s with 403 without the needed permission",
    async (method, path, permissions, body) => {
      const client = await graphAs(tenant, "megan", [...permissions]);
      const answer = await callGraph(client, path, { method, ...(body ? { body } : {}) });
      expect(expectGraphError(answer, 403, "Authorization_RequestDenied").message).toBe(
        "Insufficient privileges to complete the operation.",
      );
    },
  );

  it("answers repeated query options and unknown paths in Graph's shape", async () => {
    const { accessToken } = await tenant.issueToken({ user: "adele", audience: "graph" });
    const response = await fetch(`${tenant.url}/v1.0/users?$top=1&$top=2`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expectGraphError(
      { status: response.status, headers: response.headers, body: await response.json() },
      400,
      "BadRequest",
    );
    const badEncoding = await fetch(`${tenant.url}/v1.0/users/%E0%A4%A`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expectGraphError(
      { status: badEncoding.status, headers: badEncoding.headers, body: await badEncoding.json() },
      400,
      "BadRequest",
    );
    const unknown = await fetch(`${tenant.url}/v1.0/applications`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expectGraphError(
      { status: unknown.status, headers: unknown.headers, body: await unknown.json() },
      400,
      "BadRequest",
    );
  });
});
