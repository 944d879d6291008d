import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { LocalTenant } from "../src/index";
import {
  callGraph,
  expectGraphError,
  expectSuccess,
  retryingGraphClient,
} from "./helpers/graph-client";
import { graphAs } from "./helpers/graph-session";
import type { CheckedBody } from "./helpers/graph-schemas";
import { startTestTenant } from "./helpers/local-tenant";

// Faults that let Graph act and then lose the answer (docs/graph-behaviour.md#retrying-a-post: a 504, a timeout or a dropped
// connection can come after the invitation was created).

let tenant: LocalTenant;
let inviter: Client;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(async () => {
  tenant.reset("minimal");
  inviter = await graphAs(tenant, "adele", ["User.Invite.All"]);
});

const ADDRESS = "lost.answer@fabrikam.com";
const INVITATION = {
  invitedUserEmailAddress: ADDRESS,
  inviteRedirectUrl: "https://example.com",
  sendInvitationMessage: true,
};
const invite = (client: Client = inviter, body: unknown = INVITATION) =>
  callGraph(client, "/invitations", { method: "POST", body });

async function rawInvite(signal?: AbortSignal) {
  const { accessToken } = await tenant.issueToken({
    user: "adele",
    audience: "graph",
    scopes: ["User.Invite.All"],
  });
  return fetch(`${tenant.url}/v1.0/invitations`, {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify(INVITATION),
    ...(signal ? { signal } : {}),
  });
}

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${tenant.url}/_emulator${path}`, {
    method,
    ...(body !== undefined
      ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }
      : {}),
  });
  return { status: response.status, body: (await response.json()) as CheckedBody };
}

describe("faults that act, then lose the answer", () => {
  it("act-then-status 504: Graph's gateway body, and exactly one invitation and one e-mail behind it", async () => {
    tenant.injectFault({ path: "/v1.0/invitations", kind: "act-then-status", status: 504 });
    const answer = await invite();
    const error = expectGraphError(answer, 504, "UnknownError");
    expect(error.message).toBe("");

    expect(tenant.invitations()).toHaveLength(1);
    expect(tenant.invitations()[0]).toMatchObject({ invitedUserEmailAddress: ADDRESS });
    expect(tenant.emailsSent({ to: ADDRESS })).toHaveLength(1);
    const [logged] = tenant.requests({ pathPrefix: "/v1.0/invitations" });
    expect(logged).toMatchObject({ status: 504, fault: "act-then-status" });

    // The fault was used up: the next call answers normally.
    expectSuccess(await invite(), 201, "microsoft.graph.invitation");
    expect(tenant.emailsSent({ to: ADDRESS })).toHaveLength(2);
  });

  it("act-then-drop: the connection dies with no answer, and the invitation exists", async () => {
    tenant.injectFault({ path: "/v1.0/invitations", kind: "act-then-drop" });
    await expect(rawInvite()).rejects.toThrow();
    expect(tenant.invitations()).toHaveLength(1);
    expect(tenant.emailsSent({ to: ADDRESS })).toHaveLength(1);
    await vi.waitFor(() =>
      expect(tenant.requests({ pathPrefix: "/v1.0/invitations" })[0]).toMatchObject({
        status: null,
        fault: "act-then-drop",
      }),
    );
    expect((await fetch(`${tenant.url}/_emulator/health`)).status).toBe(200);
  });

  it("act-then-delay: the invitation exists while the answer is held back, and a caller who gives up never sees it", async () => {
    tenant.injectFault({ path: "/v1.0/invitations", kind: "act-then-delay", delayMs: 3000 });
    const caller = new AbortController();
    const pending = rawInvite(caller.signal);
    await vi.waitFor(() => expect(tenant.invitations()).toHaveLength(1));
    caller.abort();
    await expect(pending).rejects.toThrow();
    expect(tenant.emailsSent({ to: ADDRESS })).toHaveLength(1);
  });

  it("act-then-delay: a patient caller gets the real answer", async () => {
    tenant.injectFault({ path: "/v1.0/invitations", kind: "act-then-delay", delayMs: 50 });
    const body = expectSuccess(await invite(), 201, "microsoft.graph.invitation");
    expect(body.id).toBe(tenant.invitations()[0]!.id);
    expect(tenant.requests({ pathPrefix: "/v1.0/invitations" })[0]).toMatchObject({
      status: 201,
      fault: "act-then-delay",
    });
  });

  it("lets the Graph client's retry handler send a second e-mail after an act-then-504", async () => {
    const { accessToken } = await tenant.issueToken({
      user: "adele",
      audience: "graph",
      scopes: ["User.Invite.All"],
    });
    const retrying = retryingGraphClient(tenant, accessToken, { delaySeconds: 0, maxRetries: 1 });
    tenant.injectFault({ path: "/v1.0/invitations", kind: "act-then-status", status: 504 });
    expectSuccess(await invite(retrying), 201, "microsoft.graph.invitation");
    expect(tenant.invitations()).toHaveLength(2);
    expect(tenant.emailsSent({ to: ADDRESS })).toHaveLength(2);
  });

  it("keeps the old faults throwing the work away", async () => {
    tenant.injectFault({ path: "/v1.0/invitations", kind: "status", status: 504 });
    expectGraphError(await invite(), 504, "UnknownError");
    tenant.injectFault({ path: "/v1.0/invitations", kind: "drop" });
    await expect(rawInvite()).rejects.toThrow();
    expect(tenant.invitations()).toHaveLength(0);
    expect(tenant.emailsSent()).toHaveLength(0);
  });
});

describe("e-mails counted", () => {
  it("counts only invitations sent with sendInvitationMessage, per address, through the control API too", async () => {
    expectSuccess(await invite(), 201, "microsoft.graph.invitation");
    expectSuccess(
      await invite(inviter, { ...INVITATION, sendInvitationMessage: false }),
      201,
      "microsoft.graph.invitation",
    );
    expectSuccess(
      await invite(inviter, {
        ...INVITATION,
        invitedUserEmailAddress: "other@fabrikam.com",
        invitedUserMessageInfo: {
          ccRecipients: [{ emailAddress: { address: "boss@contoso.com" } }],
        },
      }),
      201,
      "microsoft.graph.invitation",
    );
    expect(tenant.emailsSent()).toHaveLength(2);
    expect(tenant.emailsSent({ to: "OTHER@fabrikam.com" })[0]).toMatchObject({
      to: "other@fabrikam.com",
      cc: ["boss@contoso.com"],
      resetRedemption: false,
    });

    const emails = await control("GET", "/emails");
    expect(emails.body).toMatchObject({
      total: 2,
      perAddress: { [ADDRESS]: 1, "other@fabrikam.com": 1 },
    });
    expect(JSON.stringify(emails.body)).not.toContain("redeem");
    expect((await control("GET", `/emails?to=${ADDRESS}`)).body.total).toBe(1);
  });

  it("injects answer-losing faults through the control API, and validates them", async () => {
    expect(
      (await control("POST", "/faults", { path: "/v1.0/invitations", kind: "act-then-delay" }))
        .status,
    ).toBe(400);
    expect(
      (await control("POST", "/faults", { path: "/v1.0/invitations", kind: "act-then-status" }))
        .status,
    ).toBe(400);
    const added = await control("POST", "/faults", {
      path: "/v1.0/invitations",
      kind: "act-then-status",
      status: 504,
      count: 2,
    });
    expect(added.body).toMatchObject({ kind: "act-then-status", remaining: 2 });
    expectGraphError(await invite(), 504);
    expectGraphError(await invite(), 504);
    expectSuccess(await invite(), 201, "microsoft.graph.invitation");
    expect((await control("GET", "/emails")).body.total).toBe(3);
  });
});
