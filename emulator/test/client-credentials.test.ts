import { generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { decodeJwt, exportJWK, SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PORTAL_CLIENT_ID, PORTAL_CLIENT_SECRET, type LocalTenant } from "../src/index";
import { startTestTenant } from "./helpers/local-tenant";
import { selfSignedCertificate } from "./helpers/self-signed-certificate";
import {
  confidentialClientWith,
  expectEntraError,
  oboFields,
  tokenRequest,
} from "./helpers/token-endpoint";

const GRAPH_SCOPE = "https://graph.microsoft.com/User.Invite.All";
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const EXCHANGE = "api://AzureADTokenExchange";
const ISSUER = "https://token.actions.githubusercontent.example";
const SUBJECT = "repo:contoso/portal:environment:production";

let tenant: LocalTenant;
let userAssertion: string;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(async () => {
  tenant.reset("minimal");
  userAssertion = (await tenant.issueToken({ user: "adele", audience: "portal-api" })).accessToken;
});

const tokenEndpoint = () => `${tenant.url}/${tenant.tenantId}/oauth2/v2.0/token`;
const oboWith = (client: ReturnType<typeof confidentialClientWith>) =>
  client.acquireTokenOnBehalfOf({ oboAssertion: userAssertion, scopes: [GRAPH_SCOPE] });

/** An on-behalf-of request authenticated with this client assertion. */
function oboWithAssertion(clientAssertion: string) {
  const { client_secret: _secret, ...fields } = oboFields(userAssertion, GRAPH_SCOPE, "");
  return tokenRequest(tenant, {
    ...fields,
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: clientAssertion,
  });
}

describe("client secrets", () => {
  it("answers an expired secret with AADSTS7000222 and a refused one with AADSTS7000215", async () => {
    tenant.updateSettings({ clientSecretStatus: "expired" });
    await expect(
      oboWith(confidentialClientWith(tenant, { clientSecret: PORTAL_CLIENT_SECRET })),
    ).rejects.toMatchObject({
      errorCode: "invalid_client",
      errorMessage: expect.stringContaining("AADSTS7000222"),
    });
    const expired = await tokenRequest(
      tenant,
      oboFields(userAssertion, GRAPH_SCOPE, PORTAL_CLIENT_SECRET),
    );
    expectEntraError(expired, 401, "invalid_client", 7000222);
    expect(expired.body.error_description).toContain(
      `The provided client secret keys for app '${PORTAL_CLIENT_ID}' are expired.`,
    );
    const wrong = await tokenRequest(
      tenant,
      oboFields(userAssertion, GRAPH_SCOPE, "not-the-secret"),
    );
    expectEntraError(wrong, 401, "invalid_client", 7000215);

    tenant.updateSettings({ clientSecretStatus: "invalid" });
    const invalid = await tokenRequest(
      tenant,
      oboFields(userAssertion, GRAPH_SCOPE, PORTAL_CLIENT_SECRET),
    );
    expectEntraError(invalid, 401, "invalid_client", 7000215);
    expect(invalid.body.error_description).toContain("Invalid client secret provided.");
  });
});

describe("certificate credentials", () => {
  const certificate = selfSignedCertificate();
  const other = selfSignedCertificate({ commonName: "not registered" });
  const credential = (cert: typeof certificate) => ({
    clientCertificate: {
      thumbprintSha256: cert.thumbprintSha256,
      privateKey: cert.privateKeyPem,
      x5c: cert.pem,
    },
  });
  const header = (cert: typeof certificate) => ({
    alg: "PS256",
    typ: "JWT",
    "x5t#S256": Buffer.from(cert.thumbprintSha256, "hex").toString("base64url"),
  });
  const assertion = (
    claims: Record<string, unknown>,
    options: { cert?: typeof certificate; key?: KeyObject } = {},
  ) =>
    new SignJWT({
      aud: tokenEndpoint(),
      iss: PORTAL_CLIENT_ID,
      sub: PORTAL_CLIENT_ID,
      jti: randomUUID(),
      nbf: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 600,
      ...claims,
    })
      .setProtectedHeader(header(options.cert ?? certificate))
      .sign(options.key ?? (options.cert ?? certificate).privateKey);

  it("authenticates msal-node's clientCertificate against a registered certificate", async () => {
    tenant.updateSettings({ clientCertificates: [certificate.pem] });
    const result = await oboWith(confidentialClientWith(tenant, credential(certificate)));
    expect(decodeJwt(result!.accessToken).scp).toBe("User.Invite.All");

    const unknown = await oboWithAssertion(await assertion({}, { cert: other }));
    expectEntraError(unknown, 401, "invalid_client", 700027);
    expect(unknown.body.error_description).toContain(
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${other.thumbprintSha256.toUpperCase()}'`,
    );
    await expect(oboWith(confidentialClientWith(tenant, credential(other)))).rejects.toMatchObject({
      errorCode: "invalid_client",
      errorMessage: expect.stringContaining("AADSTS700027"),
    });
  });

  it("checks the signature, issuer, audience, lifetime and jti of the assertion", async () => {
    tenant.updateSettings({ clientCertificates: [certificate.pem] });
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [
        { aud: "https://login.microsoftonline.com/elsewhere/oauth2/v2.0/token" },
        700023,
        /audience claim does not match/,
      ],
      [
        { iss: "someone-else", sub: "someone-else" },
        700021,
        /application identifier doesn't match/,
      ],
      [{ exp: Math.floor(Date.now() / 1000) - 60 }, 700024, /not within its valid time range/],
      [{ jti: undefined }, 50027, /no 'jti' claim/],
    ];
    for (const [claims, code, text] of cases) {
      const answer = await oboWithAssertion(await assertion(claims));
      expectEntraError(answer, 401, "invalid_client", code);
      expect(answer.body.error_description).toMatch(text);
    }
    const forged = await oboWithAssertion(await assertion({}, { key: other.privateKey }));
    expectEntraError(forged, 401, "invalid_client", 700027);
    expect(forged.body.error_description).toMatch(
      /^AADSTS700027: Client assertion failed signature validation\./,
    );
    const alsoOnPortalToken = await tokenRequest(tenant, {
      grant_type: "refresh_token",
      client_id: PORTAL_CLIENT_ID,
      refresh_token: "x",
      client_assertion_type: "urn:example:other",
      client_assertion: await assertion({}),
    });
    expect(alsoOnPortalToken.body.error).toBe("invalid_request");
  });

  it("refuses an expired registered certificate and bad PEM in the settings", async () => {
    const expired = selfSignedCertificate({
      notBefore: new Date(Date.now() - 2 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    tenant.updateSettings({ clientCertificates: [expired.pem] });
    const answer = await oboWithAssertion(await assertion({}, { cert: expired }));
    expectEntraError(answer, 401, "invalid_client", 700027);
    expect(answer.body.error_description).toMatch(
      /Reason - The key used is expired\., .+ Found key 'Start=\d\d\/\d\d\/\d{4} /,
    );
    const patch = await fetch(`${tenant.url}/_emulator/settings`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        clientCertificates: ["-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----"],
      }),
    });
    expect(patch.status).toBe(400);
  });
});

describe("federated credentials", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const external = (claims: Record<string, unknown> = {}, key: KeyObject = privateKey) =>
    new SignJWT({ iss: ISSUER, sub: SUBJECT, aud: EXCHANGE, ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "external-1" })
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(key);
  const fic = { issuer: ISSUER, subject: SUBJECT, audiences: [EXCHANGE] };

  it("accepts a token from a trusted issuer as msal-node's clientAssertion, by key or JWKS", async () => {
    tenant.updateSettings({ federatedCredentials: [{ ...fic, publicKeyPem }] });
    const byCallback = await oboWith(
      confidentialClientWith(tenant, { clientAssertion: () => external() }),
    );
    expect(decodeJwt(byCallback!.accessToken).oid).toBe(decodeJwt(userAssertion).oid);

    const jwk = { ...(await exportJWK(publicKey)), kid: "external-1", alg: "RS256", use: "sig" };
    tenant.updateSettings({ federatedCredentials: [{ ...fic, jwks: { keys: [jwk] } }] });
    const byString = await oboWith(
      confidentialClientWith(tenant, { clientAssertion: await external() }),
    );
    expect(byString!.accessToken).toBeTruthy();
  });

  it("names the issuer, audience or subject that matches no credential", async () => {
    expectEntraError(await oboWithAssertion(await external()), 401, "invalid_client", 70025);
    tenant.updateSettings({ federatedCredentials: [{ ...fic, publicKeyPem }] });
    const cases: [Record<string, unknown>, number, string][] = [
      [{ iss: "https://elsewhere.example" }, 700211, "issuer 'https://elsewhere.example'"],
      [
        { aud: "api://AzureADTokenExchangeChina" },
        700212,
        "audience 'api://AzureADTokenExchangeChina'",
      ],
      [
        { sub: "repo:Contoso/portal:environment:production" },
        700213,
        "subject 'repo:Contoso/portal",
      ],
    ];
    for (const [claims, code, text] of cases) {
      const answer = await oboWithAssertion(await external(claims));
      expectEntraError(answer, 400, "invalid_request", code);
      expect(answer.body.error_description).toContain(
        `No matching federated identity record found for presented assertion ${text}`,
      );
    }
    const { privateKey: stranger } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    expectEntraError(
      await oboWithAssertion(await external({}, stranger)),
      401,
      "invalid_client",
      700027,
    );
    const patch = await fetch(`${tenant.url}/_emulator/settings`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ federatedCredentials: [{ issuer: ISSUER, subject: SUBJECT }] }),
    });
    expect(patch.status).toBe(400);
  });
});
