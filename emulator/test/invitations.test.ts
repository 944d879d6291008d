import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MINIMAL_GUESTS, PEOPLE, TENANT_ID, type LocalTenant } from "../src/index";
import {
  callGraph,
  expectGraphError,
  expectSuccess,
  graphClient,
  type GraphAnswer,
} from "./helpers/graph-client";
import { graphAs } from "./helpers/graph-session";
import { assertOnlyDeclaredProperties } from "./helpers/graph-schemas";
import { graphTokenFor, startTestTenant } from "./helpers/local-tenant";
import type { Client } from "@microsoft/microsoft-graph-client";

let tenant: LocalTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset("minimal"));

const REDIRECT = "https://myapps.microsoft.com/?tenantid=" + TENANT_ID;
const invite = (client: Client, body: unknown) =>
  callGraph(client, "/invitations", { method: "POST", body });
const basic = (email: string, extra: Record<string, unknown> = {}) => ({
  invitedUserEmailAddress: email,
  inviteRedirectUrl: REDIRECT,
  ...extra,
});

function expectInvitation(answer: GraphAnswer) {
  const body = expectSuccess(answer, 201, "microsoft.graph.invitation");
  assertOnlyDeclaredProperties("microsoft.graph.invitation", body);
  return body;
}

async function readUser(id: string, select: string) {
  const reader = await graphAs(tenant, "megan", ["User.Read.All"]);
  const answer = await callGraph(
    reader,
    `/users/${encodeURIComponent(id)}?$select=${select}&$expand=sponsors($select=id,displayName)`,
  );
  const body = expectSuccess(answer, 200, "microsoft.graph.user");
  assertOnlyDeclaredProperties("microsoft.graph.user", body);
  return body;
}

describe("POST /invitations", () => {
  it("invites through the portal's real path (msal-node on-behalf-of, Graph client) and creates the guest as Entra does", async () => {
    const client = graphClient(tenant, await graphTokenFor(tenant, "adele", ["User.Invite.All"]));
    const answer = await invite(client, basic("John.Doe@Partner.fabrikam.com"));
    const invitation = expectInvitation(answer);
    expect(answer.headers.get("request-id")).toBeTruthy();
    expect(invitation).toMatchObject({
      invitedUserEmailAddress: "John.Doe@Partner.fabrikam.com",
      invitedUserDisplayName: null,
      invitedUserType: "Guest",
      sendInvitationMessage: false,
      resetRedemption: false,
      inviteRedirectUrl: REDIRECT,
      status: "PendingAcceptance",
      invitedUserMessageInfo: {
        messageLanguage: null,
        customizedMessageBody: null,
        ccRecipients: [{ emailAddress: { name: null, address: null } }],
      },
    });
    expect(invitation.id).not.toBe(invitation.invitedUser.id);
    expect(invitation.invitedUser.userPrincipalName).toBe(
      "John.Doe_Partner.fabrikam.com#EXT#@contoso.onmicrosoft.com",
    );

    const user = await readUser(
      invitation.invitedUser.id,
      "id,displayName,mail,userPrincipalName,userType,externalUserState,externalUserStateChangeDateTime,creationType,createdDateTime,otherMails",
    );
    expect(user).toMatchObject({
      userType: "Guest",
      externalUserState: "PendingAcceptance",
      creationType: "Invitation",
      mail: "John.Doe@Partner.fabrikam.com",
    });
    expect(user.sponsors).toEqual([
      { "@odata.type": "#microsoft.graph.user", id: PEOPLE.adele.id, displayName: "Adele Vance" },
    ]);
  });

  it("echoes every property and honours given sponsors", async () => {
    const client = await graphAs(tenant, "isaiah", ["User.Invite.All"]);
    const invitation = expectInvitation(
      await invite(client, {
        invitedUserEmailAddress: "ana_lopez@northwind.example",
        invitedUserDisplayName: "Ana López",
        inviteRedirectUrl: "https://contoso.example/welcome",
        invitedUserType: "guest",
        sendInvitationMessage: true,
        invitedUserMessageInfo: {
          messageLanguage: "es-ES",
          customizedMessageBody: "Hola Ana, <b>bienvenida</b>",
          ccRecipients: [{ emailAddress: { address: "pm@contoso.example", name: "PM" } }],
        },
        invitedUserSponsors: [{ id: PEOPLE.megan.id }],
      }),
    );
    expect(invitation).toMatchObject({
      invitedUserDisplayName: "Ana López",
      invitedUserType: "Guest",
      sendInvitationMessage: true,
      invitedUserMessageInfo: {
        messageLanguage: "es-ES",
        customizedMessageBody: "Hola Ana, <b>bienvenida</b>",
        ccRecipients: [{ emailAddress: { address: "pm@contoso.example", name: "PM" } }],
      },
      invitedUserSponsors: [{ id: PEOPLE.megan.id }],
    });
    const user = await readUser(invitation.invitedUser.id, "displayName");
    expect(user.displayName).toBe("Ana López");
    expect(user.sponsors.map((sponsor: { id: string }) => sponsor.id)).toEqual([PEOPLE.megan.id]);
  });

  it("returns a redeem URL in Microsoft's shape that opens the local redeem page, and accepting redeems the guest", async () => {
    const client = await graphAs(tenant, "adele", ["User.Invite.All"]);
    const invitation = expectInvitation(await invite(client, basic("redeem.me@fabrikam.com")));
    const url = new URL(invitation.inviteRedeemUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${tenant.url}/redeem`);
    const inner = new URL(url.searchParams.get("rd")!);
    expect(`${inner.origin}${inner.pathname}`).toBe("https://invitations.microsoft.com/redeem/");
    expect(inner.searchParams.get("tenant")).toBe(TENANT_ID);
    expect(inner.searchParams.get("user")).toBe(invitation.id);
    expect(inner.searchParams.get("ticket")).toBeTruthy();
    expect(inner.searchParams.get("ver")).toBe("2.0");

    const page = await fetch(invitation.inviteRedeemUrl);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("redeem.me@fabrikam.com");
    expect(html).toMatch(/<button type="submit"[^>]*>Accept<\/button>/);
    const before = Date.now();
    const accepted = await fetch(`${tenant.url}/redeem`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ rd: url.searchParams.get("rd")! }).toString(),
    });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe(REDIRECT);
    const user = await readUser(
      invitation.invitedUser.id,
      "externalUserState,externalUserStateChangeDateTime",
    );
    expect(user.externalUserState).toBe("Accepted");
    expect(Date.parse(user.externalUserStateChangeDateTime)).toBeGreaterThanOrEqual(before - 1000);

    const broken = await fetch(
      `${tenant.url}/redeem?rd=${encodeURIComponent(inner.toString().replace(/ticket=[^&]+/, "ticket=forged"))}`,
    );
    expect(broken.status).toBe(400);

    tenant.updateSettings({ redeemOrigin: "http://localhost:9999" });
    const elsewhere = expectInvitation(await invite(client, basic("other@fabrikam.com")));
    expect(
      elsewhere.inviteRedeemUrl.startsWith(
        "http://localhost:9999/redeem?rd=https%3A%2F%2Finvitations.microsoft.com%2Fredeem%2F%3Ftenant%3D",
      ),
    ).toBe(true);
  });

  it("re-invites a pending guest with a new invitation and the same user, and a redeemed one as Completed", async () => {
    const client = await graphAs(tenant, "adele", ["User.Invite.All"]);
    const pending = expectInvitation(
      await invite(
        client,
        basic(MINIMAL_GUESTS.pending.email.toUpperCase(), { sendInvitationMessage: false }),
      ),
    );
    expect(pending.invitedUser.id).toBe(MINIMAL_GUESTS.pending.id);
    expect(pending.status).toBe("PendingAcceptance");
    const again = expectInvitation(await invite(client, basic(MINIMAL_GUESTS.pending.email)));
    expect(again.id).not.toBe(pending.id);
    expect(again.inviteRedeemUrl).not.toBe(pending.inviteRedeemUrl);
    expect(again.invitedUser.id).toBe(MINIMAL_GUESTS.pending.id);

    const redeemed = expectInvitation(await invite(client, basic(MINIMAL_GUESTS.accepted.email)));
    expect(redeemed).toMatchObject({
      status: "Completed",
      invitedUser: { id: MINIMAL_GUESTS.accepted.id },
    });
    tenant.updateSettings({ reinviteRedeemedStatus: "PendingAcceptance" });
    expect(
      expectInvitation(await invite(client, basic(MINIMAL_GUESTS.accepted.email))).status,
    ).toBe("PendingAcceptance");
  });

  it("refuses the address of a member with the message seen in the wild", async () => {
    const client = await graphAs(tenant, "adele", ["User.Invite.All"]);
    const error = expectGraphError(
      await invite(client, basic(PEOPLE.megan.mail)),
      400,
      "BadRequest",
    );
    expect(error.message).toBe(
      `The invited user already exists in the directory as object ID: ${PEOPLE.megan.id}.`,
    );
  });

  it("answers a person the policy refuses with the 401 of the invitation service, not 403", async () => {
    const refused = await invite(
      await graphAs(tenant, "pradeep", ["User.Invite.All"]),
      basic("a@fabrikam.com"),
    );
    expect(expectGraphError(refused, 401, "Unauthorized").message).toBe(
      `Insufficient privileges to perform requested operation by the application '00000003-0000-0000-c000-000000000000'. ControllerName=MSGraphInviteAPI, ActionName=CreateInvite, URL absolute path=/api/${TENANT_ID}/invites`,
    );
    expect(tenant.invitations()).toHaveLength(0);

    tenant.updateSettings({ allowInvitesFrom: "adminsAndGuestInviters" });
    expectGraphError(
      await invite(await graphAs(tenant, "adele", ["User.Invite.All"]), basic("b@fabrikam.com")),
      401,
      "Unauthorized",
    );
    expectInvitation(
      await invite(await graphAs(tenant, "isaiah", ["User.Invite.All"]), basic("c@fabrikam.com")),
    );
  });

  it("answers the documented 403 when the tenant allows no invitations at all, even for a Guest Inviter", async () => {
    tenant.updateSettings({ allowInvitesFrom: "none" });
    for (const person of ["isaiah", "pradeep"] as const) {
      const answer = await invite(
        await graphAs(tenant, person, ["User.Invite.All"]),
        basic("d@fabrikam.com"),
      );
      expect(expectGraphError(answer, 403).message).toBe(
        "Guest invitations not allowed for your company. Contact your company administrator for more details.",
      );
    }
  });

  it("answers a refused person with the 403 instead when inviteRefusedAnswer is notAllowed", async () => {
    tenant.updateSettings({ inviteRefusedAnswer: "notAllowed" });
    const answer = await invite(
      await graphAs(tenant, "pradeep", ["User.Invite.All"]),
      basic("e@fabrikam.com"),
    );
    expect(expectGraphError(answer, 403).message).toMatch(/^Guest invitations not allowed/);
  });

  it("lets only administrators invite a Member", async () => {
    expectGraphError(
      await invite(
        await graphAs(tenant, "adele", ["User.Invite.All"]),
        basic("e@fabrikam.com", { invitedUserType: "Member" }),
      ),
      403,
      "Authorization_RequestDenied",
    );
    const member = expectInvitation(
      await invite(
        await graphAs(tenant, "megan", ["User.Invite.All"]),
        basic("f@fabrikam.com", { invitedUserType: "Member" }),
      ),
    );
    expect(member.invitedUserType).toBe("Member");
    expect((await readUser(member.invitedUser.id, "userType")).userType).toBe("Member");
  });

  it("applies the domain allow and deny lists", async () => {
    const client = await graphAs(tenant, "adele", ["User.Invite.All"]);
    tenant.updateSettings({ domainDenyList: ["blocked.example"] });
    const denied = expectGraphError(await invite(client, basic("x@Blocked.example")), 403);
    expect(denied.message).toMatch(/domain/i);
    tenant.updateSettings({ domainDenyList: [], domainAllowList: ["fabrikam.com"] });
    expectGraphError(await invite(client, basic("x@northwind.example")), 403);
    expectInvitation(await invite(client, basic("x@fabrikam.com")));
  });

  it.each([
    [{ inviteRedirectUrl: REDIRECT }, /invitedUserEmailAddress/],
    [basic(""), /invitedUserEmailAddress/],
    [basic("no-at-sign.example"), /not valid/],
    [basic("john+tag@fabrikam.com"), /not valid/],
    [basic(".john@fabrikam.com"), /not valid/],
    [basic("john-@fabrikam.com"), /not valid/],
    [basic("jo(hn)@fabrikam.com"), /not valid/],
    [basic("john@fabrikam"), /not valid/],
    [{ invitedUserEmailAddress: "a@fabrikam.com" }, /inviteRedirectUrl/],
    [basic("a@fabrikam.com", { inviteRedirectUrl: "javascript:alert(1)" }), /inviteRedirectUrl/],
    [basic("a@fabrikam.com", { invitedUserType: "Owner" }), /invitedUserType/],
    [
      basic("a@fabrikam.com", {
        invitedUserMessageInfo: {
          ccRecipients: [
            { emailAddress: { address: "a@b.example" } },
            { emailAddress: { address: "c@d.example" } },
          ],
        },
      }),
      /one ccRecipient/,
    ],
    [
      basic("a@fabrikam.com", { invitedUserMessageInfo: { messageLanguage: "not a language" } }),
      /messageLanguage/,
    ],
    [
      basic("a@fabrikam.com", {
        invitedUserSponsors: [{ id: "00000000-0000-0000-0000-000000000000" }],
      }),
      /sponsor/,
    ],
  ])("refuses an invalid request %#", async (body, message) => {
    const client = await graphAs(tenant, "adele", ["User.Invite.All"]);
    expect(expectGraphError(await invite(client, body), 400, "BadRequest").message).toMatch(
      message,
    );
  });

  it("accepts underscores anywhere and inner periods and hyphens", async () => {
    const client = await graphAs(tenant, "adele", ["User.Invite.All"]);
    for (const email of ["_john_@fabrikam.com", "jo.hn-doe@fabrikam.com", "o'brien@fabrikam.com"]) {
      expectInvitation(await invite(client, basic(email)));
    }
  });
});

describe("reset redemption", () => {
  const reset = (email: string, id: string = MINIMAL_GUESTS.accepted.id) =>
    basic(email, { resetRedemption: true, invitedUser: { id } });

  it("needs User.ReadWrite.All, then a Helpdesk, User or Global Administrator (Generic authorization exception)", async () => {
    expectGraphError(
      await invite(
        await graphAs(tenant, "lee", ["User.Invite.All"]),
        reset(MINIMAL_GUESTS.accepted.email),
      ),
      403,
      "Authorization_RequestDenied",
    );
    for (const person of ["adele", "isaiah"] as const) {
      const refused = expectGraphError(
        await invite(
          await graphAs(tenant, person, ["User.ReadWrite.All"]),
          reset(MINIMAL_GUESTS.accepted.email),
        ),
        403,
        "Forbidden",
      );
      expect(refused.message).toBe("Generic authorization exception.");
    }
    // A Helpdesk Administrator may not reset someone who holds an administrator role.
    expectGraphError(
      await invite(
        await graphAs(tenant, "lee", ["User.ReadWrite.All"]),
        reset(PEOPLE.megan.mail, PEOPLE.megan.id),
      ),
      403,
      "Forbidden",
    );
    expectGraphError(
      await invite(
        await graphAs(tenant, "lee", ["User.ReadWrite.All"]),
        basic(MINIMAL_GUESTS.accepted.email, { resetRedemption: true }),
      ),
      400,
    );
    expect(tenant.invitations()).toHaveLength(0);
  });

  it("keeps the user, goes back to PendingAcceptance and retires earlier redeem links", async () => {
    const inviter = await graphAs(tenant, "adele", ["User.Invite.All"]);
    const earlier = expectInvitation(await invite(inviter, basic(MINIMAL_GUESTS.accepted.email)));
    const helpdesk = await graphAs(tenant, "lee", ["User.ReadWrite.All"]);
    const answer = expectInvitation(await invite(helpdesk, reset(MINIMAL_GUESTS.accepted.email)));
    expect(answer).toMatchObject({
      resetRedemption: true,
      status: "PendingAcceptance",
      invitedUser: { id: MINIMAL_GUESTS.accepted.id },
    });
    const afterReset = await readUser(
      MINIMAL_GUESTS.accepted.id,
      "externalUserState,externalUserStateChangeDateTime",
    );
    expect(afterReset.externalUserState).toBe("PendingAcceptance");
    expect((await fetch(earlier.inviteRedeemUrl)).status).toBe(400);
    expect((await fetch(answer.inviteRedeemUrl)).status).toBe(200);
    // The state did not change on a second reset, so neither does the time of its latest change.
    const again = expectInvitation(await invite(helpdesk, reset(MINIMAL_GUESTS.accepted.email)));
    expect(again.status).toBe("PendingAcceptance");
    const afterSecond = await readUser(
      MINIMAL_GUESTS.accepted.id,
      "externalUserState,externalUserStateChangeDateTime",
    );
    expect(afterSecond.externalUserStateChangeDateTime).toBe(
      afterReset.externalUserStateChangeDateTime,
    );
  });

  it("refuses a new address that is not on mail or otherMails, and accepts it once added", async () => {
    const helpdesk = await graphAs(tenant, "lee", ["User.ReadWrite.All"]);
    const mismatch = expectGraphError(
      await invite(helpdesk, reset("new.address@northwind.example")),
      400,
      "BadRequest",
    );
    expect(mismatch.message).toBe(
      "The email you’re using to invite this user doesn’t match any emails on the user object. Please add this email to the user object and try again.",
    );
    const patched = await callGraph(helpdesk, `/users/${MINIMAL_GUESTS.accepted.id}`, {
      method: "PATCH",
      body: { otherMails: [MINIMAL_GUESTS.accepted.email, "new.address@northwind.example"] },
    });
    expect(patched.status).toBe(204);
    const answer = expectInvitation(await invite(helpdesk, reset("new.address@northwind.example")));
    expect(answer.invitedUser.userPrincipalName).toBe(
      `${MINIMAL_GUESTS.accepted.email.replace("@", "_")}#EXT#@contoso.onmicrosoft.com`,
    );
  });
});

describe("throttling", () => {
  it("answers the 151st request of a window with 429 and Retry-After, or without it when configured", async () => {
    // Graph's window is 5 s; a longer one keeps a busy machine from letting it slide mid-test.
    tenant.updateSettings({ invitationRateLimit: { requests: 150, windowSeconds: 120 } });
    const client = await graphAs(tenant, "adele", ["User.Invite.All"]);
    for (let index = 0; index < 150; index++) {
      const answer = await invite(client, basic(`load${index}@fabrikam.com`));
      expect(answer.status).toBe(201);
    }
    const throttled = await invite(client, basic("one-too-many@fabrikam.com"));
    expectGraphError(throttled, 429, "TooManyRequests");
    const retryAfter = Number(throttled.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(120);

    tenant.updateSettings({ sendRetryAfter: false });
    const silent = await invite(client, basic("one-more@fabrikam.com"));
    expectGraphError(silent, 429, "TooManyRequests");
    expect(silent.headers.get("retry-after")).toBeNull();
  });

  it("counts all callers of the tenant together", async () => {
    tenant.updateSettings({ invitationRateLimit: { requests: 3, windowSeconds: 120 } });
    const adele = await graphAs(tenant, "adele", ["User.Invite.All"]);
    const isaiah = await graphAs(tenant, "isaiah", ["User.Invite.All"]);
    await invite(adele, basic("a1@fabrikam.com"));
    await invite(isaiah, basic("a2@fabrikam.com"));
    await invite(adele, basic("a3@fabrikam.com"));
    expectGraphError(await invite(isaiah, basic("a4@fabrikam.com")), 429);
  });
});

describe("bad input on POST /invitations", () => {
  const raw = async (init: RequestInit & { path?: string }) => {
    const { accessToken } = await tenant.issueToken({
      user: "adele",
      audience: "graph",
      scopes: ["User.Invite.All"],
    });
    const response = await fetch(`${tenant.url}${init.path ?? "/v1.0/invitations"}`, {
      method: "POST",
      ...init,
      headers: {
        authorization: `Bearer ${accessToken}`,
        "content-type": "application/json",
        ...(init.headers as Record<string, string>),
      },
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : null,
    } as GraphAnswer;
  };

  it("answers malformed JSON, an empty body and a wrong content type with Graph's payload error", async () => {
    const message =
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.";
    expect(
      expectGraphError(await raw({ body: '{"invitedUserEmailAddress": ' }), 400, "BadRequest")
        .message,
    ).toBe(message);
    expect(expectGraphError(await raw({ body: "" }), 400, "BadRequest").message).toBe(message);
    expect(
      expectGraphError(
        await raw({
          body: JSON.stringify(basic("a@fabrikam.com")),
          headers: { "content-type": "text/plain" },
        }),
        400,
      ).message,
    ).toBe(message);
  });

  it("answers unknown properties, wrong types and nulls the way Graph's OData reader does", async () => {
    expect(
      expectGraphError(
        await raw({ body: JSON.stringify(basic("a@fabrikam.com", { colour: "blue" })) }),
        400,
      ).message,
    ).toBe(
      "The property 'colour' does not exist on type 'microsoft.graph.invitation'. Make sure to only use property names that are defined by the type or mark the type as open type.",
    );
    expect(
      expectGraphError(
        await raw({
          body: JSON.stringify(basic("a@fabrikam.com", { sendInvitationMessage: "yes" })),
        }),
        400,
      ).message,
    ).toBe("Cannot convert the literal 'yes' to the expected type 'Edm.Boolean'.");
    expect(
      expectGraphError(
        await raw({
          body: JSON.stringify({ invitedUserEmailAddress: 42, inviteRedirectUrl: REDIRECT }),
        }),
        400,
      ).message,
    ).toMatch(/Edm.String/);
    expect(
      expectGraphError(
        await raw({
          body: JSON.stringify(basic("a@fabrikam.com", { invitedUserMessageInfo: "hello" })),
        }),
        400,
      ).message,
    ).toMatch(/StartObject/);
    expect(
      expectGraphError(
        await raw({
          body: JSON.stringify({
            invitedUserEmailAddress: "a@fabrikam.com",
            inviteRedirectUrl: null,
          }),
        }),
        400,
      ).message,
    ).toMatch(/Nullable=False/);
    expect(
      expectGraphError(await raw({ body: JSON.stringify([basic("a@fabrikam.com")]) }), 400).message,
    ).toMatch(/StartArray/);
    expectGraphError(
      await raw({
        body: JSON.stringify(
          basic("a@fabrikam.com", {
            invitedUserMessageInfo: {
              ccRecipients: [{ emailAddress: { address: "a@b.example", phone: "1" } }],
            },
          }),
        ),
      }),
      400,
    );
  });

  it("answers an oversize body with 413, wrong methods with 405 and unknown segments with 400", async () => {
    expectGraphError(
      await raw({
        body: JSON.stringify(
          basic("a@fabrikam.com", { invitedUserDisplayName: "x".repeat(5 * 1024 * 1024) }),
        ),
      }),
      413,
    );
    expectGraphError(await raw({ method: "GET", body: undefined }), 405);
    expectGraphError(await raw({ method: "PUT", body: "{}" }), 405);
    const unknown = await raw({ method: "GET", body: undefined, path: "/v1.0/invitationz" });
    expect(expectGraphError(unknown, 400, "BadRequest").message).toBe(
      "Resource not found for the segment 'invitationz'.",
    );
  });
});
