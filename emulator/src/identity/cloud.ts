import { GRAPH_RESOURCE } from "../constants";
import type { TenantState } from "../tenant-state";

/**
 * The cloud the tenant plays: authority, token issuer and Graph hosts can all differ, as in national
 * clouds (China signs in at login.chinacloudapi.cn but issues tokens from
 * login.partner.microsoftonline.cn; docs/graph-behaviour.md#authority-and-discovery). Read at request time.
 */
export function authorityOf(tenant: TenantState, segment: string = tenant.identity.tenantId) {
  return `https://${tenant.settings.authorityHost}/${segment}`;
}

export function issuerOf(tenant: TenantState, segment: string = tenant.identity.tenantId) {
  const host = tenant.settings.issuerHost ?? tenant.settings.authorityHost;
  return `https://${host}/${segment}/v2.0`;
}

/** The Graph resource URIs this cloud's Graph answers to in scopes (`{resource}/.default`). */
export function graphResourcesOf(tenant: TenantState): string[] {
  const host = tenant.settings.graphHost;
  return host ? [`https://${host.toLowerCase()}`] : [GRAPH_RESOURCE];
}

/** The JSON `authorityMetadata` MSAL takes: the issuer of this cloud, the endpoints of this server. */
export function authorityMetadataOf(tenant: TenantState, url: string): string {
  const base = `${url}/${tenant.identity.tenantId}`;
  return JSON.stringify({
    issuer: issuerOf(tenant),
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
  });
}
