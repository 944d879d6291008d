import { hkdfSync } from "node:crypto";
import { selectClientCredential, type ClientCredential } from "./client-credential";
import { ConfigurationError } from "./configuration-error";
import { ENV_EXPECTATIONS, envSchema, type EnvName, type ParsedEnv } from "./env-schema";
import { LOCAL_TENANT, localTenantAuthority, localTenantMetadata } from "./local-tenant";

export type { ClientCredential } from "./client-credential";

export type ServerConfig = {
  tenantId: string;
  clientId: string;
  credential: ClientCredential;
  /** Full scope the browser requests, e.g. api://<client id>/access_as_user. */
  apiScope: string;
  /** The scope's short name as it appears in the token's `scp` claim, e.g. access_as_user. */
  apiScopeName: string;
  /** Accepted `aud` values: v2 tokens carry the client id, v1 tokens the application id URI. */
  apiAudiences: string[];
  authority: string;
  knownAuthorities: string[];
  authorityMetadata?: string;
  /**
   * Where the token issuer and signing keys are published. The issuer is read from it, never built
   * from the login host: clouds such as China issue tokens from another host (docs/national-clouds.md).
   */
  discoveryUrl: string;
  graphBaseUrl: string;
  /** The resource Graph scopes name: `{graphResource}/User.Invite.All`. */
  graphResource: string;
  /** Keys the pending list's cursors (HKDF of CURSOR_SIGNING_KEY), never the client credential. */
  cursorSigningKey: string;
  defaultRedirectUrl: string;
  /** Set when the portal runs against the local tenant (the emulator). */
  localTenantUrl?: string;
};

type Environment = Record<string, string | undefined>;

const REQUIRED_FOR_REAL_TENANT: EnvName[] = [
  "ENTRA_TENANT_ID",
  "ENTRA_CLIENT_ID",
  "CURSOR_SIGNING_KEY",
  "DATA_ENCRYPTION_KEY",
];
const LOCAL_TENANT_CURSOR_KEY = "local-tenant-cursor-key-not-for-production";
const PUBLIC_GRAPH = "https://graph.microsoft.com";

function describe(name: EnvName, env: Environment): string {
  const present = (env[name] ?? "").trim() !== "";
  return `${name} is ${present ? "malformed" : "missing"}: expected ${ENV_EXPECTATIONS[name]}`;
}

function resourceOf(scope: string): string {
  return scope.slice(0, scope.lastIndexOf("/"));
}

/** One dedicated secret can key several signatures; each purpose gets its own derived key. */
function deriveKey(secret: string, purpose: string): string {
  return Buffer.from(hkdfSync("sha256", secret, "guest-invitations-portal", purpose, 32)).toString(
    "base64url",
  );
}

function build(parsed: ParsedEnv, credential: ClientCredential): ServerConfig {
  const local = parsed.LOCAL_TENANT_URL;
  const tenantId = parsed.ENTRA_TENANT_ID ?? LOCAL_TENANT.tenantId;
  const clientId = parsed.ENTRA_CLIENT_ID ?? LOCAL_TENANT.clientId;
  const apiScope = parsed.ENTRA_API_SCOPE ?? `api://${clientId}/access_as_user`;
  const authority =
    parsed.ENTRA_AUTHORITY ??
    (local ? localTenantAuthority(tenantId) : `https://login.microsoftonline.com/${tenantId}`);
  const metadata = local ? localTenantMetadata(local, tenantId, authority) : undefined;
  const graphBaseUrl = parsed.GRAPH_BASE_URL ?? local ?? PUBLIC_GRAPH;
  return {
    tenantId,
    clientId,
    credential,
    apiScope,
    apiScopeName: apiScope.slice(apiScope.lastIndexOf("/") + 1),
    apiAudiences: [...new Set([clientId, `api://${clientId}`, resourceOf(apiScope)])],
    authority,
    knownAuthorities: local ? [new URL(authority).host] : [],
    ...(metadata ? { authorityMetadata: JSON.stringify(metadata) } : {}),
    discoveryUrl: local
      ? `${local}/${tenantId}/v2.0/.well-known/openid-configuration`
      : `${authority}/v2.0/.well-known/openid-configuration`,
    graphBaseUrl,
    // The local tenant serves Graph over http, but its tokens name the public Graph resource.
    graphResource: parsed.GRAPH_RESOURCE ?? (local ? PUBLIC_GRAPH : new URL(graphBaseUrl).origin),
    cursorSigningKey: deriveKey(
      parsed.CURSOR_SIGNING_KEY ?? LOCAL_TENANT_CURSOR_KEY,
      "pending-list cursor",
    ),
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
  let missingSomething = false;
  if (!localTenant) {
    const missing = REQUIRED_FOR_REAL_TENANT.filter((name) => (env[name] ?? "").trim() === "");
    for (const name of missing) problems.add(describe(name, env));
    missingSomething = missing.length > 0;
  }
  let credential: ClientCredential | undefined;
  if (result.success) {
    const selected = selectClientCredential(
      result.data,
      localTenant ? LOCAL_TENANT.clientSecret : undefined,
    );
    for (const problem of selected.problems) problems.add(problem);
    credential = selected.credential;
    missingSomething ||= selected.missing === true;
  }
  if (!localTenant && missingSomething) {
    problems.add("Or set LOCAL_TENANT_URL to run against the local tenant (npm run tenant).");
  }
  if (!result.success || problems.size > 0 || !credential) {
    throw new ConfigurationError([...problems]);
  }
  return build(result.data, credential);
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
