import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendInvitation } from "@/components/invite/actions";
import { forgetDiscoveredIssuer } from "@/lib/auth/authority-discovery";
import { resetServerConfig } from "@/lib/config/server-config";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import { validateAccessToken } from "./validate-access-token";

// China's tokens are issued by another host than its login page (docs/national-clouds.md): the
// portal must read the issuer from discovery, and name the cloud's own Graph in its scopes.

const CHINA = {
  authorityHost: "login.chinacloudapi.cn",
  issuerHost: "login.partner.microsoftonline.cn",
  graphHost: "microsoftgraph.chinacloudapi.cn",
};

const local = setUpActionTests("national-cloud");

beforeAll(() => {
  local.tenant.updateSettings(CHINA);
  process.env.ENTRA_AUTHORITY = `https://${CHINA.authorityHost}/${local.tenant.tenantId}`;
  process.env.GRAPH_RESOURCE = `https://${CHINA.graphHost}`;
  resetServerConfig();
  forgetDiscoveredIssuer();
});

afterAll(() => {
  delete process.env.ENTRA_AUTHORITY;
  delete process.env.GRAPH_RESOURCE;
  resetServerConfig();
  forgetDiscoveredIssuer();
});

describe("the portal configured for another cloud", () => {
  it("validates tokens whose issuer host differs from the login host", async () => {
    const token = await local.tokenFor("adele");
    const issuer = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).iss;
    expect(issuer).toBe(`https://${CHINA.issuerHost}/${local.tenant.tenantId}/v2.0`);
    const caller = await validateAccessToken(token);
    expect(caller.upn).toBe("adele@contoso.onmicrosoft.com");
  });

  it("asks for the cloud's Graph and invites", async () => {
    const result = await sendInvitation(await local.tokenFor("adele"), {
      values: {
        email: `guest.${crypto.randomUUID()}@fabrikam.com`,
        redirectUrl: "https://myapps.microsoft.com",
        userType: "Guest",
        sendInvitationMessage: false,
        sponsors: [],
      },
      idempotencyKey: crypto.randomUUID(),
    });
    expect(result).toMatchObject({ ok: true, data: { status: "PendingAcceptance" } });
  });
});
