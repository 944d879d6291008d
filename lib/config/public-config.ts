import type { PublicAuthConfig } from "./public-auth-config";
import { getServerConfig, type ServerConfig } from "./server-config";

export function toPublicConfig(config: ServerConfig): PublicAuthConfig {
  return {
    clientId: config.clientId,
    tenantId: config.tenantId,
    authority: config.authority,
    knownAuthorities: config.knownAuthorities,
    ...(config.authorityMetadata ? { authorityMetadata: config.authorityMetadata } : {}),
    apiScope: config.apiScope,
    defaultRedirectUrl: config.defaultRedirectUrl,
    localTenant: config.localTenantUrl !== undefined,
  };
}

/** The configuration the browser's MSAL provider needs; never includes the client secret. */
export function getPublicConfig(): PublicAuthConfig {
  return toPublicConfig(getServerConfig());
}
