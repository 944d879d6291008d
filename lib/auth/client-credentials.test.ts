import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SignJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { sendInvitation } from "@/components/invite/actions";
import { selfSignedCertificate } from "@/emulator/test/helpers/self-signed-certificate";
import { resetServerConfig } from "@/lib/config/server-config";
import { captureLog } from "@/test-support/captured-log";
import { setUpActionTests } from "@/test-support/server-action-test-environment";

// The portal's own credential on the on-behalf-of exchange, against the local tenant in process: a
// certificate (PEM file) and a federated token file, as many tenants require instead of secrets.

const local = setUpActionTests("client-credentials");
const folder = mkdtempSync(path.join(tmpdir(), "portal-credentials-"));
const CREDENTIAL_VARIABLES = [
  "ENTRA_CLIENT_SECRET",
  "ENTRA_CLIENT_CERTIFICATE_PATH",
  "ENTRA_CLIENT_ASSERTION_FILE",
] as const;

function useCredential(variable: (typeof CREDENTIAL_VARIABLES)[number], value: string): void {
  for (const name of CREDENTIAL_VARIABLES) delete process.env[name];
  process.env[variable] = value;
  resetServerConfig();
}

afterEach(() => {
  for (const name of CREDENTIAL_VARIABLES) delete process.env[name];
  resetServerConfig();
  local.tenant.updateSettings({
    clientCertificates: [],
    federatedCredentials: [],
    clientSecretStatus: "valid",
  });
});

async function invite(user = "adele") {
  return sendInvitation(await local.tokenFor(user), {
    values: {
      email: `guest.${crypto.randomUUID()}@fabrikam.com`,
      redirectUrl: "https://myapps.microsoft.com",
      userType: "Guest",
      sendInvitationMessage: false,
      sponsors: [],
    },
    idempotencyKey: crypto.randomUUID(),
  });
}

describe("a certificate credential", () => {
  it("signs the client assertion with the PEM file's key; Entra matches its SHA-256 thumbprint", async () => {
    const certificate = selfSignedCertificate();
    const file = path.join(folder, "portal.pem");
    writeFileSync(file, `${certificate.privateKeyPem}\n${certificate.pem}\n`);
    // Refuse the secret, so only the certificate can pass.
    local.tenant.updateSettings({
      clientCertificates: [certificate.pem],
      clientSecretStatus: "invalid",
    });
    useCredential("ENTRA_CLIENT_CERTIFICATE_PATH", file);

    const result = await invite();
    expect(result).toMatchObject({ ok: true, data: { status: "PendingAcceptance" } });
    const token = local.tenant.requests({ pathPrefix: `/${local.tenant.tenantId}/oauth2` }).at(-1);
    expect(token?.status).toBe(200);
  });

  it("an unregistered certificate is the portal's misconfiguration, logged once", async () => {
    const log = captureLog();
    const certificate = selfSignedCertificate({ commonName: "not registered" });
    const file = path.join(folder, "unregistered.pem");
    writeFileSync(file, `${certificate.pem}\n${certificate.privateKeyPem}\n`);
    useCredential("ENTRA_CLIENT_CERTIFICATE_PATH", file);

    expect(await invite()).toEqual({ ok: false, error: { code: "portal_misconfigured" } });
    expect(await invite("megan")).toEqual({ ok: false, error: { code: "portal_misconfigured" } });
    const logged = log.lines.filter((line) => line.aadsts === 700027);
    expect(logged).toEqual([expect.objectContaining({ level: 50, errorCode: "invalid_client" })]);
    expect(log.text()).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY|eyJ[\w-]{2,}\.[\w-]{2,}\./);
  });
});

describe("a federated credential", () => {
  const ISSUER = "https://oidc.prod-aks.azure.example/contoso/";
  const SUBJECT = "system:serviceaccount:portal:guest-invitations";
  const AUDIENCE = "api://AzureADTokenExchange";
  const trusted = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const federatedToken = (key: KeyObject) =>
    new SignJWT({ iss: ISSUER, sub: SUBJECT, aud: AUDIENCE })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(key);

  it("reads the token file, and reads it again when workload identity replaces it", async () => {
    captureLog();
    local.tenant.updateSettings({
      clientSecretStatus: "invalid",
      federatedCredentials: [
        {
          issuer: ISSUER,
          subject: SUBJECT,
          audiences: [AUDIENCE],
          publicKeyPem: trusted.publicKey.export({ type: "spki", format: "pem" }).toString(),
        },
      ],
    });
    const file = path.join(folder, "azure-identity-token");
    writeFileSync(file, await federatedToken(stranger.privateKey));
    useCredential("ENTRA_CLIENT_ASSERTION_FILE", file);
    expect(await invite()).toEqual({ ok: false, error: { code: "portal_misconfigured" } });

    writeFileSync(file, await federatedToken(trusted.privateKey));
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    expect(await invite("megan")).toMatchObject({
      ok: true,
      data: { status: "PendingAcceptance" },
    });
  });
});

describe("a client secret", () => {
  it("that expired is the portal's misconfiguration, not an internal error", async () => {
    captureLog();
    local.tenant.updateSettings({ clientSecretStatus: "expired" });
    useCredential("ENTRA_CLIENT_SECRET", "local-tenant-secret-not-for-production");
    expect(await invite()).toEqual({ ok: false, error: { code: "portal_misconfigured" } });
  });
});
