import { z } from "zod";

/** What each variable must hold; used in the message when it is missing or malformed. */
export const ENV_EXPECTATIONS = {
  ENTRA_TENANT_ID: "the directory (tenant) id, a GUID",
  ENTRA_CLIENT_ID: "the portal app registration's application (client) id, a GUID",
  ENTRA_CLIENT_SECRET: "a client secret of the portal app registration",
  ENTRA_CLIENT_CERTIFICATE_PATH:
    "a readable PEM file holding the registration's certificate and its private key",
  ENTRA_CLIENT_ASSERTION_FILE: "a readable file holding a federated token (workload identity)",
  AZURE_FEDERATED_TOKEN_FILE: "a readable file holding a federated token (Azure workload identity)",
  CURSOR_SIGNING_KEY:
    "a random secret of at least 32 characters, only for the portal's own signatures",
  ENTRA_API_SCOPE: "the portal's exposed API scope, e.g. api://<client id>/access_as_user",
  ENTRA_AUTHORITY: "an https URL such as https://login.microsoftonline.com/<tenant id>",
  GRAPH_BASE_URL: "the Microsoft Graph origin without a version, e.g. https://graph.microsoft.com",
  GRAPH_RESOURCE:
    "the Graph resource the token scopes name, e.g. https://graph.microsoft.us (default: the Graph base URL)",
  DEFAULT_REDIRECT_URL: "an absolute https URL (http only for localhost)",
  LOCAL_TENANT_URL: "the local tenant's origin, e.g. http://127.0.0.1:4010",
  DATA_ENCRYPTION_KEY: "base64 of 32 random bytes (openssl rand -base64 32)",
} as const;

export type EnvName = keyof typeof ENV_EXPECTATIONS;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

// Refinements run even when the URL check failed, so they must cope with any string.
function parseUrl(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}

function isHttpsOrLoopback(value: string): boolean {
  const url = parseUrl(value);
  return (
    url?.protocol === "https:" || (url?.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))
  );
}

function isHttpsOrLocalhost(value: string): boolean {
  const url = parseUrl(value);
  return url?.protocol === "https:" || url?.hostname === "localhost";
}

function withoutTrailingSlash(value: string): string {
  return value.replace(/\/+$/, "");
}

const httpUrl = z.url({ protocol: /^https?$/ });

const graphBaseUrl = httpUrl
  .refine(isHttpsOrLoopback)
  // The Graph client appends the version itself.
  .refine((value) => !/\/(v1\.0|beta)\/?$/.test(value))
  .transform(withoutTrailingSlash);

const redirectUrl = httpUrl.refine(isHttpsOrLocalhost);

/** Empty strings (common in .env files) count as unset; surrounding blanks are ignored. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined),
    schema.optional(),
  );
}

export const envSchema = z.object({
  ENTRA_TENANT_ID: optional(z.guid()),
  ENTRA_CLIENT_ID: optional(z.guid()),
  ENTRA_CLIENT_SECRET: optional(z.string()),
  ENTRA_CLIENT_CERTIFICATE_PATH: optional(z.string()),
  ENTRA_CLIENT_ASSERTION_FILE: optional(z.string()),
  AZURE_FEDERATED_TOKEN_FILE: optional(z.string()),
  CURSOR_SIGNING_KEY: optional(z.string().min(32)),
  ENTRA_API_SCOPE: optional(z.string().regex(/^\S+\/[A-Za-z0-9_.-]+$/)),
  ENTRA_AUTHORITY: optional(z.url({ protocol: /^https$/ }).transform(withoutTrailingSlash)),
  GRAPH_BASE_URL: optional(graphBaseUrl),
  GRAPH_RESOURCE: optional(
    z.url({ protocol: /^https$/ }).transform((value) => new URL(value).origin),
  ),
  DEFAULT_REDIRECT_URL: optional(redirectUrl),
  LOCAL_TENANT_URL: optional(httpUrl.transform(withoutTrailingSlash)),
  DATA_ENCRYPTION_KEY: optional(z.string().regex(/^[A-Za-z0-9+/]{43}=$/)),
});

export type ParsedEnv = z.output<typeof envSchema>;
