import { describe, expect, it } from "vitest";
import { getStore } from "@/lib/db";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import { inviteThroughAction } from "@/test-support/invited-guest";
import { MINIMAL_GUESTS, PEOPLE } from "@/emulator/src/index";
import {
  getRedeemLink,
  listPendingInvitations,
  regenerateRedeemLink,
  resendInvitation,
  resetGuestRedemption,
} from "./actions";

// The pending page's recorded actions (regenerate, resend, reset) end to end on the server: the local
// tenant in process and a throw-away PGlite.

const local = setUpActionTests("pending-relink-actions");

const tokenFor = local.tokenFor;
const newKey = () => crypto.randomUUID();
const invite = async (user: string, prefix?: string) =>
  inviteThroughAction(await tokenFor(user), prefix);

describe("regenerateRedeemLink and resendInvitation", () => {
  it("gets a new link silently for a guest the portal never invited, and records it", async () => {
    const key = newKey();
    const result = await regenerateRedeemLink(await tokenFor("adele"), {
      guestUserId: MINIMAL_GUESTS.pending.id,
      idempotencyKey: key,
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        status: "ok",
        email: MINIMAL_GUESTS.pending.email,
        redeemUrl: expect.stringContaining("redeem"),
      },
    });
    if (!result.ok || result.data.status !== "ok") return;
    const { redeemUrl } = result.data;
    const made = local.tenant
      .invitations()
      .find((invitation) => invitation.inviteRedeemUrl === redeemUrl);
    expect(made).toMatchObject({ sendInvitationMessage: false, userId: MINIMAL_GUESTS.pending.id });
    const [recorded] = (await (await getStore()).listHistory({ limit: 1, kind: "regenerate_link" }))
      .items;
    expect(recorded).toMatchObject({
      outcome: "succeeded",
      inviterOid: PEOPLE.adele.id,
      guestUserId: MINIMAL_GUESTS.pending.id,
      sendInvitationMessage: false,
    });
    expect(
      await getRedeemLink(await tokenFor("adele"), { guestUserId: MINIMAL_GUESTS.pending.id }),
    ).toEqual({
      ok: true,
      data: { redeemUrl },
    });
    // The same key again answers from the history without a second invitation.
    const posts = local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" }).length;
    await regenerateRedeemLink(await tokenFor("adele"), {
      guestUserId: MINIMAL_GUESTS.pending.id,
      idempotencyKey: key,
    });
    expect(local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" }).length).toBe(
      posts,
    );
  });

  it("resends with the e-mail and records it; refuses guests who already accepted", async () => {
    const guest = await invite("isaiah", "resend");
    const result = await resendInvitation(await tokenFor("isaiah"), {
      guestUserId: guest.guestUserId,
      idempotencyKey: newKey(),
    });
    expect(result).toMatchObject({ ok: true, data: { status: "ok", email: guest.email } });
    expect(
      local.tenant
        .invitations()
        .find(
          (invitation) =>
            invitation.invitedUserEmailAddress === guest.email && invitation.sendInvitationMessage,
        ),
    ).toBeDefined();
    const [recorded] = (await (await getStore()).listHistory({ limit: 1, kind: "resend" })).items;
    expect(recorded).toMatchObject({
      outcome: "succeeded",
      guestUserId: guest.guestUserId,
      sendInvitationMessage: true,
    });

    expect(
      await resendInvitation(await tokenFor("isaiah"), {
        guestUserId: MINIMAL_GUESTS.accepted.id,
        idempotencyKey: newKey(),
      }),
    ).toEqual({ ok: true, data: { status: "not_pending" } });
  });

  it("records a regenerate the identity platform refused with that code, session_expired", async () => {
    const token = await tokenFor("nestor");
    // The list caches this token's User.Read.All exchange, so reading the guest still works after
    // the revocation; the invitation needs a new exchange (User.Invite.All), which is refused.
    expect(await listPendingInvitations(token, {})).toMatchObject({ ok: true });
    local.tenant.revokeSessions("nestor");
    const posts = local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" }).length;
    const key = newKey();
    expect(
      await regenerateRedeemLink(token, {
        guestUserId: MINIMAL_GUESTS.pending.id,
        idempotencyKey: key,
      }),
    ).toEqual({ ok: false, error: { code: "session_expired" } });
    expect(local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" }).length).toBe(
      posts,
    );
    const recorded = (
      await (await getStore()).listHistory({ limit: 5, inviterOid: PEOPLE.nestor.id })
    ).items.find((item) => item.idempotencyKey === key);
    expect(recorded).toMatchObject({
      kind: "regenerate_link",
      outcome: "failed",
      errorCode: "session_expired",
      guestUserId: MINIMAL_GUESTS.pending.id,
    });
  });

  it("validates its input", async () => {
    expect(
      await regenerateRedeemLink(await tokenFor("adele"), {
        guestUserId: "x'; drop",
        idempotencyKey: "k",
      }),
    ).toMatchObject({ ok: false, error: { code: "validation" } });
  });
});

describe("resetGuestRedemption", () => {
  it("refuses a team lead before any Graph call", async () => {
    const before = local.tenant.requests().length;
    expect(
      await resetGuestRedemption(await tokenFor("adele"), {
        guestUserId: MINIMAL_GUESTS.accepted.id,
        idempotencyKey: newKey(),
      }),
    ).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(local.tenant.requests().length).toBe(before);
  });

  it("resets as helpdesk with the address on the user, and records it", async () => {
    const result = await resetGuestRedemption(await tokenFor("lee"), {
      guestUserId: MINIMAL_GUESTS.accepted.id,
      idempotencyKey: newKey(),
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        status: "ok",
        email: MINIMAL_GUESTS.accepted.email,
        addedEmail: false,
        redeemUrl: expect.stringContaining("redeem"),
      },
    });
    expect(local.tenant.user(MINIMAL_GUESTS.accepted.id)?.externalUserState).toBe(
      "PendingAcceptance",
    );
    const [recorded] = (
      await (await getStore()).listHistory({ limit: 1, kind: "reset_redemption" })
    ).items;
    expect(recorded).toMatchObject({
      outcome: "succeeded",
      inviterOid: PEOPLE.lee.id,
      guestUserId: MINIMAL_GUESTS.accepted.id,
    });
  });

  it("reports email_mismatch for a new address not on the user, then succeeds after adding it", async () => {
    const guest = await invite("adele", "reset");
    const newEmail = `moved${Date.now()}@northwind.example`;
    const mismatch = await resetGuestRedemption(await tokenFor("lee"), {
      guestUserId: guest.guestUserId,
      idempotencyKey: newKey(),
      newEmail,
    });
    expect(mismatch).toMatchObject({ ok: false, error: { code: "email_mismatch" } });
    const [failed] = (await (await getStore()).listHistory({ limit: 1, kind: "reset_redemption" }))
      .items;
    expect(failed).toMatchObject({
      outcome: "failed",
      errorCode: "email_mismatch",
      guestEmail: newEmail,
    });

    const reset = await resetGuestRedemption(await tokenFor("lee"), {
      guestUserId: guest.guestUserId,
      idempotencyKey: newKey(),
      newEmail,
      addEmailToUser: true,
    });
    expect(reset).toMatchObject({
      ok: true,
      data: { status: "ok", email: newEmail, addedEmail: true },
    });
    expect(local.tenant.user(guest.guestUserId)?.otherMails).toContain(newEmail);
    // The team lead who invited the guest no longer gets the old link: only the reset one works.
    expect(
      await getRedeemLink(await tokenFor("adele"), { guestUserId: guest.guestUserId }),
    ).toEqual({
      ok: true,
      data: { redeemUrl: null },
    });
  });

  it("checks a new address with the invitation form's rules", async () => {
    expect(
      await resetGuestRedemption(await tokenFor("lee"), {
        guestUserId: MINIMAL_GUESTS.accepted.id,
        idempotencyKey: newKey(),
        newEmail: "a+b@example.com",
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "validation" },
      fieldErrors: { newEmail: [{ key: "validation.email.plusAddressing" }] },
    });
  });
});
