import { createHash } from "node:crypto";
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";

export type SigningKey = {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
};

/** A fresh RS256 key per tenant instance: tokens from an earlier run fail signature checks, as after a rollover. */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = createHash("sha256")
    .update(jwk.n ?? "")
    .digest("base64url")
    .slice(0, 27);
  return {
    kid,
    privateKey,
    publicKey,
    publicJwk: { ...jwk, kid, use: "sig", alg: "RS256", kty: "RSA" },
  };
}
