import {
  ConfidentialClientApplication,
  type ClientAssertionCallback,
  type Configuration,
} from "@azure/msal-node";
import { expect } from "vitest";
import { PORTAL_CLIENT_ID } from "../../src/constants";
import type { LocalTenant } from "../../src/index";

type Credential =
  | { clientSecret: string }
  | { clientCertificate: { thumbprintSha256: string; privateKey: string; x5c?: string } }
  | { clientAssertion: string | ClientAssertionCallback };

/** msal-node's confidential client with any credential it supports, pointed at the local tenant. */
export function confidentialClientWith(
  tenant: LocalTenant,
  credential: Credential,
): ConfidentialClientApplication {
  const configuration: Configuration = {
    auth: {
      clientId: PORTAL_CLIENT_ID,
      ...credential,
      authority: tenant.authority,
      knownAuthorities: [new URL(tenant.authority).host],
      authorityMetadata: tenant.authorityMetadata,
    },
  };
  return new ConfidentialClientApplication(configuration);
}

export type TokenAnswer = { status: number; body: Record<string, unknown> };

/** A raw form POST to the token endpoint, to see Entra's error bodies whole. */
export async function tokenRequest(
  tenant: LocalTenant,
  fields: Record<string, string>,
): Promise<TokenAnswer> {
  const response = await fetch(`${tenant.url}/${tenant.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Entra's error shape with this error, AADSTS code and HTTP status. */
export function expectEntraError(
  answer: TokenAnswer,
  status: number,
  error: string,
  aadsts: number,
): void {
  expect(answer.status).toBe(status);
  expect(answer.body.error).toBe(error);
  expect(answer.body.error_codes).toEqual([aadsts]);
  expect(answer.body.error_description).toMatch(
    new RegExp(`^AADSTS${aadsts}: .+ Trace ID: .+ Correlation ID: .+ Timestamp: `),
  );
  expect(answer.body.error_uri).toBe(`https://login.microsoftonline.com/error?code=${aadsts}`);
}

/** The fields of an on-behalf-of request for `scope` with the portal's secret. */
export const oboFields = (assertion: string, scope: string, secret: string) => ({
  grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
  requested_token_use: "on_behalf_of",
  client_id: PORTAL_CLIENT_ID,
  client_secret: secret,
  assertion,
  scope,
});
