import { describe, expect, it } from "vitest";
import { AuthError } from "@/lib/auth/auth-error";
import { mapGraphError } from "@/lib/graph/map-graph-error";
import { ActionFailure } from "@/lib/server-action/action-failure";
import { buildInvitationRequest } from "./graph-request";
import { codeOf, failureOf } from "./attempt-outcome";
import { attemptOf } from "./recorded-send";

// The sequence itself runs end to end in the invite and pending action tests and the worker test.

describe("codeOf", () => {
  it("keeps the real code of every kind of failure the sequence meets", () => {
    expect(codeOf(mapGraphError({ status: 429 }, "invite"))).toBe("throttled");
    expect(codeOf(new ActionFailure("duplicate_in_progress"))).toBe("duplicate_in_progress");
    expect(codeOf(new AuthError("session_expired"))).toBe("session_expired");
    expect(codeOf(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBe(
      "ECONNREFUSED",
    );
    expect(codeOf(new Error("a bug"))).toBe("internal");
    expect(codeOf("thrown text")).toBe("internal");
  });

  it("keeps Graph's request-id with a Graph failure only", () => {
    const graph = mapGraphError({ status: 403, requestId: "rid-1" }, "invite");
    expect(failureOf(graph)).toMatchObject({
      errorCode: "invitations_restricted",
      requestId: "rid-1",
    });
    expect(failureOf(new AuthError("session_expired", "refused"))).toEqual({
      errorCode: "session_expired",
      errorMessage: "refused",
      requestId: null,
    });
  });
});

describe("attemptOf", () => {
  it("records what is sent to Graph and who sends it", () => {
    const request = buildInvitationRequest({
      email: " ana@fabrikam.com ",
      displayName: "Ana",
      redirectUrl: "https://myapps.microsoft.com",
      userType: "Member",
      sendInvitationMessage: true,
      messageLanguage: "es-ES",
      customMessage: "Hola",
      ccRecipient: "boss@contoso.com",
      sponsors: [{ id: "sponsor-1", displayName: "Megan" }],
    });
    const inviter = { oid: "oid-1", name: "Adele Vance", upn: null };
    expect(attemptOf("single", inviter, request, { idempotencyKey: "key-12345" })).toEqual({
      kind: "single",
      idempotencyKey: "key-12345",
      requestHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      inviterOid: "oid-1",
      inviterName: "Adele Vance",
      inviterUpn: null,
      guestEmail: "ana@fabrikam.com",
      guestDisplayName: "Ana",
      guestUserId: null,
      userType: "Member",
      redirectUrl: "https://myapps.microsoft.com",
      messageLanguage: "es-ES",
      customMessage: "Hola",
      ccRecipient: "boss@contoso.com",
      sponsorIds: ["sponsor-1"],
      sendInvitationMessage: true,
    });
  });

  it("takes the guest the directory knows, and the row's address when the request has none", () => {
    const inviter = { oid: "oid-1", name: null, upn: null };
    const reset = { invitedUserEmailAddress: "b@x.example", invitedUser: { id: "user-9" } };
    expect(
      attemptOf("reset_redemption", inviter, reset, {
        idempotencyKey: "key-12345",
        guestDisplayName: "Bea",
      }),
    ).toMatchObject({ guestUserId: "user-9", guestDisplayName: "Bea", userType: "Guest" });
    expect(
      attemptOf("bulk", inviter, {}, { idempotencyKey: "bulk:1", guestEmail: "row@x.example" }),
    ).toMatchObject({ guestEmail: "row@x.example", redirectUrl: "", sendInvitationMessage: false });
  });
});
