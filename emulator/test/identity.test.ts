import { CryptoProvider } from "@azure/msal-node";
import { SignJWT, createRemoteJWKSet, decodeJwt, generateKeyPair, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APP_ROLES,
  DIRECTORY_ROLE_TEMPLATES,
  GRAPH_APP_ID,
  PEOPLE,
  PORTAL_API_SCOPE,
  PORTAL_CLIENT_ID,
  PORTAL_CLIENT_SECRET,
  TENANT_ID,
  issuerFor,
  type LocalTenant,
} from "../src/index";
import {
  REDIRECT_URI,
  answerOf,
  chooseOnSignInPage,
  confidentialClient,
  publicClient,
  signIn,
  startTestTenant,
} from "./helpers/local-tenant";

let tenant: LocalTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset("minimal"));

const authorizeUrl = (params: Record<string, string>) =>
  `${tenant.url}/${TENANT_ID}/oauth2/v2.0/authorize?${new URLSearchParams({
    client_id: PORTAL_CLIENT_ID,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: `${PORTAL_API_SCOPE} openid profile offline_access`,
    state: "s-1",
    ...params,
  })}`;

async function tokenRequest(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${tenant.url}/${TENANT_ID}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

function expectEntraError(body: Record<string, unknown>, error: string, aadsts: number) {
  expect(body.error).toBe(error);
  expect(body.error_description).toMatch(
    new RegExp(`^AADSTS${aadsts}: .+ Trace ID: .+ Correlation ID: .+ Timestamp: `),
  );
  expect(body.error_codes).toEqual([aadsts]);
  expect(typeof body.correlation_id).toBe("string");
  expect(typeof body.trace_id).toBe("string");
}

describe("discovery and keys", () => {
  it("serves OpenID configuration with the https issuer and this origin's endpoints", async () => {
    const response = await fetch(
      `${tenant.url}/${TENANT_ID}/v2.0/.well-known/openid-configuration`,
    );
    const document = (await response.json()) as Record<string, string>;
    expect(document.issuer).toBe(`https://login.local-tenant.invalid/${TENANT_ID}/v2.0`);
    expect(document.authorization_endpoint).toBe(
      `${tenant.url}/${TENANT_ID}/oauth2/v2.0/authorize`,
    );
    expect(document.token_endpoint).toBe(`${tenant.url}/${TENANT_ID}/oauth2/v2.0/token`);
    expect(document.end_session_endpoint).toBe(`${tenant.url}/${TENANT_ID}/oauth2/v2.0/logout`);
    expect(document.jwks_uri).toBe(`${tenant.url}/${TENANT_ID}/discovery/v2.0/keys`);
    expect(JSON.parse(tenant.authorityMetadata)).toMatchObject({
      issuer: document.issuer,
      token_endpoint: document.token_endpoint,
    });
  });

  it("points discovery at the origin the caller used", async () => {
    const answer = await tenant.server.inject({
      url: `/${TENANT_ID}/v2.0/.well-known/openid-configuration`,
      headers: { host: "localhost:4321" },
    });
    expect(answer.json()).toMatchObject({
      issuer: `https://login.local-tenant.invalid/${TENANT_ID}/v2.0`,
      token_endpoint: `http://localhost:4321/${TENANT_ID}/oauth2/v2.0/token`,
    });
  });

  it("accepts organizations, common and the domain in place of the tenant id, and refuses others", async () => {
    for (const segment of ["organizations", "common", "contoso.onmicrosoft.com"]) {
      const response = await fetch(
        `${tenant.url}/${segment}/v2.0/.well-known/openid-configuration`,
      );
      expect(response.status).toBe(200);
    }
    const unknown = await fetch(
      `${tenant.url}/00000000-0000-0000-0000-000000000000/v2.0/.well-known/openid-configuration`,
    );
    expect(unknown.status).toBe(400);
    expectEntraError((await unknown.json()) as Record<string, unknown>, "invalid_tenant", 90002);
  });

  it("publishes the key that verifies its tokens", async () => {
    const { accessToken } = await tenant.issueToken({ user: "adele", audience: "portal-api" });
    const keys = createRemoteJWKSet(new URL(`${tenant.url}/${TENANT_ID}/discovery/v2.0/keys`));
    const { payload, protectedHeader } = await jwtVerify(accessToken, keys, {
      issuer: issuerFor(TENANT_ID),
      audience: PORTAL_CLIENT_ID,
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload.oid).toBe(PEOPLE.adele.id);
  });
});

describe("authorization code with PKCE through msal-node", () => {
  it("signs a person in and returns Entra v2 token shapes", async () => {
    const { result } = await signIn(tenant, "lee", [
      PORTAL_API_SCOPE,
      "openid",
      "profile",
      "offline_access",
    ]);
    expect(result.account?.homeAccountId).toBe(`${PEOPLE.lee.id}.${TENANT_ID}`);
    expect(result.account?.username).toBe(PEOPLE.lee.userPrincipalName);
    const access = decodeJwt(result.accessToken);
    expect(access).toMatchObject({
      aud: PORTAL_CLIENT_ID,
      iss: issuerFor(TENANT_ID),
      scp: "access_as_user",
      oid: PEOPLE.lee.id,
      tid: TENANT_ID,
      azp: PORTAL_CLIENT_ID,
      name: "Lee Gu",
      preferred_username: PEOPLE.lee.userPrincipalName,
      ver: "2.0",
      roles: [APP_ROLES.resetRedemption],
    });
    // A new registration has groupMembershipClaims null: no wids (consent-and-roles.test.ts).
    expect(access.wids).toBeUndefined();
    const id = decodeJwt(result.idToken);
    expect(id).toMatchObject({
      aud: PORTAL_CLIENT_ID,
      iss: issuerFor(TENANT_ID),
      tid: TENANT_ID,
      oid: PEOPLE.lee.id,
      name: "Lee Gu",
    });
    expect(typeof id.sub).toBe("string");
    expect(result.scopes).toContain(PORTAL_API_SCOPE);
  });

  it("round-trips state and puts the nonce in the ID token", async () => {
    const client = publicClient(tenant);
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const url = await client.getAuthCodeUrl({
      scopes: [PORTAL_API_SCOPE],
      redirectUri: REDIRECT_URI,
      codeChallenge: challenge,
      codeChallengeMethod: "S256",
      state: "state-xyz",
      nonce: "nonce-abc",
    });
    const { location } = await chooseOnSignInPage(url, "adele");
    const answer = answerOf(location);
    expect(answer.get("state")).toBe("state-xyz");
    const result = await client.acquireTokenByCode({
      code: answer.get("code")!,
      scopes: [PORTAL_API_SCOPE],
      redirectUri: REDIRECT_URI,
      codeVerifier: verifier,
      nonce: "nonce-abc",
    });
    expect(decodeJwt(result.idToken).nonce).toBe("nonce-abc");
  });

  it("refuses a code verifier that does not match the challenge", async () => {
    const client = publicClient(tenant);
    const { challenge } = await new CryptoProvider().generatePkceCodes();
    const other = await new CryptoProvider().generatePkceCodes();
    const url = await client.getAuthCodeUrl({
      scopes: [PORTAL_API_SCOPE],
      redirectUri: REDIRECT_URI,
      codeChallenge: challenge,
      codeChallengeMethod: "S256",
    });
    const { location } = await chooseOnSignInPage(url, "adele");
    const code = answerOf(location).get("code")!;
    await expect(
      client.acquireTokenByCode({
        code,
        scopes: [PORTAL_API_SCOPE],
        redirectUri: REDIRECT_URI,
        codeVerifier: other.verifier,
      }),
    ).rejects.toMatchObject({
      errorCode: "invalid_grant",
      errorMessage: expect.stringContaining("AADSTS501481"),
    });
  });

  it("redeems a code once only and insists on PKCE for cross-origin redemption", async () => {
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const { location } = await chooseOnSignInPage(
      authorizeUrl({ code_challenge: challenge, code_challenge_method: "S256" }),
      "adele",
    );
    const fields = {
      grant_type: "authorization_code",
      client_id: PORTAL_CLIENT_ID,
      code: answerOf(location).get("code")!,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      scope: PORTAL_API_SCOPE,
    };
    expect((await tokenRequest(fields)).status).toBe(200);
    const again = await tokenRequest(fields);
    expect(again.status).toBe(400);
    expectEntraError(again.body, "invalid_grant", 54005);

    const withoutPkce = await chooseOnSignInPage(authorizeUrl({}), "adele");
    const crossOrigin = await tokenRequest(
      { ...fields, code: answerOf(withoutPkce.location).get("code")!, code_verifier: "" },
      { origin: "http://localhost:3000" },
    );
    expect(crossOrigin.status).toBe(400);
    expect(crossOrigin.body.error).toBe("invalid_request");
  });

  it("renews with the refresh token and reports missing parameters, unknown grants and bad secrets in Entra's shape", async () => {
    const { client, result } = await signIn(tenant, "adele", [PORTAL_API_SCOPE, "offline_access"]);
    const renewed = await client.acquireTokenSilent({
      account: result.account!,
      scopes: [PORTAL_API_SCOPE],
      forceRefresh: true,
    });
    expect(renewed.accessToken).not.toBe(result.accessToken);
    expect(
      tenant
        .requests({ pathPrefix: `/${TENANT_ID}/oauth2/v2.0/token` })
        .map((entry) => (entry.body as Record<string, string>).grant_type),
    ).toContain("refresh_token");

    expectEntraError(
      (await tokenRequest({ client_id: PORTAL_CLIENT_ID })).body,
      "invalid_request",
      900144,
    );
    expectEntraError(
      (await tokenRequest({ grant_type: "password", client_id: PORTAL_CLIENT_ID })).body,
      "unsupported_grant_type",
      70003,
    );
    const badSecret = await tokenRequest({
      grant_type: "refresh_token",
      client_id: PORTAL_CLIENT_ID,
      client_secret: "nope",
      refresh_token: "x",
      scope: PORTAL_API_SCOPE,
    });
    expect(badSecret.status).toBe(401);
    expectEntraError(badSecret.body, "invalid_client", 7000215);
    expectEntraError(
      (
        await tokenRequest({
          grant_type: "refresh_token",
          client_id: "11111111-1111-1111-1111-111111111111",
          refresh_token: "x",
        })
      ).body,
      "unauthorized_client",
      700016,
    );
  });

  it("answers CORS preflight and requests on the token endpoint", async () => {
    const preflight = await fetch(`${tenant.url}/${TENANT_ID}/oauth2/v2.0/token`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-client-sku",
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    const answer = await tokenRequest(
      { grant_type: "refresh_token", client_id: PORTAL_CLIENT_ID, refresh_token: "bad" },
      { origin: "http://localhost:3000" },
    );
    expect(answer.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
  });
});

describe("on-behalf-of", () => {
  it("exchanges a portal API token for a Graph token with the asked permission", async () => {
    const { result } = await signIn(tenant, "megan");
    const obo = await confidentialClient(tenant).acquireTokenOnBehalfOf({
      oboAssertion: result.accessToken,
      scopes: ["https://graph.microsoft.com/User.Invite.All"],
    });
    const graph = decodeJwt(obo!.accessToken);
    expect(graph).toMatchObject({
      aud: GRAPH_APP_ID,
      scp: "User.Invite.All",
      oid: PEOPLE.megan.id,
      tid: TENANT_ID,
      wids: [DIRECTORY_ROLE_TEMPLATES.userAdministrator],
    });
    const everything = await confidentialClient(tenant).acquireTokenOnBehalfOf({
      oboAssertion: result.accessToken,
      scopes: ["https://graph.microsoft.com/.default"],
    });
    expect(String(decodeJwt(everything!.accessToken).scp).split(" ")).toEqual(
      expect.arrayContaining(["User.Invite.All", "User.Read.All", "User.ReadWrite.All"]),
    );
  });

  it("refuses expired and foreign-signed assertions, unconsented permissions and a wrong secret", async () => {
    const client = confidentialClient(tenant);
    const scopes = ["https://graph.microsoft.com/User.Invite.All"];
    const expired = await tenant.issueToken({
      user: "adele",
      audience: "portal-api",
      lifetimeSeconds: 60,
      issuedAtOffsetSeconds: -600,
    });
    await expect(
      client.acquireTokenOnBehalfOf({ oboAssertion: expired.accessToken, scopes }),
    ).rejects.toMatchObject({
      errorCode: "invalid_grant",
      errorMessage: expect.stringContaining("AADSTS500133"),
    });

    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({
      ...decodeJwt(
        (await tenant.issueToken({ user: "adele", audience: "portal-api" })).accessToken,
      ),
    })
      .setProtectedHeader({ alg: "RS256", kid: "forged" })
      .sign(privateKey);
    await expect(
      client.acquireTokenOnBehalfOf({ oboAssertion: forged, scopes }),
    ).rejects.toMatchObject({
      errorCode: "invalid_grant",
      errorMessage: expect.stringContaining("AADSTS50013"),
    });

    const valid = await tenant.issueToken({ user: "adele", audience: "portal-api" });
    await expect(
      client.acquireTokenOnBehalfOf({
        oboAssertion: valid.accessToken,
        scopes: ["https://graph.microsoft.com/Mail.Read"],
      }),
    ).rejects.toMatchObject({ errorCode: "invalid_grant", subError: "consent_required" });

    const answer = await tokenRequest({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      requested_token_use: "on_behalf_of",
      client_id: PORTAL_CLIENT_ID,
      client_secret: `${PORTAL_CLIENT_SECRET}-wrong`,
      assertion: valid.accessToken,
      scope: scopes[0]!,
    });
    expectEntraError(answer.body, "invalid_client", 7000215);
  });

  it("stops refresh and on-behalf-of once the person's sessions are revoked", async () => {
    const { client, result } = await signIn(tenant, "adele", [PORTAL_API_SCOPE, "offline_access"]);
    const response = await fetch(`${tenant.url}/_emulator/users/adele/revoke-sessions`, {
      method: "POST",
    });
    expect(response.status).toBe(200);
    await expect(
      client.acquireTokenSilent({
        account: result.account!,
        scopes: [PORTAL_API_SCOPE],
        forceRefresh: true,
      }),
    ).rejects.toMatchObject({ errorCode: "invalid_grant" });
    await expect(
      confidentialClient(tenant).acquireTokenOnBehalfOf({
        oboAssertion: result.accessToken,
        scopes: ["https://graph.microsoft.com/User.Invite.All"],
      }),
    ).rejects.toMatchObject({
      errorCode: "invalid_grant",
      errorMessage: expect.stringContaining("AADSTS50173"),
    });
  });

  it("accepts a token from a sign-in made right after the revocation, even within the same second", async () => {
    // iat has whole seconds: judged by it alone, this fresh token would look as old as the revoked ones.
    tenant.revokeSessions("adele");
    // A sign-in a moment later (not in the revocation's own millisecond, which counts as revoked).
    const validFrom = Date.parse(tenant.user("adele")!.signInSessionsValidFromDateTime);
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThanOrEqual(validFrom));
    const fresh = await tenant.issueToken({ user: "adele", audience: "portal-api" });
    const obo = await confidentialClient(tenant).acquireTokenOnBehalfOf({
      oboAssertion: fresh.accessToken,
      scopes: ["https://graph.microsoft.com/User.Invite.All"],
    });
    expect(obo?.accessToken).toBeTruthy();
  });
});

describe("authorize endpoint", () => {
  it("shows an accessible sign-in page listing the people", async () => {
    const response = await fetch(authorizeUrl({}));
    const html = await response.text();
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    for (const person of Object.values(PEOPLE)) {
      expect(html).toContain(`value="${person.id}"`);
      expect(html).toContain(person.displayName);
      expect(html).toContain(person.roleDescription);
    }
    expect(html).not.toMatch(/<(link|img|script) [^>]*src=|href="http/);
  });

  it("answers in the fragment, the query or a form post", async () => {
    const fragment = await chooseOnSignInPage(authorizeUrl({ response_mode: "fragment" }), "adele");
    expect(fragment.location.hash).toMatch(/code=.+&state=s-1/);
    const query = await chooseOnSignInPage(authorizeUrl({ response_mode: "query" }), "adele");
    expect(query.location.searchParams.get("state")).toBe("s-1");

    const withClientInfo = await chooseOnSignInPage(authorizeUrl({ client_info: "1" }), "adele");
    const info = JSON.parse(
      Buffer.from(withClientInfo.location.searchParams.get("client_info")!, "base64url").toString(),
    );
    expect(info).toEqual({ uid: PEOPLE.adele.id, utid: TENANT_ID });

    const page = await fetch(
      authorizeUrl({ response_mode: "form_post", login_hint: PEOPLE.adele.userPrincipalName }),
    );
    const html = await page.text();
    expect(html).toContain(`action="${REDIRECT_URI}"`);
    expect(html).toMatch(/name="code" value="[^"]+"/);
    expect(html).toContain('name="state" value="s-1"');
  });

  it("answers prompt=none without UI: login_required without a session, a code with one", async () => {
    const silent = await fetch(authorizeUrl({ prompt: "none", response_mode: "fragment" }), {
      redirect: "manual",
    });
    expect(silent.status).toBe(302);
    const error = answerOf(new URL(silent.headers.get("location")!));
    expect(error.get("error")).toBe("login_required");
    expect(error.get("error_description")).toMatch(/^AADSTS50058:/);
    expect(error.get("state")).toBe("s-1");

    const { cookie } = await chooseOnSignInPage(authorizeUrl({}), "isaiah");
    const renewed = await fetch(authorizeUrl({ prompt: "none", response_mode: "fragment" }), {
      redirect: "manual",
      headers: { cookie: cookie! },
    });
    expect(answerOf(new URL(renewed.headers.get("location")!)).get("code")).toBeTruthy();

    const otherHint = await fetch(
      authorizeUrl({ prompt: "none", login_hint: PEOPLE.adele.userPrincipalName }),
      { redirect: "manual", headers: { cookie: cookie! } },
    );
    expect(answerOf(new URL(otherHint.headers.get("location")!)).get("error")).toBe(
      "login_required",
    );

    tenant.updateSettings({ silentSignInNeedsInteraction: true });
    const mfa = await fetch(authorizeUrl({ prompt: "none" }), {
      redirect: "manual",
      headers: { cookie: cookie! },
    });
    expect(answerOf(new URL(mfa.headers.get("location")!)).get("error")).toBe(
      "interaction_required",
    );

    tenant.updateSettings({ silentSignInNeedsInteraction: false });
    tenant.revokeSessions("isaiah");
    const revoked = await fetch(authorizeUrl({ prompt: "none" }), {
      redirect: "manual",
      headers: { cookie: cookie! },
    });
    expect(answerOf(new URL(revoked.headers.get("location")!)).get("error")).toBe("login_required");
  });

  it("signs the hinted person in directly, reuses the session, and shows the page for select_account", async () => {
    const hinted = await fetch(authorizeUrl({ login_hint: PEOPLE.megan.userPrincipalName }), {
      redirect: "manual",
    });
    expect(hinted.status).toBe(302);
    const cookie = hinted.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const sso = await fetch(authorizeUrl({}), { redirect: "manual", headers: { cookie } });
    expect(sso.status).toBe(302);
    const select = await fetch(authorizeUrl({ prompt: "select_account" }), {
      redirect: "manual",
      headers: { cookie },
    });
    expect(select.status).toBe(200);
    expect(await select.text()).toMatch(new RegExp(`value="${PEOPLE.megan.id}" class="hinted"`));
  });

  it("shows an error page for an unknown client or a foreign redirect URI, and redirects other errors", async () => {
    const unknown = await fetch(
      authorizeUrl({ client_id: "11111111-1111-1111-1111-111111111111" }),
      { redirect: "manual" },
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("AADSTS700016");
    const foreign = await fetch(authorizeUrl({ redirect_uri: "https://evil.example/cb" }), {
      redirect: "manual",
    });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain("AADSTS50011");
    const mixed = await fetch(authorizeUrl({ scope: `${PORTAL_API_SCOPE} User.Read` }), {
      redirect: "manual",
    });
    expect(answerOf(new URL(mixed.headers.get("location")!)).get("error")).toBe("invalid_scope");
  });

  it("signs out: clears the session and returns to the post-logout URI with the state", async () => {
    const { cookie } = await chooseOnSignInPage(authorizeUrl({}), "adele");
    const logout = await fetch(
      `${tenant.url}/${TENANT_ID}/oauth2/v2.0/logout?${new URLSearchParams({ post_logout_redirect_uri: "http://localhost:3000/redirect", state: "bye" })}`,
      { redirect: "manual", headers: { cookie: cookie! } },
    );
    expect(logout.status).toBe(302);
    expect(new URL(logout.headers.get("location")!).searchParams.get("state")).toBe("bye");
    expect(logout.headers.getSetCookie().join(" ")).toMatch(/Max-Age=0/);
    const silent = await fetch(authorizeUrl({ prompt: "none" }), {
      redirect: "manual",
      headers: { cookie: cookie! },
    });
    expect(answerOf(new URL(silent.headers.get("location")!)).get("error")).toBe("login_required");
  });
});
