/** The local tenant's fixed identity (docs/architecture.md); every value can be overridden from the environment. */
export const LOCAL_TENANT = {
  tenantId: "b3d0c6a4-5e1f-4a27-9c83-2f6d8e0a1b47",
  clientId: "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
  clientSecret: "local-tenant-secret-not-for-production",
  // An https authority that is never contacted: MSAL rejects http authorities, so it is trusted through
  // knownAuthorities and given the local endpoints as authorityMetadata (docs/graph-behaviour.md#authority-and-discovery).
  authorityHost: "login.local-tenant.invalid",
} as const;

export type AuthorityMetadata = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint: string;
  jwks_uri: string;
};

export function localTenantAuthority(tenantId: string): string {
  return `https://${LOCAL_TENANT.authorityHost}/${tenantId}`;
}

export function localTenantMetadata(
  localTenantUrl: string,
  tenantId: string,
  authority: string,
): AuthorityMetadata {
  const base = `${localTenantUrl}/${tenantId}`;
  return {
    issuer: `${authority}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
  };
}
