import { afterAll, beforeAll, expect, it } from "vitest";
import type { LocalTenant } from "../src/index";
import { graphTokenFor, startTestTenant } from "./helpers/local-tenant";

let tenant: LocalTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());

it("signs in and invites", async () => {
  const token = await graphTokenFor(tenant, "adele", ["User.Invite.All"]);
  const response = await fetch(`${tenant.url}/v1.0/invitations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      invitedUserEmailAddress: "x@fabrikam.com",
      inviteRedirectUrl: "https://example.com",
    }),
  });
  const body = await response.json();
  console.log(response.status, body);
  expect(response.status).toBe(201);
});
