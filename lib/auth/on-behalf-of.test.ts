import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localTenantAuthority, localTenantMetadata } from "@/lib/config/local-tenant";
import { AuthError } from "./auth-error";
import { acquireGraphTokenOnBehalfOf, createOnBehalfOfClient, mapMsalError } from "./on-behalf-of";
import { captureLog } from "@/test-support/captured-log";
import { createTestIssuer } from "@/test-support/test-token-issuer";

const TENANT = "b3d0c6a4-5e1f-4a27-9c83-2f6d8e0a1b47";
const CLIENT = "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

describe("mapMsalError", () => {
  it.each([
    [{ errorCode: "invalid_grant" }, "session_expired"],
    [{ errorCode: "interaction_required" }, "session_expired"],
    [{ errorCode: "invalid_grant", subError: "consent_required" }, "consent_required"],
    [{ errorCode: "consent_required" }, "consent_required"],
    [{ errorCode: "invalid_grant", errorNo: 65001 }, "consent_required"],
    [{ errorCode: "interaction_required", errorNo: 50076, claims: "{}" }, "claims_challenge"],
    [{ errorCode: "invalid_grant", subError: "basic_action", claims: "{}" }, "claims_challenge"],
    [
      { errorCode: "invalid_grant", subError: "message_only", errorNo: 53003, claims: "{}" },
      "blocked_by_policy",
    ],
    [
      { errorCode: "interaction_required", errorMessage: "AADSTS53003: Access has been blocked" },
      "blocked_by_policy",
    ],
    [{ errorCode: "invalid_client", errorNo: 7000222 }, "portal_misconfigured"],
    [
      { errorCode: "invalid_client", errorMessage: "AADSTS7000215: Invalid" },
      "portal_misconfigured",
    ],
    [{ errorCode: "network_error" }, "graph_unreachable"],
  ])("maps %o to %s", (error, code) => {
    const mapped = mapMsalError(error);
    expect(mapped).toBeInstanceOf(AuthError);
    expect((mapped as AuthError).code).toBe(code);
  });

  it("hands the claims and the permission on, and nothing else", () => {
    const claims = '{"access_token":{"capolids":{"essential":true,"values":["p"]}}}';
    const challenge = mapMsalError({
      errorCode: "invalid_grant",
      subError: "basic_action",
      claims,
    });
    expect((challenge as AuthError).details).toEqual({ claims });
    const consent = mapMsalError({ errorCode: "consent_required" }, "User.ReadWrite.All");
    expect((consent as AuthError).details).toEqual({ permission: "User.ReadWrite.All" });
  });

  it("logs a refused credential once, through the JSON log, naming the variables and no secret", () => {
    const log = captureLog();
    const assertion = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb3J0YWwifQ.c2lnbmF0dXJl";
    const refused = {
      errorCode: "invalid_client",
      errorNo: 700027,
      errorMessage: `AADSTS700027: Client assertion failed signature validation. ${assertion}`,
    };
    mapMsalError(refused);
    mapMsalError(refused);
    expect(log.lines).toEqual([
      expect.objectContaining({
        level: 50,
        aadsts: 700027,
        errorCode: "invalid_client",
        msg: expect.stringMatching(/AADSTS700027.*ENTRA_CLIENT_SECRET/),
      }),
    ]);
    expect(log.text()).not.toContain(assertion);
  });

  it("leaves other failures as they are", () => {
    const unknown = { errorCode: "server_error" };
    expect(mapMsalError(unknown)).toBe(unknown);
    const plain = new Error("boom");
    expect(mapMsalError(plain)).toBe(plain);
  });
});

describe("acquireGraphTokenOnBehalfOf against a local token endpoint", () => {
  let server: Server;
  let origin: string;
  const requests: URLSearchParams[] = [];
  let answer: "token" | "invalid_grant" = "token";

  async function body(request: IncomingMessage): Promise<URLSearchParams> {
    let text = "";
    for await (const chunk of request) text += chunk;
    return new URLSearchParams(text);
  }

  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const form = await body(request);
      requests.push(form);
      response.setHeader("content-type", "application/json");
      if (answer === "invalid_grant") {
        response.statusCode = 400;
        response.end(
          JSON.stringify({
            error: "invalid_grant",
            error_description: "AADSTS50013: Assertion is expired.",
          }),
        );
        return;
      }
      response.end(
        JSON.stringify({
          token_type: "Bearer",
          scope: form.get("scope"),
          expires_in: 3600,
          ext_expires_in: 3600,
          access_token: `graph-token-${requests.length}`,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function client(limits?: { maxEntries: number; maxAgeMs: number }) {
    const authority = localTenantAuthority(TENANT);
    return createOnBehalfOfClient(
      {
        clientId: CLIENT,
        credential: {
          kind: "secret",
          variable: "ENTRA_CLIENT_SECRET",
          secret: "local-tenant-secret-not-for-production",
        },
        authority,
        knownAuthorities: [new URL(authority).host],
        authorityMetadata: JSON.stringify(localTenantMetadata(origin, TENANT, authority)),
        graphResource: "https://graph.microsoft.com",
      },
      limits,
    );
  }

  it("exchanges the portal token over http via authority metadata, asks for one Graph scope, and caches", async () => {
    const issuer = await createTestIssuer({
      issuer: `${localTenantAuthority(TENANT)}/v2.0`,
      audience: CLIENT,
      tenantId: TENANT,
    });
    const assertion = await issuer.sign();
    const application = client();
    const first = await acquireGraphTokenOnBehalfOf(
      { rawToken: assertion },
      "User.Invite.All",
      application,
    );
    const second = await acquireGraphTokenOnBehalfOf(
      { rawToken: assertion },
      "User.Invite.All",
      application,
    );
    expect(first).toBe("graph-token-1");
    expect(second).toBe(first);
    expect(requests).toHaveLength(1);
    const form = requests[0]!;
    expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(form.get("requested_token_use")).toBe("on_behalf_of");
    expect(form.get("assertion")).toBe(assertion);
    expect(form.get("client_id")).toBe(CLIENT);
    expect(form.get("scope")?.split(" ")).toContain("https://graph.microsoft.com/User.Invite.All");
    expect(form.get("scope")).not.toMatch(/User\.Read(Write)?\.All/);
  });

  it("keeps msal-node's cache empty and its own bounded by size", async () => {
    const issuer = await createTestIssuer({
      issuer: `${localTenantAuthority(TENANT)}/v2.0`,
      audience: CLIENT,
      tenantId: TENANT,
    });
    const application = client({ maxEntries: 3, maxAgeMs: 60_000 });
    for (let person = 0; person < 5; person++) {
      const assertion = await issuer.sign({ oid: `00000000-0000-4000-8000-00000000000${person}` });
      await acquireGraphTokenOnBehalfOf({ rawToken: assertion }, "User.Read", application);
    }
    expect(application.tokens.size).toBe(3);
    const msalCache = JSON.parse(application.msal.getTokenCache().serialize()) as {
      AccessToken: object;
      Account: object;
    };
    expect(Object.keys(msalCache.AccessToken)).toHaveLength(0);
    expect(Object.keys(msalCache.Account)).toHaveLength(0);
  });

  it("maps a refused exchange to session_expired", async () => {
    answer = "invalid_grant";
    const issuer = await createTestIssuer({
      issuer: `${localTenantAuthority(TENANT)}/v2.0`,
      audience: CLIENT,
      tenantId: TENANT,
    });
    const failure = acquireGraphTokenOnBehalfOf(
      { rawToken: await issuer.sign() },
      "User.ReadBasic.All",
      client(),
    );
    await expect(failure).rejects.toMatchObject({ name: "AuthError", code: "session_expired" });
    answer = "token";
  });
});
