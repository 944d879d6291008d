import {
  ConfidentialClientApplication,
  CryptoProvider,
  PublicClientApplication,
  type Configuration,
} from "@azure/msal-node";
import {
  PORTAL_CLIENT_ID,
  PORTAL_CLIENT_SECRET,
  PEOPLE,
  type PersonKey,
} from "../../src/constants";
import { startLocalTenant, type LocalTenant, type LocalTenantOptions } from "../../src/index";

export const REDIRECT_URI = "http://localhost:3000/redirect";

/** A local tenant on a random port with the minimal seed, as the tests want it. */
export function startTestTenant(options: LocalTenantOptions = {}): Promise<LocalTenant> {
  return startLocalTenant({ port: 0, seed: "minimal", ...options });
}

function msalConfiguration(tenant: LocalTenant, secret: boolean): Configuration {
  return {
    auth: {
      clientId: PORTAL_CLIENT_ID,
      ...(secret ? { clientSecret: PORTAL_CLIENT_SECRET } : {}),
      authority: tenant.authority,
      // The https authority is never contacted: MSAL takes the local endpoints from this metadata (docs/graph-behaviour.md#authority-and-discovery).
      knownAuthorities: ["login.local-tenant.invalid"],
      authorityMetadata: tenant.authorityMetadata,
    },
  };
}

export const publicClient = (tenant: LocalTenant) =>
  new PublicClientApplication(msalConfiguration(tenant, false));
export const confidentialClient = (tenant: LocalTenant) =>
  new ConfidentialClientApplication(msalConfiguration(tenant, true));

/** The authorize step a browser would do: open the URL, pick the person on the sign-in page, follow to the redirect URI. */
export async function chooseOnSignInPage(
  authorizeUrl: string,
  person: PersonKey,
  cookie?: string,
): Promise<{ location: URL; cookie: string | undefined; page: string }> {
  const page = await fetch(authorizeUrl, { redirect: "manual", headers: cookie ? { cookie } : {} });
  if (page.status === 302) {
    return { location: new URL(page.headers.get("location") ?? ""), cookie, page: "" };
  }
  const html = await page.text();
  const transaction = /name="transaction" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!transaction || !action) throw new Error(`No sign-in form in: ${html.slice(0, 500)}`);
  const chosen = await fetch(new URL(action, authorizeUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ transaction, account: PEOPLE[person].id }).toString(),
  });
  if (chosen.status !== 302)
    throw new Error(`Sign-in answered ${chosen.status}: ${await chosen.text()}`);
  const setCookie = chosen.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  return {
    location: new URL(chosen.headers.get("location") ?? ""),
    cookie: setCookie || cookie,
    page: html,
  };
}

/** The parameters of an authorization answer, from the query or the fragment. */
export function answerOf(location: URL): URLSearchParams {
  return location.hash ? new URLSearchParams(location.hash.slice(1)) : location.searchParams;
}

/** Signs a person in with authorization code + PKCE through msal-node and returns MSAL's result. */
export async function signIn(
  tenant: LocalTenant,
  person: PersonKey,
  scopes: string[] = [`api://${PORTAL_CLIENT_ID}/access_as_user`],
) {
  const client = publicClient(tenant);
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const url = await client.getAuthCodeUrl({
    scopes,
    redirectUri: REDIRECT_URI,
    codeChallenge: challenge,
    codeChallengeMethod: "S256",
    state: "state-123",
  });
  const { location } = await chooseOnSignInPage(url, person);
  const code = answerOf(location).get("code");
  if (!code) throw new Error(`No code in ${location.toString()}`);
  const result = await client.acquireTokenByCode({
    code,
    scopes,
    redirectUri: REDIRECT_URI,
    codeVerifier: verifier,
  });
  return { client, result };
}

/** A Graph token for `person` through the portal's real path: sign-in for the API scope, then on-behalf-of. */
export async function graphTokenFor(
  tenant: LocalTenant,
  person: PersonKey,
  permissions: string[],
): Promise<string> {
  const { result } = await signIn(tenant, person);
  const obo = await confidentialClient(tenant).acquireTokenOnBehalfOf({
    oboAssertion: result.accessToken,
    scopes: permissions.map((permission) => `https://graph.microsoft.com/${permission}`),
  });
  if (!obo) throw new Error("No on-behalf-of result");
  return obo.accessToken;
}
