import { createHash, X509Certificate, type KeyObject } from "node:crypto";

/** A certificate registered on the app (keyCredentials), with the thumbprints assertions name it by. */
export type RegisteredCertificate = {
  publicKey: KeyObject;
  /** Upper-case hex, as Entra prints thumbprints. */
  sha1: string;
  sha256: string;
  validFrom: Date;
  validTo: Date;
};

const parsed = new Map<string, RegisteredCertificate | null>();

function parse(pem: string): RegisteredCertificate | null {
  try {
    const certificate = new X509Certificate(pem);
    return {
      publicKey: certificate.publicKey,
      sha1: createHash("sha1").update(certificate.raw).digest("hex").toUpperCase(),
      sha256: createHash("sha256").update(certificate.raw).digest("hex").toUpperCase(),
      validFrom: new Date(certificate.validFrom),
      validTo: new Date(certificate.validTo),
    };
  } catch {
    return null;
  }
}

/** The registered certificates that parse; PEM text that does not is ignored (the control API refuses it). */
export function registeredCertificates(pems: readonly string[]): RegisteredCertificate[] {
  return pems.flatMap((pem) => {
    if (!parsed.has(pem)) parsed.set(pem, parse(pem));
    const certificate = parsed.get(pem);
    return certificate ? [certificate] : [];
  });
}

export const isCertificatePem = (pem: string) => parse(pem) !== null;
