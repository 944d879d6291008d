import { createPublicKey } from "node:crypto";
import {
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JSONWebKeySet,
  type JWTPayload,
} from "jose";
import type { FederatedCredential } from "../settings";
import { clientAuthErrors } from "./client-auth-errors";
import { registeredCertificates } from "./client-certificates";

export type AssertionCheck = {
  clientId: string;
  appName: string;
  /** Accepted `aud` values of a certificate assertion: this token endpoint, under any of its names. */
  audiences: string[];
  certificates: readonly string[];
  federatedCredentials: readonly FederatedCredential[];
};

const SIGNING_ALGORITHMS = ["RS256", "PS256", "RS384", "PS384", "RS512", "PS512", "ES256", "ES384"];
/** Entra tolerates some clock skew on `nbf`; five minutes as most identity providers. */
const SKEW_SECONDS = 300;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const asHex = (base64url: string) =>
  Buffer.from(base64url, "base64url").toString("hex").toUpperCase();
const audiencesOf = (payload: JWTPayload) =>
  (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).filter(
    (audience): audience is string => typeof audience === "string",
  );

/** Entra prints key validity as `MM/dd/yyyy HH:mm:ss` (UTC). */
function usDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()} ${date.toISOString().slice(11, 19)}`;
}

function assertWithinValidity(payload: JWTPayload): void {
  const now = nowSeconds();
  if (
    typeof payload.exp !== "number" ||
    payload.exp <= now ||
    (typeof payload.nbf === "number" && payload.nbf > now + SKEW_SECONDS)
  ) {
    throw clientAuthErrors.outsideValidity(now, payload.nbf, payload.exp);
  }
}

async function verifySignature(
  assertion: string,
  key: Parameters<typeof compactVerify>[1],
): Promise<void> {
  try {
    await compactVerify(assertion, key, { algorithms: SIGNING_ALGORITHMS });
  } catch {
    throw clientAuthErrors.badSignature();
  }
}

/** `private_key_jwt` with a registered certificate: msal-node's `clientCertificate` (x5t#S256 header). */
async function verifyCertificateAssertion(
  assertion: string,
  header: Record<string, unknown>,
  payload: JWTPayload,
  check: AssertionCheck,
): Promise<void> {
  const sha256 = typeof header["x5t#S256"] === "string" ? asHex(header["x5t#S256"]) : null;
  const sha1 = typeof header.x5t === "string" ? asHex(header.x5t) : null;
  const shown = sha1 ?? sha256 ?? "";
  const certificate = registeredCertificates(check.certificates).find(
    (candidate) => candidate.sha256 === sha256 || candidate.sha1 === sha1,
  );
  if (!certificate) throw clientAuthErrors.unknownCertificate(check.clientId, shown);
  const now = new Date();
  if (certificate.validTo < now || certificate.validFrom > now) {
    throw clientAuthErrors.expiredCertificate(
      check.clientId,
      shown,
      usDate(certificate.validFrom),
      usDate(certificate.validTo),
    );
  }
  await verifySignature(assertion, certificate.publicKey);
  const clientId = check.clientId.toLowerCase();
  if (
    String(payload.iss).toLowerCase() !== clientId ||
    String(payload.sub).toLowerCase() !== clientId
  )
    throw clientAuthErrors.wrongApplication();
  const accepted = check.audiences.map((audience) => audience.toLowerCase());
  if (!audiencesOf(payload).some((audience) => accepted.includes(audience.toLowerCase())))
    throw clientAuthErrors.wrongAudience();
  assertWithinValidity(payload);
  // Our wording: Entra requires jti (certificate-credentials doc) but no capture of the refusal.
  if (typeof payload.jti !== "string" || payload.jti === "") throw clientAuthErrors.missingJwtId();
}

/** A token from a trusted external issuer (workload identity federation), matched exactly and case-sensitively. */
async function verifyFederatedAssertion(
  assertion: string,
  payload: JWTPayload,
  check: AssertionCheck,
): Promise<void> {
  if (check.federatedCredentials.length === 0)
    throw clientAuthErrors.noFederatedCredentials(check.clientId, check.appName);
  const issuer = String(payload.iss ?? "");
  const audiences = audiencesOf(payload);
  const byIssuer = check.federatedCredentials.filter((credential) => credential.issuer === issuer);
  if (byIssuer.length === 0) throw clientAuthErrors.federatedIssuer(issuer);
  const byAudience = byIssuer.filter((credential) =>
    credential.audiences.some((audience) => audiences.includes(audience)),
  );
  if (byAudience.length === 0) throw clientAuthErrors.federatedAudience(audiences[0] ?? "");
  const subject = String(payload.sub ?? "");
  const credential = byAudience.find((candidate) => candidate.subject === subject);
  if (!credential) throw clientAuthErrors.federatedSubject(subject);
  if (credential.jwks)
    await verifySignature(assertion, createLocalJWKSet(credential.jwks as JSONWebKeySet));
  else if (credential.publicKeyPem)
    await verifySignature(assertion, createPublicKey(credential.publicKeyPem));
  else throw clientAuthErrors.badSignature();
  assertWithinValidity(payload);
}

/** Checks a `client_assertion`: a certificate assertion names its certificate (x5t), anything else is federated. */
export async function verifyClientAssertion(
  assertion: string,
  check: AssertionCheck,
): Promise<void> {
  let header: Record<string, unknown>;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(assertion) as Record<string, unknown>;
    payload = decodeJwt(assertion);
  } catch {
    throw clientAuthErrors.malformedAssertion();
  }
  if (typeof header["x5t#S256"] === "string" || typeof header.x5t === "string")
    return verifyCertificateAssertion(assertion, header, payload, check);
  return verifyFederatedAssertion(assertion, payload, check);
}
