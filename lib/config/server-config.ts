import { ConfigurationError } from "./configuration-error";
import { ENV_EXPECTATIONS, envSchema, type EnvName, type ParsedEnv } from "./env-schema";
import { LOCAL_TENANT, localTenantAuthority, localTenantMetadata } from "./local-tenant";

export type ServerConfig = {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Full scope the browser requests, e.g. api://<client id>/access_as_user. */
  apiScope: string;
  /** The scope's short name as it appears in the token's `scp` claim, e.g. access_as_user. */
  apiScopeName: string;
  /** Accepted `aud` values: v2 tokens carry the client id, v1 tokens the application id URI. */
  apiAudiences: string[];
  authority: string;
  knownAuthorities: string[];
  authorityMetadata?: string;
  /** v2 issuer the access tokens must carry. */
  issuer: string;
  jwksUri: string;
  graphBaseUrl: string;
  defaultRedirectUrl: string;
  /** Set when the portal runs against the local tenant (the emulator). */
  localTenantUrl?: string;
};

type Environment = Record<string, string | undefined>;

const REQUIRED_FOR_REAL_TENANT: EnvName[] = [
  "ENTRA_TENANT_ID",
  "ENTRA_CLIENT_ID",
  "ENTRA_CLIENT_SECRET",
  "DATA_ENCRYPTION_KEY",
];

function describe(name: EnvName, env: Environment): string {
  const present = (env[name] ?? "").trim() !== "";
  return `${name} is ${present ? "malformed" : "missing"}: expected ${ENV_EXPECTATIONS[name]}`;
}

function resourceOf(scope: string): string {
  return scope.slice(0, scope.lastIndexOf("/"));
}

function build(parsed: ParsedEnv): ServerConfig {
  const local = parsed.LOCAL_TENANT_URL;
  const tenantId = parsed.ENTRA_TENANT_ID ?? LOCAL_TENANT.tenantId;
  const clientId = parsed.ENTRA_CLIENT_ID ?? LOCAL_TENANT.clientId;
  const clientSecret = parsed.ENTRA_CLIENT_SECRET ?? LOCAL_TENANT.clientSecret;
  const apiScope = parsed.ENTRA_API_SCOPE ?? `api://${clientId}/access_as_user`;
  const authority =
    parsed.ENTRA_AUTHORITY ??
    (local ? localTenantAuthority(tenantId) : `https://login.microsoftonline.com/${tenantId}`);
  const metadata = local ? localTenantMetadata(local, tenantId, authority) : undefined;

  return {
    tenantId,
    clientId,
    clientSecret,
    apiScope,
    apiScopeName: apiScope.slice(apiScope.lastIndexOf("/") + 1),
    apiAudiences: [...new Set([clientId, `api://${clientId}`, resourceOf(apiScope)])],
    authority,
    knownAuthorities: local ? [new URL(authority).host] : [],
    ...(metadata ? { authorityMetadata: JSON.stringify(metadata) } : {}),
    // Tokens name the tenant by id even when the authority names it by domain.
    issuer: metadata?.issuer ?? `${new URL(authority).origin}/${tenantId}/v2.0`,
    jwksUri: metadata?.jwks_uri ?? `${new URL(authority).origin}/${tenantId}/discovery/v2.0/keys`,
    graphBaseUrl: parsed.GRAPH_BASE_URL ?? local ?? "https://graph.microsoft.com",
    defaultRedirectUrl:
      parsed.DEFAULT_REDIRECT_URL ?? `https://myapps.microsoft.com/?tenantid=${tenantId}`,
    ...(local ? { localTenantUrl: local } : {}),
  };
}

/** Reads the configuration from `env`; throws a ConfigurationError naming every variable at fault. */
export function parseServerConfig(env: Environment): ServerConfig {
  const result = envSchema.safeParse(env);
  const localTenant = (env.LOCAL_TENANT_URL ?? "").trim() !== "";
  const problems = new Set<string>();
  for (const issue of result.error?.issues ?? []) {
    problems.add(describe(issue.path[0] as EnvName, env));
  }
  if (!localTenant) {
    const missing = REQUIRED_FOR_REAL_TENANT.filter((name) => (env[name] ?? "").trim() === "");
    for (const name of missing) problems.add(describe(name, env));
    if (missing.length > 0) {
      problems.add("Or set LOCAL_TENANT_URL to run against the local tenant (npm run tenant).");
    }
  }
  if (!result.success || problems.size > 0) throw new ConfigurationError([...problems]);
  return build(result.data);
}

let memoised: ServerConfig | undefined;

/** The process's configuration, read from process.env once. */
export function getServerConfig(): ServerConfig {
  memoised ??= parseServerConfig(process.env);
  return memoised;
}

/** For tests that change process.env between cases. */
export function resetServerConfig(): void {
  memoised = undefined;
}
