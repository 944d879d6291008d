import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthError } from "./auth-error";
import { createTestIssuer } from "@/test-support/test-token-issuer";
import { validateAccessToken } from "./validate-access-token";

const TENANT = "b3d0c6a4-5e1f-4a27-9c83-2f6d8e0a1b47";
const CLIENT = "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const ISSUER = `https://login.local-tenant.invalid/${TENANT}/v2.0`;
const rules = {
  issuer: ISSUER,
  apiAudiences: [CLIENT, `api://${CLIENT}`],
  tenantId: TENANT,
  apiScopeName: "access_as_user",
  jwksUri: "http://127.0.0.1:1/unused",
};

const issuer = await createTestIssuer({ issuer: ISSUER, audience: CLIENT, tenantId: TENANT });
const now = () => Math.floor(Date.now() / 1000);

async function rejection(token: unknown): Promise<AuthError> {
  try {
    await validateAccessToken(token, rules, issuer.keySet);
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error("expected the token to be rejected");
}

describe("validateAccessToken", () => {
  it("returns the caller from the validated claims", async () => {
    const token = await issuer.sign({
      roles: ["Guests.ResetRedemption"],
      wids: ["729827e3-9c14-49f7-bb1b-9608f156bbb8"],
    });
    const caller = await validateAccessToken(token, rules, issuer.keySet);
    expect(caller).toEqual({
      oid: "0f0e0d0c-0b0a-4908-8706-050403020100",
      tid: TENANT,
      name: "Adele Vance",
      upn: "adele@contoso.onmicrosoft.com",
      roles: ["Guests.ResetRedemption"],
      wids: ["729827e3-9c14-49f7-bb1b-9608f156bbb8"],
    });
    expect(caller.rawToken).toBe(token);
  });

  it("keeps the raw token out of JSON and logs", async () => {
    const token = await issuer.sign();
    const caller = await validateAccessToken(token, rules, issuer.keySet);
    expect(JSON.stringify(caller)).not.toContain(token);
    expect(Object.keys(caller)).not.toContain("rawToken");
  });

  it("accepts the application id URI as audience and several scopes", async () => {
    const token = await issuer.sign({ aud: `api://${CLIENT}`, scp: "User.Read access_as_user" });
    await expect(validateAccessToken(token, rules, issuer.keySet)).resolves.toMatchObject({
      tid: TENANT,
    });
  });

  it.each([undefined, null, "", "   ", 42])(
    "refuses a missing token (%s) as unauthenticated",
    async (token) => {
      expect((await rejection(token)).code).toBe("unauthenticated");
    },
  );

  it("refuses an expired token as session_expired", async () => {
    const token = await issuer.sign({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 120 });
    expect((await rejection(token)).code).toBe("session_expired");
  });

  it.each<[string, () => Promise<string>]>([
    ["signed with a foreign key", () => issuer.sign({}, { key: "foreign" })],
    [
      "signed with a foreign key under the tenant's kid",
      () => issuer.sign({}, { key: "foreign", kid: "tenant-key" }),
    ],
    ["for another audience", () => issuer.sign({ aud: "00000003-0000-0000-c000-000000000000" })],
    [
      "from another issuer",
      () => issuer.sign({ iss: "https://login.microsoftonline.com/other/v2.0" }),
    ],
    ["from a v1 issuer", () => issuer.sign({ iss: `https://sts.windows.net/${TENANT}/` })],
    ["from another tenant", () => issuer.sign({ tid: "11111111-2222-4333-8444-555555555555" })],
    ["without scp", () => issuer.sign({ scp: undefined })],
    ["without the portal's scope", () => issuer.sign({ scp: "User.Read" })],
    [
      "with a scope that only contains the name",
      () => issuer.sign({ scp: "access_as_user_admin" }),
    ],
    ["without oid", () => issuer.sign({ oid: undefined })],
    ["not yet valid", () => issuer.sign({ nbf: now() + 600 })],
    ["with roles that are not a list", () => issuer.sign({ roles: "Admin" })],
  ])("refuses a token %s as unauthenticated", async (_case, makeToken) => {
    expect((await rejection(await makeToken())).code).toBe("unauthenticated");
  });

  it("refuses unsigned and malformed tokens", async () => {
    const [header, payload] = (await issuer.sign()).split(".");
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${payload}.`;
    expect((await rejection(unsigned)).code).toBe("unauthenticated");
    expect((await rejection(`${header}.${payload}`)).code).toBe("unauthenticated");
    expect((await rejection("not-a-jwt")).code).toBe("unauthenticated");
  });
});

describe("validateAccessToken with the tenant's published keys", () => {
  let server: Server;
  let jwksUri: string;
  let available = true;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      if (!available) {
        response.writeHead(503).end();
        return;
      }
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify(issuer.jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${TENANT}/discovery/v2.0/keys`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("fetches the key set from the JWKS URI", async () => {
    const caller = await validateAccessToken(await issuer.sign(), { ...rules, jwksUri });
    expect(caller.tid).toBe(TENANT);
  });

  it("treats an unreachable key set as the server's failure, not the caller's", async () => {
    available = false;
    const otherUri = jwksUri.replace("/keys", "/keys?down");
    await expect(
      validateAccessToken(await issuer.sign(), { ...rules, jwksUri: otherUri }),
    ).rejects.not.toBeInstanceOf(AuthError);
    available = true;
  });
});
