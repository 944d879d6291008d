import { describe, expect, it } from "vitest";
import { inProcessLocalTenant } from "@/test-support/in-process-local-tenant";
import { validateAccessToken } from "@/lib/auth/validate-access-token";
import { MINIMAL_GUESTS, PEOPLE } from "@/emulator/src/index";
import { postInvitation, postRedemptionReset } from "./invitations";
import { searchDirectoryUsers } from "./users";
import { failureOf } from "@/test-support/scripted-graph-connection";

// The Graph adapter against the local tenant (emulator/), in process: real tokens, real on-behalf-of
// exchange, real Graph routes and error bodies.
const { tenant: localTenant, signedIn } = inProcessLocalTenant("minimal");

let counter = 0;
const invitation = (email = `guest${(counter += 1)}.${Date.now()}@fabrikam.com`) => ({
  invitedUserEmailAddress: email,
  inviteRedirectUrl: "https://myapps.microsoft.com",
  sendInvitationMessage: false,
});

describe("the Graph adapter against the local tenant", () => {
  it("validates the tenant's tokens with its published keys", async () => {
    const caller = await signedIn("adele");
    expect(caller).toMatchObject({
      tid: localTenant().tenantId,
      upn: expect.stringMatching(/^adele@/),
    });
  });

  it("invites on behalf of the caller and returns the redeem URL and request-id", async () => {
    const caller = await signedIn("adele");
    const request = invitation();
    const { invitation: sent, requestId } = await postInvitation(caller, request);
    expect(sent).toMatchObject({
      invitedUserEmailAddress: request.invitedUserEmailAddress,
      status: "PendingAcceptance",
      inviteRedeemUrl: expect.stringContaining("redeem"),
      invitedUser: { id: expect.any(String) },
    });
    expect(requestId).toEqual(expect.any(String));
    const [exchange] = localTenant()
      .requests({ pathPrefix: `/${localTenant().tenantId}/oauth2/v2.0/token` })
      .slice(-1);
    expect(exchange?.body).toMatchObject({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    });
    const scopes = String((exchange?.body as { scope?: string }).scope).split(" ");
    expect(scopes).toContain("https://graph.microsoft.com/User.Invite.All");
    expect(scopes.filter((scope) => scope.startsWith("https://graph.microsoft.com/"))).toHaveLength(
      1,
    );
  });

  it("refuses the tenant's expired tokens as session_expired", async () => {
    const { accessToken } = await localTenant().issueToken({
      user: "adele",
      audience: "portal-api",
      issuedAtOffsetSeconds: -7200,
    });
    await expect(validateAccessToken(accessToken)).rejects.toMatchObject({
      name: "AuthError",
      code: "session_expired",
    });
  });

  it("maps a restricted inviter to invitations_restricted with the request-id", async () => {
    const failure = await failureOf(postInvitation(await signedIn("pradeep"), invitation()));
    expect(failure).toMatchObject({
      code: "invitations_restricted",
      status: 401, // as real Graph answers (emulator/README.md, "Behaviour and its source")
      requestId: expect.any(String),
    });
  });

  it("maps a blocked domain to domain_blocked", async () => {
    localTenant().updateSettings({ domainDenyList: ["blocked.example"] });
    const failure = await failureOf(
      postInvitation(await signedIn("adele"), invitation("someone@blocked.example")),
    );
    expect(failure.code).toBe("domain_blocked");
  });

  it("maps a member's address to member_exists", async () => {
    const member = localTenant().user(PEOPLE.megan.id);
    expect(member?.mail).toBeTruthy();
    const failure = await failureOf(
      postInvitation(await signedIn("adele"), invitation(member?.mail ?? "")),
    );
    expect(failure.code).toBe("member_exists");
  });

  it("repeats a POST after 429, never after 503: a 503 may come after Graph acted", async () => {
    localTenant().injectFault({
      path: "/v1.0/invitations",
      kind: "status",
      status: 429,
      retryAfterSeconds: 0,
    });
    const { invitation: sent } = await postInvitation(await signedIn("adele"), invitation());
    expect(sent.status).toBe("PendingAcceptance");
    expect(
      localTenant().requests({ pathPrefix: "/v1.0/invitations", method: "POST" }),
    ).toHaveLength(2);

    localTenant().injectFault({
      path: "/v1.0/invitations",
      kind: "status",
      status: 503,
      retryAfterSeconds: 0,
    });
    const failure = await failureOf(postInvitation(await signedIn("adele"), invitation()));
    expect(failure).toMatchObject({ code: "graph_unreachable", status: 503 });
    expect(
      localTenant().requests({ pathPrefix: "/v1.0/invitations", method: "POST" }),
    ).toHaveLength(3);
  });

  it("repeats a read after 503", async () => {
    localTenant().injectFault({
      path: "/v1.0/users",
      kind: "status",
      status: 503,
      retryAfterSeconds: 0,
    });
    const found = await searchDirectoryUsers(await signedIn("adele"), "Adele");
    expect(found.length).toBeGreaterThan(0);
    expect(localTenant().requests({ pathPrefix: "/v1.0/users", method: "GET" })).toHaveLength(2);
  });

  it("gives up as throttled after bounded retries", async () => {
    localTenant().injectFault({
      path: "/v1.0/invitations",
      kind: "status",
      status: 429,
      retryAfterSeconds: 0,
      count: 10,
    });
    const failure = await failureOf(postInvitation(await signedIn("adele"), invitation()));
    expect(failure).toMatchObject({ code: "throttled", retryAfterSeconds: 0 });
    expect(
      localTenant().requests({ pathPrefix: "/v1.0/invitations", method: "POST" }),
    ).toHaveLength(4);
  });

  it("searches members for the sponsor picker, leaving guests out", async () => {
    const people = await searchDirectoryUsers(await signedIn("adele"), "Ad");
    expect(people.map((person) => person.displayName)).toContain("Adele Vance");
    const guests = await searchDirectoryUsers(await signedIn("adele"), "Pending");
    expect(guests).toEqual([]);
  });

  it("resets a guest's redemption as a helpdesk administrator", async () => {
    const { invitation: reset } = await postRedemptionReset(await signedIn("lee"), {
      userId: MINIMAL_GUESTS.pending.id,
      email: MINIMAL_GUESTS.pending.email,
      redirectUrl: "https://myapps.microsoft.com",
      sendInvitationMessage: false,
    });
    expect(reset).toMatchObject({
      status: "PendingAcceptance",
      invitedUser: { id: MINIMAL_GUESTS.pending.id },
    });
  });

  it("maps a reset by a member without an admin role to forbidden", async () => {
    const failure = await failureOf(
      postRedemptionReset(await signedIn("adele"), {
        userId: MINIMAL_GUESTS.pending.id,
        email: MINIMAL_GUESTS.pending.email,
        redirectUrl: "https://myapps.microsoft.com",
        sendInvitationMessage: false,
      }),
    );
    expect(failure).toMatchObject({ code: "forbidden", status: 403 });
  });

  it("maps a reset to an e-mail not on the user to email_mismatch", async () => {
    const failure = await failureOf(
      postRedemptionReset(await signedIn("lee"), {
        userId: MINIMAL_GUESTS.pending.id,
        email: "someone.else@contoso-partner.example",
        redirectUrl: "https://myapps.microsoft.com",
        sendInvitationMessage: false,
      }),
    );
    expect(failure.code).toBe("email_mismatch");
  });
});
