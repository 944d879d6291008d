import { isCertificatePem } from "../identity/client-certificates";
import type { TenantSettings } from "../settings";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$/i;

function oneOf(key: string, value: unknown, allowed: readonly unknown[]): string[] {
  return allowed.includes(value)
    ? []
    : [`${key} must be one of ${allowed.map((item) => JSON.stringify(item)).join(", ")}`];
}

function federatedCredentialProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return ["federatedCredentials must be an array"];
  return value.flatMap((credential, index) => {
    const at = `federatedCredentials[${index}]`;
    if (!isRecord(credential)) return [`${at} must be an object`];
    const problems: string[] = [];
    for (const name of ["issuer", "subject"])
      if (typeof credential[name] !== "string" || credential[name] === "")
        problems.push(`${at}.${name} must be a non-empty string`);
    if (!isStringArray(credential.audiences) || credential.audiences.length === 0)
      problems.push(`${at}.audiences must be a non-empty array of strings`);
    const hasPem = typeof credential.publicKeyPem === "string";
    const hasJwks = isRecord(credential.jwks) && Array.isArray(credential.jwks.keys);
    if (!hasPem && !hasJwks) problems.push(`${at} needs publicKeyPem or jwks { keys }`);
    const known = ["issuer", "subject", "audiences", "publicKeyPem", "jwks"];
    for (const key of Object.keys(credential))
      if (!known.includes(key)) problems.push(`${at}: unknown property '${key}'`);
    return problems;
  });
}

/**
 * Checks the sign-in settings (README, "Sign-in settings"); undefined for settings it does not own,
 * which the general checks handle.
 */
export function signInSettingProblems(
  key: keyof TenantSettings,
  value: unknown,
): string[] | undefined {
  switch (key) {
    case "conditionalAccess":
      if (!isRecord(value)) return ["conditionalAccess must be an object of person → policy"];
      return Object.entries(value).flatMap(([person, policy]) =>
        oneOf(`conditionalAccess.${person}`, policy, ["none", "mfa", "blocked"]),
      );
    case "mfaChallengeError":
      return oneOf(key, value, ["invalid_grant", "interaction_required"]);
    case "groupMembershipClaims":
      return oneOf(key, value, [
        null,
        "None",
        "SecurityGroup",
        "DirectoryRole",
        "ApplicationGroup",
        "All",
      ]);
    case "clientSecretStatus":
      return oneOf(key, value, ["valid", "expired", "invalid"]);
    case "consentedGraphScopes":
      return isStringArray(value) ? [] : [`${key} must be an array of strings`];
    case "clientCertificates":
      if (!isStringArray(value)) return [`${key} must be an array of PEM certificates`];
      return value.flatMap((pem, index) =>
        isCertificatePem(pem) ? [] : [`${key}[${index}] is not a PEM X.509 certificate`],
      );
    case "federatedCredentials":
      return federatedCredentialProblems(value);
    case "authorityHost":
      return typeof value === "string" && HOST.test(value) ? [] : [`${key} must be a host name`];
    case "issuerHost":
    case "graphHost":
      return value === null || (typeof value === "string" && HOST.test(value))
        ? []
        : [`${key} must be null or a host name`];
    default:
      return undefined;
  }
}
