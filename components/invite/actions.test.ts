import { describe, expect, it } from "vitest";
import { getStore } from "@/lib/db";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import { PEOPLE } from "@/emulator/src/index";
import { searchPeople, sendInvitation } from "./actions";

// The invite actions end to end on the server: the local tenant in process (tokens, on-behalf-of, Graph)
// and the history in a throw-away PGlite folder.

const local = setUpActionTests("invite-actions");

const tokenFor = local.tokenFor;
const invitationPosts = () =>
  local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" }).length;

let counter = 0;
function formValues(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    email: `guest${counter}.${Date.now()}@fabrikam.com`,
    displayName: "Guest Person",
    redirectUrl: "https://myapps.microsoft.com",
    userType: "Guest",
    sendInvitationMessage: true,
    messageLanguage: "es-ES",
    customMessage: "Welcome",
    ccRecipient: "manager@contoso.com",
    sponsors: [{ id: PEOPLE.megan.id, displayName: "Megan Bowen" }],
    ...overrides,
  };
}
const newKey = () => crypto.randomUUID();

describe("sendInvitation", () => {
  it("invites through Graph and records the attempt with the inviter from the token", async () => {
    const values = formValues();
    const idempotencyKey = newKey();
    const result = await sendInvitation(await tokenFor("adele"), { values, idempotencyKey });

    expect(result).toEqual({
      ok: true,
      data: {
        invitationId: expect.any(String),
        status: "PendingAcceptance",
        guestUserId: expect.any(String),
        userPrincipalName: expect.stringContaining("#EXT#"),
        redeemUrl: expect.stringContaining("redeem"),
        requestId: expect.any(String),
        historyId: expect.any(String),
        memberships: [],
      },
    });
    if (!result.ok) return;
    expect(local.tenant.user(result.data.guestUserId)?.mail).toBe(values.email);

    const [recorded] = (
      await (await getStore()).listHistory({ limit: 1, guestQuery: values.email })
    ).items;
    expect(recorded).toMatchObject({
      kind: "single",
      outcome: "succeeded",
      idempotencyKey,
      inviterOid: PEOPLE.adele.id,
      inviterName: "Adele Vance",
      guestEmail: values.email,
      guestDisplayName: "Guest Person",
      messageLanguage: "es-ES",
      customMessage: "Welcome",
      ccRecipient: "manager@contoso.com",
      sponsorIds: [PEOPLE.megan.id],
      sendInvitationMessage: true,
      invitationId: result.data.invitationId,
      guestUserId: result.data.guestUserId,
      redeemUrl: result.data.redeemUrl,
      graphStatus: "PendingAcceptance",
      requestId: result.data.requestId,
    });
  });

  it("answers a repeated submission from the history without inviting again", async () => {
    const token = await tokenFor("adele");
    const input = { values: formValues(), idempotencyKey: newKey() };
    const first = await sendInvitation(token, input);
    const posts = invitationPosts();
    const second = await sendInvitation(token, input);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.data).toMatchObject({
      invitationId: first.data.invitationId,
      redeemUrl: first.data.redeemUrl,
      guestUserId: first.data.guestUserId,
      status: first.data.status,
    });
    expect(invitationPosts()).toBe(posts);
  });

  it("refuses a key reused for another guest instead of answering with the first guest's link", async () => {
    const token = await tokenFor("adele");
    const idempotencyKey = newKey();
    const first = await sendInvitation(token, { values: formValues(), idempotencyKey });
    expect(first.ok).toBe(true);
    const posts = invitationPosts();
    const other = await sendInvitation(token, { values: formValues(), idempotencyKey });
    expect(other).toEqual({ ok: false, error: { code: "idempotency_mismatch" } });
    expect(JSON.stringify(other)).not.toContain("redeem");
    expect(invitationPosts()).toBe(posts);
  });

  it("reports a double click while the first is in flight as duplicate_in_progress", async () => {
    local.tenant.updateSettings({ latencyMs: { invitations: 400 } });
    const token = await tokenFor("adele");
    const input = { values: formValues(), idempotencyKey: newKey() };
    const first = sendInvitation(token, input);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await sendInvitation(token, input)).toEqual({
      ok: false,
      error: { code: "duplicate_in_progress" },
    });
    expect((await first).ok).toBe(true);
  });

  it("returns invitations_restricted with the request-id, records it, and allows a retry with the same key", async () => {
    const token = await tokenFor("pradeep");
    const input = { values: formValues(), idempotencyKey: newKey() };
    const result = await sendInvitation(token, input);
    expect(result).toEqual({
      ok: false,
      error: { code: "invitations_restricted", requestId: expect.any(String) },
    });

    const [failed] = (
      await (await getStore()).listHistory({ limit: 1, guestQuery: input.values.email })
    ).items;
    expect(failed).toMatchObject({
      outcome: "failed",
      errorCode: "invitations_restricted",
      inviterOid: PEOPLE.pradeep.id,
    });
    if (result.ok) return;
    expect(failed?.requestId).toBe(result.error.requestId);

    const posts = invitationPosts();
    await sendInvitation(token, input);
    expect(invitationPosts()).toBe(posts + 1);
  });

  it("never repeats a POST answered 503: asks Graph, which shows nothing was made", async () => {
    local.tenant.injectFault({
      path: "/v1.0/invitations",
      kind: "status",
      status: 503,
      retryAfterSeconds: 0,
    });
    const before = local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" });
    const result = await sendInvitation(await tokenFor("adele"), {
      values: formValues(),
      idempotencyKey: newKey(),
    });
    expect(result).toMatchObject({ ok: false, error: { code: "not_sent" } });
    const after = local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" });
    expect(after.length - before.length).toBe(1);
  });

  it("returns throttled after bounded retries", async () => {
    local.tenant.injectFault({
      path: "/v1.0/invitations",
      kind: "status",
      status: 429,
      retryAfterSeconds: 1,
      count: 10,
    });
    const result = await sendInvitation(await tokenFor("adele"), {
      values: formValues(),
      idempotencyKey: newKey(),
    });
    expect(result).toEqual({
      ok: false,
      error: { code: "throttled", requestId: expect.any(String), retryAfterSeconds: 1 },
    });
  });

  it.each<[string, () => Promise<unknown>, string]>([
    ["no token", async () => undefined, "unauthenticated"],
    ["an expired token", () => tokenFor("adele", -7200), "session_expired"],
    [
      "a Graph token instead of the portal's",
      async () => (await local.tenant.issueToken({ user: "adele", audience: "graph" })).accessToken,
      "unauthenticated",
    ],
  ])("refuses %s before any Graph call", async (_case, makeToken, code) => {
    const before = local.tenant.requests().length;
    const result = await sendInvitation((await makeToken()) as string, {
      values: formValues(),
      idempotencyKey: newKey(),
    });
    expect(result).toEqual({ ok: false, error: { code } });
    expect(local.tenant.requests().length).toBe(before);
  });

  it("validates with the shared schema and reports errors by form field", async () => {
    const result = await sendInvitation(await tokenFor("adele"), {
      values: formValues({
        email: "guest+tag@fabrikam.com",
        redirectUrl: "http://apps.contoso.com",
      }),
      idempotencyKey: newKey(),
    });
    expect(result).toEqual({
      ok: false,
      error: { code: "validation" },
      fieldErrors: {
        email: [{ key: "validation.email.plusAddressing" }],
        redirectUrl: [{ key: "validation.redirectUrl.httpsRequired" }],
      },
    });
  });

  it("requires an idempotency key", async () => {
    const result = await sendInvitation(await tokenFor("adele"), { values: formValues() });
    expect(result).toEqual({
      ok: false,
      error: { code: "validation" },
      fieldErrors: { idempotencyKey: [{ key: "validation.invalid" }] },
    });
  });
});

describe("searchPeople", () => {
  it("finds members by prefix for the sponsor picker", async () => {
    const result = await searchPeople(await tokenFor("adele"), { query: "meg" });
    expect(result).toEqual({
      ok: true,
      data: [expect.objectContaining({ id: PEOPLE.megan.id, displayName: "Megan Bowen" })],
    });
  });

  it("refuses a caller without a token", async () => {
    expect(await searchPeople("", { query: "meg" })).toEqual({
      ok: false,
      error: { code: "unauthenticated" },
    });
  });
});
