import { CryptoProvider, PublicClientApplication } from "@azure/msal-node";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PORTAL_API_SCOPE,
  PORTAL_CLIENT_ID,
  PORTAL_CLIENT_SECRET,
  type LocalTenant,
} from "../src/index";
import { callGraph, expectSuccess, graphClient } from "./helpers/graph-client";
import {
  REDIRECT_URI,
  answerOf,
  chooseOnSignInPage,
  startTestTenant,
} from "./helpers/local-tenant";
import {
  confidentialClientWith,
  expectEntraError,
  oboFields,
  tokenRequest,
} from "./helpers/token-endpoint";

// China's cloud: sign-in at login.chinacloudapi.cn, tokens issued by login.partner.microsoftonline.cn.
const CHINA = {
  authorityHost: "login.chinacloudapi.cn",
  issuerHost: "login.partner.microsoftonline.cn",
  graphHost: "microsoftgraph.chinacloudapi.cn",
};

let tenant: LocalTenant;
beforeAll(async () => {
  tenant = await startTestTenant({ settings: CHINA });
});
afterAll(() => tenant.close());

async function signInToPortalApi(): Promise<string> {
  const client = new PublicClientApplication({
    auth: {
      clientId: PORTAL_CLIENT_ID,
      authority: tenant.authority,
      knownAuthorities: [CHINA.authorityHost],
      authorityMetadata: tenant.authorityMetadata,
    },
  });
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const url = await client.getAuthCodeUrl({
    scopes: [PORTAL_API_SCOPE],
    redirectUri: REDIRECT_URI,
    codeChallenge: challenge,
    codeChallengeMethod: "S256",
  });
  const { location } = await chooseOnSignInPage(url, "adele");
  const result = await client.acquireTokenByCode({
    code: answerOf(location).get("code")!,
    scopes: [PORTAL_API_SCOPE],
    redirectUri: REDIRECT_URI,
    codeVerifier: verifier,
  });
  return result.accessToken;
}

describe("a national cloud: authority, issuer and Graph hosts that differ", () => {
  it("publishes the cloud's issuer and Graph host in discovery and signs tokens with that issuer", async () => {
    expect(tenant.authority).toBe(`https://${CHINA.authorityHost}/${tenant.tenantId}`);
    const response = await fetch(
      `${tenant.url}/${tenant.tenantId}/v2.0/.well-known/openid-configuration`,
    );
    const discovery = (await response.json()) as Record<string, string>;
    expect(discovery.issuer).toBe(`https://${CHINA.issuerHost}/${tenant.tenantId}/v2.0`);
    expect(discovery.msgraph_host).toBe(CHINA.graphHost);
    expect(JSON.parse(tenant.authorityMetadata).issuer).toBe(discovery.issuer);

    const accessToken = await signInToPortalApi();
    const { payload } = await jwtVerify(
      accessToken,
      createRemoteJWKSet(new URL(discovery.jwks_uri!)),
      {
        issuer: discovery.issuer,
        audience: PORTAL_CLIENT_ID,
      },
    );
    expect(payload.scp).toBe("access_as_user");
  });

  it("answers {graph host}/.default on behalf of the user, and refuses the public cloud's Graph", async () => {
    const accessToken = await signInToPortalApi();
    const result = await confidentialClientWith(tenant, {
      clientSecret: PORTAL_CLIENT_SECRET,
    }).acquireTokenOnBehalfOf({
      oboAssertion: accessToken,
      scopes: [`https://${CHINA.graphHost}/.default`],
    });
    expect(result!.scopes).toContain(`https://${CHINA.graphHost}/User.Invite.All`);
    expect(String(decodeJwt(result!.accessToken).scp).split(" ")).toContain("User.Invite.All");
    const me = await callGraph(graphClient(tenant, result!.accessToken), "/me?$select=id");
    expect(expectSuccess(me, 200, "microsoft.graph.user").id).toBe(decodeJwt(accessToken).oid);

    const publicGraph = await tokenRequest(
      tenant,
      oboFields(accessToken, "https://graph.microsoft.com/.default", PORTAL_CLIENT_SECRET),
    );
    expectEntraError(publicGraph, 400, "invalid_resource", 500011);
    expect(publicGraph.body.error_description).toMatch(
      /^AADSTS500011: The resource principal named https:\/\/graph\.microsoft\.com was not found in the tenant named contoso\.onmicrosoft\.com\./,
    );
  });

  it("follows a change of cloud at run time and validates host settings", async () => {
    tenant.updateSettings({
      authorityHost: "login.microsoftonline.us",
      issuerHost: null,
      graphHost: "graph.microsoft.us",
    });
    expect(tenant.authority).toBe(`https://login.microsoftonline.us/${tenant.tenantId}`);
    expect(JSON.parse(tenant.authorityMetadata).issuer).toBe(
      `https://login.microsoftonline.us/${tenant.tenantId}/v2.0`,
    );
    const patch = await fetch(`${tenant.url}/_emulator/settings`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ issuerHost: "https://with-scheme.example/" }),
    });
    expect(patch.status).toBe(400);
    tenant.reset();
    expect(tenant.authority).toBe(`https://${CHINA.authorityHost}/${tenant.tenantId}`);
  });
});
