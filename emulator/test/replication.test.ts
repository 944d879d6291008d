import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { MINIMAL_GUESTS, TENANT_ID, type LocalTenant } from "../src/index";
import { callGraph, expectGraphError, expectSuccess } from "./helpers/graph-client";
import { graphAs } from "./helpers/graph-session";
import { startTestTenant } from "./helpers/local-tenant";

// docs/graph-behaviour.md#replication-delay: an address PATCH just added to otherMails does not match a reset
// redemption until the directory has replicated it.

let tenant: LocalTenant;
let helpdesk: Client;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(async () => {
  tenant.reset("minimal");
  helpdesk = await graphAs(tenant, "lee", ["User.ReadWrite.All"]);
});

const NEW_ADDRESS = "moved.guest@northwind.example";
const EMAIL_MISMATCH =
  "The email you’re using to invite this user doesn’t match any emails on the user object. Please add this email to the user object and try again.";

const addAddress = async () => {
  const patched = await callGraph(helpdesk, `/users/${MINIMAL_GUESTS.accepted.id}`, {
    method: "PATCH",
    body: { otherMails: [MINIMAL_GUESTS.accepted.email, NEW_ADDRESS] },
  });
  expect(patched.status).toBe(204);
};

const resetTo = (address: string) =>
  callGraph(helpdesk, "/invitations", {
    method: "POST",
    body: {
      invitedUserEmailAddress: address,
      inviteRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT_ID}`,
      resetRedemption: true,
      invitedUser: { id: MINIMAL_GUESTS.accepted.id },
    },
  });

describe("otherMails replication", () => {
  it("refuses a reset to a just-added address until replication settles", async () => {
    tenant.updateSettings({ otherMailsReplicationDelayMs: 60_000 });
    await addAddress();
    const early = expectGraphError(await resetTo(NEW_ADDRESS), 400, "BadRequest");
    expect(early.message).toBe(EMAIL_MISMATCH);
    // Addresses the user already had are not held back.
    expectSuccess(await resetTo(MINIMAL_GUESTS.accepted.email), 201, "microsoft.graph.invitation");

    expect(tenant.settleReplication()).toBe(1);
    expectSuccess(await resetTo(NEW_ADDRESS), 201, "microsoft.graph.invitation");
  });

  it("lets the address through once the delay has passed", async () => {
    tenant.updateSettings({ otherMailsReplicationDelayMs: 150 });
    await addAddress();
    expectGraphError(await resetTo(NEW_ADDRESS), 400, "BadRequest");
    await vi.waitFor(
      async () => expectSuccess(await resetTo(NEW_ADDRESS), 201, "microsoft.graph.invitation"),
      { timeout: 5000, interval: 50 },
    );
  });

  it("matches at once with the default of no delay, and settles through the control API", async () => {
    await addAddress();
    expectSuccess(await resetTo(NEW_ADDRESS), 201, "microsoft.graph.invitation");

    tenant.updateSettings({ otherMailsReplicationDelayMs: 60_000 });
    const patched = await callGraph(helpdesk, `/users/${MINIMAL_GUESTS.accepted.id}`, {
      method: "PATCH",
      body: { mail: "another@northwind.example" },
    });
    expect(patched.status).toBe(204);
    expectGraphError(await resetTo("another@northwind.example"), 400, "BadRequest");
    const settled = await fetch(`${tenant.url}/_emulator/replication/settle`, { method: "POST" });
    expect(await settled.json()).toEqual({ settled: 1 });
    expectSuccess(await resetTo("another@northwind.example"), 201, "microsoft.graph.invitation");
  });
});
