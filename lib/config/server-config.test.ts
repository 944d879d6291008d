import { describe, expect, it } from "vitest";
import { ConfigurationError } from "./configuration-error";
import { LOCAL_TENANT } from "./local-tenant";
import { toPublicConfig } from "./public-config";
import { parseServerConfig } from "./server-config";
import { validateConfigurationAtStart } from "./validate-at-start";

const TENANT = "11111111-2222-4333-8444-555555555555";
const CLIENT = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const CURSOR_KEY = "a-dedicated-random-cursor-signing-key-0123456789";
const real = {
  ENTRA_TENANT_ID: TENANT,
  ENTRA_CLIENT_ID: CLIENT,
  ENTRA_CLIENT_SECRET: "s3cret",
  CURSOR_SIGNING_KEY: CURSOR_KEY,
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseServerConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("parseServerConfig for a real tenant", () => {
  it("derives the defaults from the tenant and client ids", () => {
    const config = parseServerConfig(real);
    expect(config).toMatchObject({
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: "secret", secret: "s3cret" },
      apiScope: `api://${CLIENT}/access_as_user`,
      apiScopeName: "access_as_user",
      authority: `https://login.microsoftonline.com/${TENANT}`,
      knownAuthorities: [],
      discoveryUrl: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
      graphBaseUrl: "https://graph.microsoft.com",
      graphResource: "https://graph.microsoft.com",
      defaultRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT}`,
    });
    expect(config.authorityMetadata).toBeUndefined();
    expect(config.localTenantUrl).toBeUndefined();
    expect(config.apiAudiences).toEqual([CLIENT, `api://${CLIENT}`]);
  });

  it("honours explicit values and ignores trailing slashes and blanks", () => {
    const config = parseServerConfig({
      ...real,
      ENTRA_API_SCOPE: "https://contoso.com/portal/invite",
      ENTRA_AUTHORITY: `https://login.microsoftonline.us/${TENANT}/`,
      GRAPH_BASE_URL: "https://graph.microsoft.us/",
      DEFAULT_REDIRECT_URL: "https://apps.contoso.com/welcome",
      LOCAL_TENANT_URL: "  ",
    });
    expect(config.apiScopeName).toBe("invite");
    expect(config.apiAudiences).toContain("https://contoso.com/portal");
    expect(config.discoveryUrl).toBe(
      `https://login.microsoftonline.us/${TENANT}/v2.0/.well-known/openid-configuration`,
    );
    expect(config.graphBaseUrl).toBe("https://graph.microsoft.us");
    expect(config.graphResource).toBe("https://graph.microsoft.us");
    expect(config.defaultRedirectUrl).toBe("https://apps.contoso.com/welcome");
    expect(config.localTenantUrl).toBeUndefined();
  });

  it("reads the issuer from the authority's discovery document, even when it names the tenant by domain", () => {
    const config = parseServerConfig({
      ...real,
      ENTRA_AUTHORITY: "https://login.microsoftonline.com/contoso.onmicrosoft.com",
    });
    expect(config.authority).toBe("https://login.microsoftonline.com/contoso.onmicrosoft.com");
    expect(config.discoveryUrl).toBe(
      "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration",
    );
  });

  it("takes the Graph scope resource from GRAPH_RESOURCE when the base URL is not the resource", () => {
    const config = parseServerConfig({
      ...real,
      GRAPH_BASE_URL: "https://dod-graph.microsoft.us",
      GRAPH_RESOURCE: "https://dod-graph.microsoft.us/",
    });
    expect(config.graphResource).toBe("https://dod-graph.microsoft.us");
  });

  it("keys cursors with a key derived from CURSOR_SIGNING_KEY, never the client secret", () => {
    const config = parseServerConfig(real);
    expect(config.cursorSigningKey).not.toContain("s3cret");
    expect(config.cursorSigningKey).not.toBe(CURSOR_KEY);
    expect(parseServerConfig({ ...real, ENTRA_CLIENT_SECRET: "other" }).cursorSigningKey).toBe(
      config.cursorSigningKey,
    );
  });

  it("asks for exactly one client credential", () => {
    expect(problemsOf({ ...real, ENTRA_CLIENT_ASSERTION_FILE: "/var/run/secrets/token" })).toEqual([
      expect.stringMatching(/ENTRA_CLIENT_SECRET and ENTRA_CLIENT_ASSERTION_FILE are set together/),
    ]);
    const { ENTRA_CLIENT_SECRET: _secret, ...noSecret } = real;
    expect(problemsOf(noSecret)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^No client credential: set one of ENTRA_CLIENT_SECRET/),
      ]),
    );
    expect(problemsOf({ ...noSecret, AZURE_FEDERATED_TOKEN_FILE: "/nowhere/token" })).toEqual([
      expect.stringMatching(/^AZURE_FEDERATED_TOKEN_FILE is malformed: the file cannot be read/),
    ]);
    expect(problemsOf({ ...noSecret, ENTRA_CLIENT_CERTIFICATE_PATH: "/nowhere/cert.pem" })).toEqual(
      [
        expect.stringMatching(
          /^ENTRA_CLIENT_CERTIFICATE_PATH is malformed: the file cannot be read/,
        ),
      ],
    );
  });

  it("names every missing variable", () => {
    const problems = problemsOf({ ENTRA_CLIENT_SECRET: "" });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ENTRA_TENANT_ID is missing/),
        expect.stringMatching(/^ENTRA_CLIENT_ID is missing/),
        expect.stringMatching(/^CURSOR_SIGNING_KEY is missing/),
        expect.stringMatching(/^No client credential/),
        expect.stringMatching(/^DATA_ENCRYPTION_KEY is missing/),
        expect.stringMatching(/LOCAL_TENANT_URL/),
      ]),
    );
  });

  it.each([
    ["ENTRA_TENANT_ID", "contoso"],
    ["ENTRA_CLIENT_ID", "not-a-guid"],
    ["ENTRA_API_SCOPE", "access_as_user"],
    ["ENTRA_AUTHORITY", "http://login.microsoftonline.com/x"],
    ["GRAPH_BASE_URL", "http://graph.microsoft.com"],
    ["GRAPH_BASE_URL", "https://graph.microsoft.com/v1.0"],
    ["DEFAULT_REDIRECT_URL", "http://apps.contoso.com"],
    ["DEFAULT_REDIRECT_URL", "/relative"],
    ["LOCAL_TENANT_URL", "ftp://127.0.0.1"],
    ["CURSOR_SIGNING_KEY", "too-short"],
    ["GRAPH_RESOURCE", "http://graph.microsoft.com"],
  ])("reports %s=%s as malformed", (name, value) => {
    const problems = problemsOf({ ...real, [name]: value });
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${name} is malformed: expected `)),
    ]);
  });

  it("never echoes the secret", () => {
    const problems = problemsOf({ ...real, ENTRA_CLIENT_ID: "x" });
    expect(problems.join("\n")).not.toContain("s3cret");
  });
});

describe("parseServerConfig for the local tenant", () => {
  it("derives authority, metadata and Graph from LOCAL_TENANT_URL", () => {
    const config = parseServerConfig({ LOCAL_TENANT_URL: "http://127.0.0.1:4010/" });
    const tid = LOCAL_TENANT.tenantId;
    expect(config).toMatchObject({
      tenantId: tid,
      clientId: LOCAL_TENANT.clientId,
      credential: { kind: "secret", secret: LOCAL_TENANT.clientSecret },
      authority: `https://login.local-tenant.invalid/${tid}`,
      knownAuthorities: ["login.local-tenant.invalid"],
      discoveryUrl: `http://127.0.0.1:4010/${tid}/v2.0/.well-known/openid-configuration`,
      graphBaseUrl: "http://127.0.0.1:4010",
      graphResource: "https://graph.microsoft.com",
      localTenantUrl: "http://127.0.0.1:4010",
    });
    expect(JSON.parse(config.authorityMetadata ?? "{}")).toEqual({
      issuer: `https://login.local-tenant.invalid/${tid}/v2.0`,
      authorization_endpoint: `http://127.0.0.1:4010/${tid}/oauth2/v2.0/authorize`,
      token_endpoint: `http://127.0.0.1:4010/${tid}/oauth2/v2.0/token`,
      end_session_endpoint: `http://127.0.0.1:4010/${tid}/oauth2/v2.0/logout`,
      jwks_uri: `http://127.0.0.1:4010/${tid}/discovery/v2.0/keys`,
    });
  });

  it("lets the tenant identity be overridden", () => {
    const config = parseServerConfig({ LOCAL_TENANT_URL: "http://127.0.0.1:4999", ...real });
    expect(config.authority).toBe(`https://login.local-tenant.invalid/${TENANT}`);
    expect(config.discoveryUrl).toBe(
      `http://127.0.0.1:4999/${TENANT}/v2.0/.well-known/openid-configuration`,
    );
    expect(config.credential).toMatchObject({ kind: "secret", secret: "s3cret" });
  });
});

describe("toPublicConfig", () => {
  it("exposes what MSAL needs and no secret", () => {
    const publicConfig = toPublicConfig(
      parseServerConfig({ LOCAL_TENANT_URL: "http://127.0.0.1:4010" }),
    );
    expect(publicConfig.localTenant).toBe(true);
    expect(publicConfig.knownAuthorities).toEqual(["login.local-tenant.invalid"]);
    expect(JSON.stringify(publicConfig)).not.toContain(LOCAL_TENANT.clientSecret);
    expect(toPublicConfig(parseServerConfig(real))).toEqual({
      clientId: CLIENT,
      tenantId: TENANT,
      authority: `https://login.microsoftonline.com/${TENANT}`,
      knownAuthorities: [],
      apiScope: `api://${CLIENT}/access_as_user`,
      defaultRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT}`,
      localTenant: false,
    });
  });
});

describe("validateConfigurationAtStart", () => {
  it("logs the problems and exits with status 1", () => {
    const messages: string[] = [];
    const exit = (code: number): never => {
      throw new Error(`exit ${code}`);
    };
    expect(() =>
      validateConfigurationAtStart({
        env: { ENTRA_TENANT_ID: "x" },
        exit,
        log: (m) => messages.push(m),
      }),
    ).toThrow("exit 1");
    expect(messages.join("\n")).toMatch(/ENTRA_TENANT_ID is malformed/);
    expect(messages.join("\n")).toMatch(/ENTRA_CLIENT_ID is missing/);
  });

  it("returns the configuration when it is valid", () => {
    const exit = (): never => {
      throw new Error("should not exit");
    };
    expect(validateConfigurationAtStart({ env: real, exit }).tenantId).toBe(TENANT);
  });
});
