import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localTenantAuthority, localTenantMetadata } from "@/lib/config/local-tenant";
import { AuthError } from "./auth-error";
import {
  acquireGraphTokenOnBehalfOf,
  createConfidentialClient,
  mapMsalError,
} from "./on-behalf-of";
import { createTestIssuer } from "@/test-support/test-token-issuer";

const TENANT = "b3d0c6a4-5e1f-4a27-9c83-2f6d8e0a1b47";
const CLIENT = "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

describe("mapMsalError", () => {
  it.each([
    [{ errorCode: "invalid_grant" }, "session_expired"],
    [{ errorCode: "interaction_required" }, "session_expired"],
    [{ errorCode: "invalid_grant", subError: "consent_required" }, "forbidden"],
    [{ errorCode: "consent_required" }, "forbidden"],
    [{ errorCode: "network_error" }, "graph_unreachable"],
  ])("maps %o to %s", (error, code) => {
    const mapped = mapMsalError(error);
    expect(mapped).toBeInstanceOf(AuthError);
    expect((mapped as AuthError).code).toBe(code);
  });

  it("leaves other failures as they are", () => {
    const unknown = { errorCode: "invalid_client" };
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

  function client() {
    const authority = localTenantAuthority(TENANT);
    return createConfidentialClient({
      clientId: CLIENT,
      clientSecret: "local-tenant-secret-not-for-production",
      authority,
      knownAuthorities: [new URL(authority).host],
      authorityMetadata: JSON.stringify(localTenantMetadata(origin, TENANT, authority)),
    });
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
