import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, identityOrigins } from "./content-security-policy";

const base = {
  nonce: "bm9uY2U=",
  identityOrigins: ["https://login.microsoftonline.com"],
  framedBySelf: false,
  development: false,
  https: true,
};

function directive(policy: string, name: string): string | undefined {
  return policy
    .split("; ")
    .find((part) => part.startsWith(`${name} `))
    ?.slice(name.length + 1);
}

describe("content security policy", () => {
  it("allows scripts only with the response's nonce, never inline or eval in production", () => {
    const policy = contentSecurityPolicy(base);
    expect(directive(policy, "script-src")).toBe("'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(directive(policy, "object-src")).toBe("'none'");
    expect(directive(policy, "frame-ancestors")).toBe("'none'");
  });

  it("lets MSAL reach the identity platform and lets the redirect bridge be framed by the portal only", () => {
    const policy = contentSecurityPolicy({ ...base, framedBySelf: true });
    expect(directive(policy, "connect-src")).toBe("'self' https://login.microsoftonline.com");
    expect(directive(policy, "frame-src")).toBe("'self' https://login.microsoftonline.com");
    expect(directive(policy, "frame-ancestors")).toBe("'self'");
  });

  it("upgrades insecure requests only when served over https", () => {
    expect(contentSecurityPolicy(base)).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ ...base, https: false })).not.toContain(
      "upgrade-insecure-requests",
    );
  });

  it("finds the local tenant's plain-http endpoints in its metadata", () => {
    const origins = identityOrigins({
      authority: "https://login.local-tenant.invalid/tid",
      authorityMetadata: JSON.stringify({
        authorization_endpoint: "http://127.0.0.1:4010/tid/oauth2/v2.0/authorize",
        token_endpoint: "http://127.0.0.1:4010/tid/oauth2/v2.0/token",
      }),
    });
    expect(origins).toEqual(["https://login.local-tenant.invalid", "http://127.0.0.1:4010"]);
  });
});
