import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

/**
 * A self-signed X.509 certificate built with node:crypto alone (no certificate library is installed):
 * just enough DER for Entra-style thumbprints and for node's X509Certificate to read it back.
 */
export type TestCertificate = {
  pem: string;
  privateKeyPem: string;
  privateKey: KeyObject;
  /** Hex SHA-256 of the DER certificate: msal-node's `thumbprintSha256`. */
  thumbprintSha256: string;
};

function der(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  const length =
    body.length < 0x80
      ? Buffer.from([body.length])
      : (() => {
          const bytes: number[] = [];
          for (let rest = body.length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
          return Buffer.from([0x80 | bytes.length, ...bytes]);
        })();
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

const sequence = (...items: Buffer[]) => der(0x30, ...items);
const oid = (bytes: number[]) => der(0x06, Buffer.from(bytes));
// 1.2.840.113549.1.1.11 sha256WithRSAEncryption, 2.5.4.3 commonName
const SHA256_WITH_RSA = sequence(
  oid([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]),
  der(0x05),
);
const COMMON_NAME = oid([0x55, 0x04, 0x03]);

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
  return der(0x17, Buffer.from(text, "ascii"));
}

function name(commonName: string): Buffer {
  return sequence(der(0x31, sequence(COMMON_NAME, der(0x0c, Buffer.from(commonName, "utf8")))));
}

export function selfSignedCertificate(
  options: { commonName?: string; notBefore?: Date; notAfter?: Date } = {},
): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = options.notAfter ?? new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const serial = randomBytes(8);
  // DER INTEGER: positive (top bit clear) and minimal (no leading zero byte), or OpenSSL refuses the
  // certificate with "illegal padding" (about one random serial in 256 did, and CI failed on it).
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  const subject = name(options.commonName ?? "local-tenant test certificate");
  const toBeSigned = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    SHA256_WITH_RSA,
    subject,
    sequence(utcTime(notBefore), utcTime(notAfter)),
    subject,
    publicKey.export({ type: "spki", format: "der" }),
  );
  const signature = sign("sha256", toBeSigned, privateKey);
  const certificate = sequence(toBeSigned, SHA256_WITH_RSA, der(0x03, Buffer.from([0]), signature));
  const base64 = certificate
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trim();
  return {
    pem: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    privateKey,
    thumbprintSha256: createHash("sha256").update(certificate).digest("hex"),
  };
}
