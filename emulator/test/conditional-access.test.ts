import { CryptoProvider } from "@azure/msal-node";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  PEOPLE,
  PORTAL_API_SCOPE,
  PORTAL_CLIENT_SECRET,
  type LocalTenant,
  type PersonKey,
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
import { expectEntraError, oboFields, tokenRequest } from "./helpers/token-endpoint";

const GRAPH_INVITE = "https://graph.microsoft.com/User.Invite.All";
const SIGN_IN_SCOPES = [PORTAL_API_SCOPE, "offline_access"];

let tenant: LocalTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset("minimal"));

/** The code flow through msal-node, optionally with a claims request, a session cookie and a prompt. */
async function codeFlow(
  person: PersonKey,
  options: { claims?: string; cookie?: string; prompt?: string } = {},
) {
  const client = publicClient(tenant);
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const url = await client.getAuthCodeUrl({
    scopes: SIGN_IN_SCOPES,
    redirectUri: REDIRECT_URI,
    codeChallenge: challenge,
    codeChallengeMethod: "S256",
    ...(options.claims ? { claims: options.claims } : {}),
    ...(options.prompt ? { prompt: options.prompt } : {}),
  });
  const { location, cookie } = await chooseOnSignInPage(url, person, options.cookie);
  const answer = answerOf(location);
  const code = answer.get("code");
  if (!code) return { client, answer, cookie, result: undefined };
  const result = await client.acquireTokenByCode({
    code,
    scopes: SIGN_IN_SCOPES,
    redirectUri: REDIRECT_URI,
    codeVerifier: verifier,
  });
  return { client, answer, cookie, result };
}

const obo = (assertion: string) =>
  tokenRequest(tenant, oboFields(assertion, GRAPH_INVITE, PORTAL_CLIENT_SECRET));

describe("Conditional Access: MFA required for Microsoft Graph", () => {
  it("answers the on-behalf-of request with AADSTS50076 and a capolids claims challenge", async () => {
    tenant.setConditionalAccess("adele", "mfa");
    const { result } = await signIn(tenant, "adele");
    await expect(
      confidentialClient(tenant).acquireTokenOnBehalfOf({
        oboAssertion: result.accessToken,
        scopes: [GRAPH_INVITE],
      }),
    ).rejects.toMatchObject({
      errorCode: "invalid_grant",
      subError: "basic_action",
      claims: expect.stringContaining("capolids"),
    });
    const answer = await obo(result.accessToken);
    expectEntraError(answer, 400, "invalid_grant", 50076);
    expect(answer.body.error_description).toContain(
      "you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'",
    );
    expect(answer.body.suberror).toBe("basic_action");
    expect(JSON.parse(String(answer.body.claims))).toEqual({
      access_token: {
        capolids: { essential: true, values: [tenant.settings().conditionalAccessPolicyId] },
      },
    });
    // The portal's own API is not under the policy: only Graph is.
    expect(decodeJwt(result.accessToken).scp).toBe("access_as_user");

    tenant.updateSettings({ mfaChallengeError: "interaction_required" });
    const documented = await obo(result.accessToken);
    expectEntraError(documented, 400, "interaction_required", 50076);
    expect(documented.body.suberror).toBeUndefined();
    expect(typeof documented.body.claims).toBe("string");
  });

  it("accepts the assertion of a sign-in that answered the claims challenge, and keeps it on renewal", async () => {
    tenant.setConditionalAccess("adele", "mfa");
    const plain = await codeFlow("adele");
    const challenge = String((await obo(plain.result!.accessToken)).body.claims);

    const stepped = await codeFlow("adele", { claims: challenge });
    const graph = await confidentialClient(tenant).acquireTokenOnBehalfOf({
      oboAssertion: stepped.result!.accessToken,
      scopes: [GRAPH_INVITE],
    });
    expect(decodeJwt(graph!.accessToken)).toMatchObject({
      oid: PEOPLE.adele.id,
      amr: ["pwd", "mfa"],
    });

    const renewed = await stepped.client.acquireTokenSilent({
      account: stepped.result!.account!,
      scopes: [PORTAL_API_SCOPE],
      forceRefresh: true,
    });
    expect((await obo(renewed.accessToken)).status).toBe(200);

    // A renewal of the password-only sign-in stays password-only, and cannot be stepped up silently.
    const plainRenewed = await plain.client.acquireTokenSilent({
      account: plain.result!.account!,
      scopes: [PORTAL_API_SCOPE],
      forceRefresh: true,
    });
    expectEntraError(await obo(plainRenewed.accessToken), 400, "invalid_grant", 50076);
    await expect(
      plain.client.acquireTokenSilent({
        account: plain.result!.account!,
        scopes: [PORTAL_API_SCOPE],
        claims: challenge,
      }),
    ).rejects.toMatchObject({ errorCode: "interaction_required" });
  });

  it("remembers MFA in the session for silent sign-in, and cannot do MFA silently", async () => {
    tenant.setConditionalAccess("isaiah", "mfa");
    const plain = await codeFlow("isaiah");
    const claims = String((await obo(plain.result!.accessToken)).body.claims);
    const silentStepUp = await codeFlow("isaiah", {
      claims,
      cookie: plain.cookie!,
      prompt: "none",
    });
    expect(silentStepUp.answer.get("error")).toBe("interaction_required");
    expect(silentStepUp.answer.get("error_description")).toMatch(/^AADSTS50076:/);
    expect(silentStepUp.answer.get("claims")).toBe(claims);

    const stepped = await codeFlow("isaiah", { claims, cookie: plain.cookie! });
    expect((await obo(stepped.result!.accessToken)).status).toBe(200);
    const silent = await codeFlow("isaiah", { cookie: plain.cookie!, prompt: "none" });
    expect((await obo(silent.result!.accessToken)).status).toBe(200);
  });

  it("lets minted tokens carry MFA, and keeps acrs asked for in the claims request", async () => {
    tenant.setConditionalAccess("lee", "mfa");
    const weak = await tenant.issueToken({ user: "lee", audience: "portal-api" });
    expectEntraError(await obo(weak.accessToken), 400, "invalid_grant", 50076);
    const strong = await tenant.issueToken({ user: "lee", audience: "portal-api", mfa: true });
    expect((await obo(strong.accessToken)).status).toBe(200);
    const minted = await fetch(`${tenant.url}/_emulator/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: "lee", audience: "portal-api", mfa: true }),
    });
    const { access_token } = (await minted.json()) as { access_token: string };
    expect((await obo(access_token)).status).toBe(200);

    const withContext = await codeFlow("lee", {
      claims: JSON.stringify({ access_token: { acrs: { essential: true, value: "c1" } } }),
    });
    expect(decodeJwt(withContext.result!.accessToken).acrs).toEqual(["c1"]);
    const graph = await obo(withContext.result!.accessToken);
    expect(decodeJwt(String(graph.body.access_token))).toMatchObject({ acrs: ["c1"] });
  });
});

describe("Conditional Access: blocked", () => {
  it("refuses on-behalf-of, refresh and silent sign-in with AADSTS53003, and shows Entra's block page", async () => {
    const { client, result } = await signIn(tenant, "megan", SIGN_IN_SCOPES);
    const { cookie } = await codeFlow("megan");
    tenant.setConditionalAccess(PEOPLE.megan.userPrincipalName, "blocked");

    const answer = await obo(result.accessToken);
    expectEntraError(answer, 400, "invalid_grant", 53003);
    expect(answer.body.error_description).toMatch(
      /^AADSTS53003: Access has been blocked by Conditional Access policies\. The access policy does not allow token issuance\./,
    );
    expect(answer.body.suberror).toBe("message_only");
    expect(String(answer.body.claims)).toContain("capolids");

    await expect(
      client.acquireTokenSilent({
        account: result.account!,
        scopes: [PORTAL_API_SCOPE],
        forceRefresh: true,
      }),
    ).rejects.toMatchObject({ errorCode: "invalid_grant", subError: "message_only" });

    const silent = await codeFlow("megan", { cookie: cookie!, prompt: "none" });
    expect(silent.answer.get("error")).toBe("interaction_required");
    expect(silent.answer.get("error_description")).toMatch(/^AADSTS53003:/);

    const url = await publicClient(tenant).getAuthCodeUrl({
      scopes: SIGN_IN_SCOPES,
      redirectUri: REDIRECT_URI,
      loginHint: PEOPLE.megan.userPrincipalName,
    });
    const page = await fetch(url, { redirect: "manual" });
    expect(page.status).toBe(200);
    expect(page.headers.get("location")).toBeNull();
    const html = await page.text();
    expect(html).toContain("You cannot access this right now");
    expect(html).toContain("53003");

    tenant.setConditionalAccess("megan", "none");
    expect((await obo(result.accessToken)).status).toBe(200);
  });
});

describe("Conditional Access through the control API", () => {
  it("sets a person's policy, validates it, and forgets it on reset", async () => {
    const put = (person: string, body: unknown) =>
      fetch(`${tenant.url}/_emulator/users/${person}/conditional-access`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await put("pradeep", { policy: "mfa" })).status).toBe(200);
    expect(tenant.settings().conditionalAccess).toEqual({ [PEOPLE.pradeep.id]: "mfa" });
    expect((await put("pradeep", { policy: "sometimes" })).status).toBe(400);
    expect((await put("nobody", { policy: "mfa" })).status).toBe(404);
    const patch = await fetch(`${tenant.url}/_emulator/settings`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ conditionalAccess: { adele: "maybe" }, mfaChallengeError: "x" }),
    });
    expect(patch.status).toBe(400);
    expect(((await patch.json()) as { error: string }).error).toMatch(
      /conditionalAccess\.adele must be one of.*mfaChallengeError must be one of/,
    );
    tenant.reset();
    expect(tenant.settings().conditionalAccess).toEqual({});
  });
});
