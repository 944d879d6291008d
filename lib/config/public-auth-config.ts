/**
 * What the browser's MSAL provider needs, passed from a server layout at run time so that one build
 * serves any tenant (NEXT_PUBLIC_* values would be baked in at build time). Holds no secret.
 */
export type PublicAuthConfig = {
  clientId: string;
  tenantId: string;
  authority: string;
  knownAuthorities: string[];
  /** JSON OpenID metadata; set only for the local tenant, whose endpoints are plain http. */
  authorityMetadata?: string;
  apiScope: string;
  defaultRedirectUrl: string;
  localTenant: boolean;
};
