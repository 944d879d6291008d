import { accessSync, constants, readFileSync } from "node:fs";
import { createPrivateKey, X509Certificate } from "node:crypto";
import type { EnvName, ParsedEnv } from "./env-schema";

/** How the portal proves itself to Entra on the on-behalf-of exchange (docs/app-registration.md). */
export type ClientCredential =
  | { kind: "secret"; variable: "ENTRA_CLIENT_SECRET"; secret: string }
  | {
      kind: "certificate";
      variable: "ENTRA_CLIENT_CERTIFICATE_PATH";
      path: string;
      /** Hex SHA-256 of the DER certificate: Entra matches it with the assertion's x5t#S256 header. */
      thumbprintSha256: string;
      privateKey: string;
      /** The certificate in PEM, sent as x5c (needed for subject-name/issuer authentication). */
      certificatePem: string;
    }
  | {
      kind: "federated";
      variable: "ENTRA_CLIENT_ASSERTION_FILE" | "AZURE_FEDERATED_TOKEN_FILE";
      /** Re-read when it changes: workload identity rotates the token in place. */
      tokenFile: string;
    };

export type CredentialResult = {
  credential?: ClientCredential;
  problems: string[];
  /** No credential variable set at all. */
  missing?: boolean;
};

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const KEY_BLOCK =
  /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

function loadCertificate(path: string): ClientCredential | string {
  const problem = (why: string) => `ENTRA_CLIENT_CERTIFICATE_PATH is malformed: ${why} (${path})`;
  let pem: string;
  try {
    pem = readFileSync(path, "utf8");
  } catch {
    return problem("the file cannot be read");
  }
  const certificatePem = CERTIFICATE_BLOCK.exec(pem)?.[0];
  const privateKey = KEY_BLOCK.exec(pem)?.[0];
  if (!certificatePem || !privateKey) {
    return problem("expected one PEM file holding both the certificate and its private key");
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
    if (!certificate.checkPrivateKey(createPrivateKey(privateKey))) {
      return problem("the private key does not belong to the certificate");
    }
  } catch {
    return problem("the certificate or its key cannot be read (an encrypted key is not supported)");
  }
  if (Date.parse(certificate.validTo) < Date.now()) {
    return problem(`the certificate expired on ${certificate.validTo}`);
  }
  return {
    kind: "certificate",
    variable: "ENTRA_CLIENT_CERTIFICATE_PATH",
    path,
    thumbprintSha256: certificate.fingerprint256.replaceAll(":", "").toLowerCase(),
    privateKey,
    certificatePem,
  };
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Exactly one credential: a secret, a certificate or a federated token file. With the local tenant and
 * none set, its fixed secret. Problems name the variable at fault.
 */
export function selectClientCredential(
  parsed: ParsedEnv,
  localTenantSecret: string | undefined,
): CredentialResult {
  const federatedVariable: EnvName | undefined = parsed.ENTRA_CLIENT_ASSERTION_FILE
    ? "ENTRA_CLIENT_ASSERTION_FILE"
    : parsed.AZURE_FEDERATED_TOKEN_FILE
      ? "AZURE_FEDERATED_TOKEN_FILE"
      : undefined;
  const chosen = [
    parsed.ENTRA_CLIENT_SECRET ? "ENTRA_CLIENT_SECRET" : undefined,
    parsed.ENTRA_CLIENT_CERTIFICATE_PATH ? "ENTRA_CLIENT_CERTIFICATE_PATH" : undefined,
    federatedVariable,
  ].filter((name) => name !== undefined);
  if (chosen.length > 1) {
    return {
      problems: [
        `${chosen.join(" and ")} are set together: set exactly one client credential (a secret, a certificate or a federated token file)`,
      ],
    };
  }
  if (parsed.ENTRA_CLIENT_SECRET || (chosen.length === 0 && localTenantSecret)) {
    const secret = parsed.ENTRA_CLIENT_SECRET ?? (localTenantSecret as string);
    return {
      credential: { kind: "secret", variable: "ENTRA_CLIENT_SECRET", secret },
      problems: [],
    };
  }
  if (parsed.ENTRA_CLIENT_CERTIFICATE_PATH) {
    const loaded = loadCertificate(parsed.ENTRA_CLIENT_CERTIFICATE_PATH);
    return typeof loaded === "string"
      ? { problems: [loaded] }
      : { credential: loaded, problems: [] };
  }
  if (federatedVariable) {
    const tokenFile = parsed[federatedVariable] as string;
    if (!readable(tokenFile)) {
      return {
        problems: [`${federatedVariable} is malformed: the file cannot be read (${tokenFile})`],
      };
    }
    return {
      credential: { kind: "federated", variable: federatedVariable, tokenFile },
      problems: [],
    };
  }
  return {
    missing: true,
    problems: [
      "No client credential: set one of ENTRA_CLIENT_SECRET, ENTRA_CLIENT_CERTIFICATE_PATH or ENTRA_CLIENT_ASSERTION_FILE (AZURE_FEDERATED_TOKEN_FILE)",
    ],
  };
}
