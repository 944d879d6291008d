import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";

/** Signs access tokens the way Entra would, for tests; `foreign` signs with a key the tenant never published. */
export async function createTestIssuer(rules: {
  issuer: string;
  audience: string;
  tenantId: string;
}) {
  const tenant = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("RS256", { extractable: true });
  const publicJwk = {
    ...(await exportJWK(tenant.publicKey)),
    kid: "tenant-key",
    alg: "RS256",
    use: "sig",
  };
  const jwks = { keys: [publicJwk] };

  async function sign(
    claims: JWTPayload = {},
    options: { key?: "tenant" | "foreign"; expiresIn?: string | number; kid?: string } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iss: rules.issuer,
      aud: rules.audience,
      tid: rules.tenantId,
      oid: "0f0e0d0c-0b0a-4908-8706-050403020100",
      name: "Adele Vance",
      preferred_username: "adele@contoso.onmicrosoft.com",
      scp: "access_as_user",
      ver: "2.0",
      iat: now,
      nbf: now,
      exp: now + 3600,
      ...claims,
    })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: options.kid ?? "tenant-key" })
      .sign(options.key === "foreign" ? foreign.privateKey : tenant.privateKey);
  }

  return { jwks, keySet: createLocalJWKSet(jwks), sign };
}
